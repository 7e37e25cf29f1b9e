/**
 * The child process of `deno task viz`, the one place where the learner's
 * lessons run (`widgets.ts` run as a program; the server's half is
 * `jobs.ts`). It reads one request on stdin, loads every lesson in the
 * manifest's order, answers with JSON lines on stdout, each marked with
 * {@linkcode PREFIX} (any other line is the learner's own output), and
 * exits:
 *
 * - a widget without `params`: its status, its lessons probed on a tiny input;
 * - a widget with `params`: its answer to the page (and the model it
 *   trained first, when asked to: the server keeps it);
 * - a training: a step program's messages, one per step and line.
 *
 * A widget takes its lesson functions from `lesson("step1/04")`, each one
 * wrapped: before it runs, the server hears which function of which file is
 * running (`doing`), so when a call outlives its time limit the server can
 * name it ("Did softmax() get stuck in a loop? lessons/step1/04_softmax.ts
 * …"). The lessons a widget asks for are also its range, what its waiting
 * card needs.
 *
 * @module
 */

import { visible } from "../cli/style.ts";
import { allLessons, resolveLesson, TRACKS } from "../manifest.ts";
import { projectPath } from "../root.ts";
import { NotImplementedError } from "../todo.ts";
import { smoothLoss } from "../train/chart.ts";
import {
  optionsFor,
  SILENT,
  type StepProgram,
  type TrainedModel,
} from "../train/step_program.ts";
import { type Params, Refusal } from "./params.ts";

/** Marks a line of the protocol: the learner's own prints never start so. */
export const PREFIX = "\x1e";

/** What a child is about to run: what a time limit names. */
export interface Doing {
  /** What runs, e.g. "softmax()", or the lesson id while loading. */
  what: string;
  /** Where, e.g. "lessons/step1/04_softmax.ts", or "Step 3's program". */
  where: string;
  /** The command that tests it. */
  command: string;
  /** The module is still loading (its top level runs). */
  loading?: boolean;
}

/** Where a card, or one of its options, stands: live, or why not. */
export type Status = { state: "live"; details?: unknown } | Failure;

/** A card waiting for a lesson to write, or broken. */
type Failure =
  | { state: "waiting"; lesson: string; message: string; command: string }
  | { state: "broken"; message: string; command: string };

/** What a child is asked: every widget's status, a widget's answer, or a training. */
export type Job =
  | { kind: "statuses"; widgets: string[] }
  | {
    kind: "widget";
    widget: string;
    params: Params;
    /** The model it looks into: the step and steps to train, and the model if the server has it. */
    train?: number[];
    model?: TrainedModel;
  }
  | { kind: "train"; step: number; steps: number };

/** A job, with the names to learn from. */
type ChildRequest = Job & { names: string[] };

/** What a child says: what runs, then an answer, a refusal, or a training's messages. */
export type ChildMessage =
  | { doing: Doing }
  | { status: Status & { id: string } }
  | { answer: unknown; model?: TrainedModel }
  | { refusal: { status: number; message: string } }
  | { type: "start"; steps: number; vocabSize: number }
  | { type: "step"; step: number; steps: number; loss: number; smooth: number }
  | { type: "line"; text: string }
  | { type: "end" | "done" };

/** What a computation may use besides its request. */
export interface Context {
  /** The names the trainer would learn from, in file order. */
  names: string[];
  /** The model it looks into, if it needs one. */
  model?: TrainedModel;
}

/** A widget, as the child runs it. */
export interface Widget {
  /** Calls its lessons on a tiny input: throws what they throw while one is a stub. */
  probe(): unknown;
  /** Answers the page: a JSON object in, a JSON value out. */
  compute?(params: Params, ctx: Context): unknown;
}

/** Gives a widget the lesson `id`'s exports, its functions wrapped (see above). */
export type Lessons = <T>(id: string) => T;

/** How many names a training samples at its end. */
const SAMPLES = 10;

/** The watchdog thread: ends this process once its parent is gone. */
const ORPHAN_GUARD = `const parent = Deno.ppid;
setInterval(() => Deno.ppid !== parent && Deno.kill(Deno.pid, "SIGKILL"), 500);`;

/**
 * Answers the request on stdin with `widgets` (by id), then exits. A
 * failure is a refusal: 400 a bad request, 404 nothing to compute, 409 a
 * lesson to write, 500 a failure.
 */
export async function answer(
  widgets: Record<string, (lesson: Lessons) => Widget>,
): Promise<never> {
  // The server stops its children; a server killed outright (kill -9) cannot.
  // A thread of this child's own then ends it, even in a lesson's endless
  // loop: Deno.ppid changes when the parent is gone.
  new Worker(`data:text/javascript,${encodeURIComponent(ORPHAN_GUARD)}`, {
    type: "module",
  });
  const text = await new Response(Deno.stdin.readable).text();
  const request: ChildRequest = JSON.parse(text);
  await loadLessons();
  try {
    if (request.kind === "train") await train(request);
    else if (request.kind === "widget") {
      await compute(widgets[request.widget], request);
    } else {
      // One after the other, each saying its lessons' calls: a probe that
      // never returns is named, and the server goes on in a new child.
      for (const id of request.widgets) {
        ASKED.clear();
        say({ status: { id, ...await status(widgets[id]) } });
      }
      say({ type: "done" });
    }
  } catch (error) {
    const failed = failure(error, "");
    const refusal = error instanceof Refusal
      ? { status: error.status, message: error.message }
      : failed.state === "waiting"
      ? { status: 409, message: `Waits for ${failed.message}` }
      : { status: 500, message: failed.message };
    say({ refusal });
  }
  Deno.exit(0);
}

