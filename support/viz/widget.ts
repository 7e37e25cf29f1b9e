/**
 * The widgets' half of a child process (`child.ts`, the one place where the
 * learner's lessons run): how a widget reaches its lessons and the step
 * programs, how a call that never returns gets its name, and what a card
 * says while it waits for a lesson.
 *
 * A widget module (`widgets/<id>.ts`) exports `widget(lesson)`, which takes
 * its lesson functions from `lesson("step1/04")`. Each one comes wrapped:
 * before it runs, the server hears which function of which file is running,
 * so when a call outlives its time limit the server can name it ("Did
 * softmax() get stuck in a loop? lessons/step1/04_softmax.ts …"). The lessons
 * a widget asks for are also its range, what its waiting card needs.
 *
 * @module
 */

import { resolveLesson, TRACKS } from "../manifest.ts";
import { projectPath } from "../root.ts";
import { NotImplementedError } from "../todo.ts";
import {
  optionsFor,
  SILENT,
  type StepProgram,
  type TrainedModel,
} from "../train/step_program.ts";
import type { Params } from "./params.ts";
import { type ChildMessage, type Doing, PREFIX, type Status } from "./work.ts";

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

/** Sends one message to the server now: the next line of lesson code may never return. */
export function say(message: ChildMessage): void {
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
export function doing(what: Doing): void {
  const now = performance.now();
  const same = told.doing?.what === what.what &&
    told.doing.where === what.where;
  if (same && now - told.at < 1000) return;
  told = { doing: what, at: now };
  say({ doing: what });
}

/** The lessons loaded by `loadLessons`: each module, or why it did not load. */
const LOADED = new Map<
  string,
  { file: string; module?: object; error?: unknown }
>();

/**
 * Imports every lesson, in the manifest's order, telling the server which
 * one is loading: a lesson that never finishes loading (a loop at its top
 * level) is named by the time limit. A lesson that does not load (a syntax
 * error, a missing file) is kept with deno's error, for the widgets that
 * ask for it.
 */
export async function loadLessons(ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const { lessonFile, testFile } = resolveLesson(id);
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

/** A `lesson` function for one widget, and the ids it was asked for (the widget's range). */
export function lessonsFor(): { lesson: Lessons; asked: string[] } {
  const asked: string[] = [];
  const lesson = <T>(id: string): T => {
    const { file, module, error } = LOADED.get(id)!;
    const command = test(resolveLesson(id).testFile);
    if (error !== undefined) {
      doing({ what: id, where: file, command }); // Its test shows the same error.
      const why = error instanceof Error ? error.message : error;
      throw new Error(`${file} could not be loaded: ${why}`);
    }
    asked.push(id);
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
  };
  return { lesson, asked };
}

/**
 * Step `step`'s program, as `deno task train --step N` runs it, told to the
 * server first (it runs many lessons: a stuck one is named by its step).
 * Imported here, not above: it loads every lesson, and a lesson that does
 * not parse then breaks only the widgets that run a program.
 */
export async function program(step: number): Promise<StepProgram> {
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
export function test(path: string): string {
  return `deno task test ${path}`;
}

/** A step's range in words: its own lessons, and the earlier ones it uses. */
export function stepNeeds(step: number): string {
  return `the lessons of Step ${step} and those it builds on`;
}

/** Whether each step's program trains and samples, kept for this process. */
const PROGRAMS = new Map<number, Promise<Status>>();

/** Step `step`'s program's status: live when it trains a step on two tiny names. */
export function programStatus(step: number): Promise<Status> {
  if (!PROGRAMS.has(step)) {
    const probe = async () =>
      void load(step, await trainedModel(step, 1, ["ab", "ba"]));
    PROGRAMS.set(
      step,
      statusOf(stepNeeds(step), test(`tests/step${step}/`), probe),
    );
  }
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
 * @param needs Its range in words, e.g. "lessons step0/01 to step0/03".
 * @param command What tests its range (for a failure outside any lesson call).
 */
export async function statusOf(
  needs: string,
  command: string,
  probe: () => unknown,
): Promise<Status> {
  try {
    return { state: "live", details: await probe() };
  } catch (error) {
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
export function failure(error: unknown, command: string) {
  if (error instanceof NotImplementedError && error.lesson !== undefined) {
    const { lesson, lessonFile, testFile } = resolveLesson(error.lesson);
    return {
      state: "waiting" as const,
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
  return {
    state: "broken" as const,
    message: `Your lesson code failed: ${what}`,
    command: told.doing?.loading ? command : told.doing?.command ?? command,
  };
}
