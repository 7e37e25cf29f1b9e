/**
 * One child process of `deno task viz`, where the learner's lessons run
 * (see `work.ts`): it reads one request on stdin, loads every lesson in the
 * manifest's order, answers with JSON lines on stdout, and exits. The server
 * kills it when its answer is no longer wanted or it stays silent too long.
 *
 * - a widget without `params`: its status, probed on a tiny input;
 * - a widget with `params`: its answer to the page (and the model it
 *   trained first, when asked to: the server keeps it);
 * - a training: a step program's messages, one per step and line.
 *
 * @module
 */

import { allLessons, resolveLesson } from "../manifest.ts";
import { optionsFor, type ProgramOutput } from "../train/step_program.ts";
import { BadRequest } from "./params.ts";
import {
  failure,
  lessonsFor,
  loadLessons,
  program,
  say,
  statusOf,
  test,
  trainedModel,
} from "./widget.ts";
import { WIDGETS } from "./widgets.ts";
import type { ChildRequest, Status } from "./work.ts";

/** How many names a training samples at its end. */
const SAMPLES = 10;

const request: ChildRequest = JSON.parse(
  await new Response(Deno.stdin.readable).text(),
);
await loadLessons(allLessons().map((entry) => entry.lesson.id));
if (request.kind === "train") await train(request);
else if (request.params === undefined) {
  say({ status: await status(request.widget) });
} else await compute(request);
Deno.exit(0);

/**
 * Widget `id`'s module, given its lessons, and its range: the lessons it
 * asked for, first to last, in words and as the tests of each.
 */
function widgetOf(id: string) {
  const { lesson, asked } = lessonsFor();
  const make = WIDGETS[id];
  const widget = make(lesson);
  const ids = allLessons().map((e) => e.lesson.id).filter((e) =>
    asked.includes(e)
  );
  const needs = ids.length === 1
    ? `lesson ${ids[0]}`
    : `lessons ${ids[0]} to ${ids.at(-1)}`;
  const tests = ids.map((e) => resolveLesson(e).testFile).join(" ");
  return { widget, needs, command: test(tests) };
}

/**
 * A widget's status. A widget whose options are steps (`details.steps`),
 * none of them live yet, waits as its first one does.
 */
async function status(id: string): Promise<Status> {
  let found;
  try {
    found = widgetOf(id);
  } catch (error) {
    return failure(error, "deno task progress");
  }
  const status = await statusOf(found.needs, found.command, found.widget.probe);
  const steps = (status.details as { steps?: Status[] } | undefined)?.steps;
  if (steps !== undefined && !steps.some((step) => step.state === "live")) {
    return steps[0];
  }
  return status;
}

/**
 * A widget's answer, or its refusal: 400 a bad request, 404 nothing to
 * compute, 409 a lesson to write, 500 a failure.
 */
async function compute(
  { widget: id, params, names, model, train }: ChildRequest & {
    kind: "widget";
  },
): Promise<void> {
  try {
    const { widget } = widgetOf(id);
    if (widget.compute === undefined) {
      const message =
        `The ${id} widget computes nothing: it trains through /api/train.`;
      return say({ refusal: { status: 404, message } });
    }
    const trained = train && await trainedModel(...train, names);
    const answer = await widget.compute(params!, {
      names,
      model: model ?? trained,
    });
    say({ answer, ...(trained && { model: trained }) });
  } catch (error) {
    if (error instanceof BadRequest) {
      return say({ refusal: { status: 400, message: error.message } });
    }
    const failed = failure(error, "deno task progress");
    say({
      refusal: failed.state === "waiting"
        ? { status: 409, message: `Waits for ${failed.message}` }
        : { status: 500, message: failed.message },
    });
  }
}

/**
 * Runs step `step`'s program for `steps` steps, as `deno task train` does,
 * saying each step and each line it prints.
 */
async function train(
  { step, steps, names }: ChildRequest & { kind: "train" },
): Promise<void> {
  const output: ProgramOutput = {
    line: (text) => say({ type: "line", text }),
    startTraining: (info) => say({ type: "start", ...info }),
    step: ({ step, steps, loss }) => {
      if (!Number.isFinite(loss)) {
        throw new Error(`the loss became ${loss} at step ${step + 1}`);
      }
      say({ type: "step", step, steps, loss });
    },
    endTraining: () => say({ type: "end" }),
  };
  try {
    const found = await program(step);
    await found.run(
      names,
      optionsFor(found, { steps, samples: SAMPLES }),
      output,
    );
    say({ type: "done" });
  } catch (error) {
    const failed = failure(error, test(`tests/step${step}/`));
    say(
      failed.state === "waiting"
        ? {
          type: "error",
          message: `Waits for ${failed.message}`,
          waiting: failed.lesson,
        }
        : { type: "error", message: failed.message },
    );
  }
}