/**
 * A widget's status. A widget whose options are steps (`details.steps`),
 * none of them live yet, waits as its first one does.
 */
async function status(make: (lesson: Lessons) => Widget): Promise<Status> {
  const status = await statusOf(range, () => make(lesson).probe());
  const { details } = status as { details?: { steps?: Status[] } };
  const steps = details?.steps;
  return steps?.every((step) => step.state !== "live") ? steps[0] : status;
}

/**
 * The widget's range: the lessons it asked for, first to last, in words
 * and as the command that tests them.
 */
function range(): string[] {
  const ids = allLessons().map((e) => e.lesson.id).filter((e) => ASKED.has(e));
  const tests = ids.map((id) => resolveLesson(id).testFile).join(" ");
  const needs = ids.length === 1
    ? `lesson ${ids[0]}`
    : `lessons ${ids[0]} to ${ids.at(-1)}`;
  return [needs, test(tests)];
}

/** A widget's answer, after training the model it looks into when asked to. */
async function compute(
  make: (lesson: Lessons) => Widget,
  { widget: id, params, names, model, train }: ChildRequest & {
    kind: "widget";
  },
): Promise<void> {
  const widget = make(lesson);
  if (widget.compute === undefined) {
    const message =
      `The ${id} widget computes nothing: it trains through /api/train.`;
    throw new Refusal(404, message);
  }
  const trained = model === undefined && train !== undefined
    ? await trainedModel(train[0], train[1], names)
    : undefined;
  const ctx = { names, model: model ?? trained };
  say({ answer: await widget.compute(params, ctx), model: trained });
}

/**
 * Runs step `step`'s program for `steps` steps, as `deno task train` does,
 * saying each line it prints and each step, with the loss smoothed as the
 * trainer smooths it (the program stops a loss that is not finite itself).
 */
async function train(
  { step, steps, names }: ChildRequest & { kind: "train" },
): Promise<void> {
  const found = await program(step);
  let smooth = NaN;
  await found.run(names, optionsFor(found, { steps, samples: SAMPLES }), {
    line: (text) => say({ type: "line", text }),
    startTraining: (info) => say({ type: "start", ...info }),
    step: ({ step, steps, loss }) => {
      smooth = smoothLoss(smooth, loss, step, steps);
      say({ type: "step", step, steps, loss, smooth });
    },
    endTraining: () => say({ type: "end" }),
  });
  say({ type: "done" });
}

/** Sends one message to the server now: the next line of lesson code may never return. */
function say(message: ChildMessage): void {
  let bytes = new TextEncoder().encode(`${PREFIX}${JSON.stringify(message)}\n`);
  while (bytes.length > 0) bytes = bytes.subarray(Deno.stdout.writeSync(bytes));
}

/** What runs now, as last told to the server, and when. */
let told: { doing?: Doing; at: number } = { at: 0 };

/**
 * Tells the server what is about to run: the name its time limit gives a
 * call that never returns. The same call again is told once a second, to
 * say it is still going.
 */
function doing(what: Doing): void {
  const now = performance.now();
  const same = told.doing?.what === what.what &&
    told.doing.where === what.where;
  if (same && now - told.at < 1000) return;
  told = { doing: what, at: now };
  say({ doing: what });
}

/** A lesson's file, and its module or why it did not load. */
type Loaded = { file: string; module?: object; error?: unknown };

/** The lessons, by id. */
const LOADED = new Map<string, Loaded>();

/**
 * Imports every lesson, in the manifest's order, telling the server which
 * one is loading: a lesson that never finishes loading (a loop at its top
 * level) is named by the time limit. A lesson that does not load (a syntax
 * error, a missing file) is kept with deno's error, for the widgets that
 * ask for it.
 */
async function loadLessons(): Promise<void> {
  for (const { lesson: { id }, lessonFile, testFile } of allLessons()) {
    // Through the import map: --solutions sends lessons/ to solutions/.
    const url = import.meta.resolve(`../../${lessonFile}`);
    const file = projectPath(url);
    doing({ loading: true, what: id, where: file, command: test(testFile) });
    try {
      LOADED.set(id, { file, module: await import(url) });
    } catch (error) {
      LOADED.set(id, { file, error });
    }
  }
}

/** The lessons the widget being built asked for. */
const ASKED = new Set<string>();

/** Lesson `id`'s exports, each function wrapped to say its name before it runs. */
function lesson<T>(id: string): T {
  ASKED.add(id);
  const { file, module, error } = LOADED.get(id)!;
  const command = test(resolveLesson(id).testFile);
  if (error !== undefined) {
    doing({ what: id, where: file, command }); // Its test shows the same error.
    const why = error instanceof Error ? error.message : error;
    throw new Error(`${file} could not be loaded: ${why}`);
  }
  const exports: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(module!)) {
    // A class (Value) is made with `new`, and runs no learner loop.
    const plain = typeof value !== "function" || /^class\b/.test(`${value}`);
    exports[name] = plain ? value : (...args: unknown[]) => {
      doing({ what: `${name}()`, where: file, command });
      return value(...args);
    };
  }
  return exports as T;
}

/**
 * Step `step`'s program, as `deno task train --step N` runs it, told to the
 * server first (it runs many lessons: a stuck one is named by its step).
 * Imported here, not above: it loads every lesson, and a lesson that does
 * not parse then breaks only the widgets that run a program.
 */
async function program(step: number): Promise<StepProgram> {
  doing(running(step));
  const { findProgram } = await import("../train/steps.ts");
  return findProgram(step);
}

/** Step `step`'s program, as a time limit names it. */
function running(step: number): Doing {
  return {
    what: `a lesson of Step ${step}`,
    where: `Step ${step}'s program`,
    command: test(`tests/step${step}/`),
  };
}

/**
 * Step `step`'s model, trained `steps` steps on `names` as `deno task
 * train` trains it (0: its starting weights); each step tells the server
 * that it is still going.
 */
export async function trainedModel(
  step: number,
  steps: number,
  names: readonly string[],
): Promise<TrainedModel> {
  const found = await program(step);
  const options = optionsFor(found, { steps, samples: 0 });
  const output = { ...SILENT, step: () => doing(running(step)) };
  return await found.run(names, options, output);
}

/** Step `step`'s sampler for `model` (a GPT's has `gpt`). */
export async function load(step: number, model: TrainedModel) {
  return (await program(step)).load(model);
}

/** `deno task test` of a file or folder. */
function test(path: string): string {
  return `deno task test ${path}`;
}

/**
 * Step `step`'s status, given what `probe` does with the step's lessons
 * (the step's own, and those it builds on).
 */
export function stepStatus(step: number, probe: () => unknown) {
  const needs = `the lessons of Step ${step} and those it builds on`;
  return statusOf(() => [needs, test(`tests/step${step}/`)], probe);
}

/** Whether each step's program trains and samples, kept for this process. */
const PROGRAMS = new Map<number, Promise<Status>>();

/** Step `step`'s program's status: live when it trains a step on two tiny names. */
export function programStatus(step: number): Promise<Status> {
  const probe = async () =>
    void await load(step, await trainedModel(step, 1, ["ab", "ba"]));
  if (!PROGRAMS.has(step)) PROGRAMS.set(step, stepStatus(step, probe));
  return PROGRAMS.get(step)!;
}

/** Every step program's status, in the manifest's order, with its title. */
export async function programStatuses() {
  const steps = [];
  for (const { step, title } of TRACKS) {
    steps.push({ step, title, ...await programStatus(step) });
  }
  return { steps };
}

/**
 * Where something stands, given what its probe did: live (with what the
 * probe returned), waiting for the lesson a stub named, or broken.
 *
 * @param range Its range: in words (e.g. "lessons step0/01 to step0/03"),
 * and what tests it (for a failure outside any lesson call).
 */
async function statusOf(
  range: () => string[],
  probe: () => unknown,
): Promise<Status> {
  try {
    return { state: "live", details: await probe() };
  } catch (error) {
    const [needs, command] = range();
    const failed = failure(error, command);
    // The range first: it stays put while the next lesson moves on.
    if (failed.state === "waiting") {
      failed.message = `Needs ${needs}. Next to write: ${failed.message}`;
    }
    return failed;
  }
}

/**
 * A failure as a card shows it: the lesson to write (the one whose stub
 * threw), or what went wrong and the test of the lesson that was running.
 */
function failure(error: unknown, command: string): Failure {
  if (error instanceof NotImplementedError && error.lesson !== undefined) {
    const { lesson, lessonFile, testFile } = resolveLesson(error.lesson);
    return {
      state: "waiting",
      lesson: lesson.id,
      message:
        `lesson ${lesson.id} "${lesson.title}" (guide ${lesson.guide}): open ${lessonFile} and make its tests pass.`,
      command: test(testFile),
    };
  }
  // A lesson that did not load says so itself (a plain Error).
  const what = !(error instanceof Error)
    ? error
    : error.name === "Error"
    ? error.message
    : `${error.name}: ${error.message}`;
  // The lesson's own words: escaped, at most 20 lines of 500 characters.
  const lines = String(what).split("\n").slice(0, 20);
  return {
    state: "broken",
    message: `Your lesson code failed: ${
      lines.map((line) => visible(line, { max: 500 })).join("\n")
    }`,
    command: told.doing?.loading ? command : told.doing?.command ?? command,
  };
}
