/**
 * Runs a step program in a Worker, and so the learner's lessons, and hands
 * what it reports to a {@linkcode ProgramOutput}, one message after the
 * other, on this thread. This module is both ends: {@linkcode runProgram}
 * starts a Worker on this same module, whose top level (in the Worker)
 * waits for the request.
 *
 * This thread never runs a lesson, so it stays free to draw the live view
 * and to watch: when a lesson has run for a long time without a word (no
 * training step for a minute), it says which lesson to look at and stops the
 * run (the command exits, which ends a Worker busy in a loop too).
 *
 * In the Worker, in order: `ready` (the lessons are loaded, the options
 * accepted), the program's report (`output`: a call of one of its methods),
 * then `done` with the trained model; or `error` at any point.
 *
 * @module
 */

import { secondsFromEnv } from "../cli/args.ts";
import { UserError } from "../cli/errors.ts";
import { resolveLesson } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";
import { NotImplementedError } from "../todo.ts";
import {
  optionsFor,
  type ProgramOptions,
  type ProgramOutput,
  refuseUnused,
  type StepProgram,
  type TrainedModel,
} from "./step_program.ts";

/** What the trainer asks for: a step, the options given, the names. */
export interface ProgramRequest {
  step: number;
  given: Partial<ProgramOptions>;
  names: readonly string[];
}

/** A finished run: the trained model and the options it ran with. */
interface ProgramRun {
  model: TrainedModel;
  options: ProgramOptions;
}

/** What the Worker reports, in order. */
type Message =
  | { type: "ready"; lessons: StepProgram["lessons"] }
  | { type: "output"; calls: [keyof ProgramOutput, unknown[]][] }
  | { type: "done" } & ProgramRun
  | {
    type: "error";
    /** What was thrown, as cloning keeps it (an Error's message and stack). */
    error: unknown;
    /** What cloning loses: the name, a user error's exit code, a stub's lesson. */
    name?: string;
    code?: number;
    lesson?: string;
  };

/**
 * Runs `request` in a Worker, reporting to `output`. The Worker starts at
 * once and loads the lessons while the caller still reads the names: Step
 * 1's whole run is a few hundred milliseconds, and starting a Worker costs
 * about 40 of them.
 *
 * @param ready Called, and awaited, when the lessons are loaded and the
 * options accepted (training comes next).
 * @throws The program's error, rebuilt on this thread: a stub's error keeps
 * its lesson, a user error its sentence and exit code, a bug its stack.
 */
export function runProgram(
  request: Promise<ProgramRequest>,
  output: ProgramOutput,
  ready: () => void | Promise<void>,
): Promise<ProgramRun> {
  // The quiet spell after which the trainer speaks, in seconds.
  const quiet = secondsFromEnv("KATA_TRAIN_QUIET_SECONDS", 60);
  const worker = new Worker(import.meta.url, { type: "module" });
  let phase: Phase = "setup";
  let lessons: StepProgram["lessons"] | undefined;
  let heard = Date.now();
  const { promise, resolve, reject } = Promise.withResolvers<ProgramRun>();
  const watchdog = setInterval(() => {
    if (Date.now() - heard < quiet * 1000) return;
    reject(new UserError(stuckMessage(phase, lessons, quiet)));
  }, Math.min(1000, quiet * 250));

  const handle = async (message: Message) => {
    heard = Date.now();
    if (message.type === "ready") {
      lessons = message.lessons;
      await ready();
    }
    for (const [call, args] of message.type === "output" ? message.calls : []) {
      if (call === "startTraining") phase = "training";
      if (call === "endTraining") phase = "sampling";
      await Reflect.apply(output[call], output, args);
    }
    if (message.type === "done") resolve(message);
    if (message.type === "error") {
      const { error, name, code, lesson } = message;
      const { message: text } = Object(error);
      reject(
        name === "NotImplementedError"
          ? new NotImplementedError(text, lesson)
          : code !== undefined
          ? new UserError(text, code)
          // A bug: Deno prints its stack, as it would have in the Worker.
          : error,
      );
    }
  };
  // One message after the other, even when one takes time (endTraining).
  let handled = Promise.resolve();
  worker.onmessage = ({ data }: MessageEvent<Message>) => {
    handled = handled.then(() => handle(data)).catch(reject);
  };
  worker.onerror = (event) => {
    // Nothing a lesson throws gets here; report it all the same.
    event.preventDefault();
    reject(new Error(event.message));
  };
  // The names may not be read: then that is the run's error.
  request.then((request) => worker.postMessage(request), reject);
  return promise.finally(() => {
    clearInterval(watchdog);
    worker.terminate();
  });
}

/** What a program is doing once its lessons are loaded. */
type Phase = "setup" | "training" | "sampling";

/**
 * What the trainer says when a phase of the program has been quiet for
 * `seconds`: the lesson to look at (`lessons` undefined: still loading).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stuckMessage } from "./run_program.ts";
 *
 * const lessons = { setup: ["step1/01"], train: "step1/10", sample: "step1/11" };
 * assertEquals(
 *   stuckMessage("training", lessons, 60),
 *   "No training step has finished for 60 s: is train() in lessons/step1/10_training.ts, or a function it calls, stuck in a loop? Stopped: deno task progress runs each lesson's tests with a time limit and names the one that loops",
 * );
 * ```
 */
export function stuckMessage(
  phase: Phase,
  lessons: StepProgram["lessons"] | undefined,
  seconds: number,
): string {
  const file = (id: string) => resolveLesson(id).lessonFile;
  const question = lessons === undefined
    ? `The lessons have not finished loading after ${seconds} s: does one of them run a loop at its top level, outside any function?`
    : phase === "setup"
    ? `Training has not started after ${seconds} s: is a function of ${
      lessons.setup.map(file).join(" or ")
    } stuck in a loop?`
    : phase === "training"
    ? `No training step has finished for ${seconds} s: is train() in ${
      file(lessons.train)
    }, or a function it calls, stuck in a loop?`
    : `No name has been sampled for ${seconds} s: is sample() in ${
      file(lessons.sample)
    }, or a function it calls, stuck in a loop?`;
  return `${question} Stopped: deno task progress runs each lesson's tests with a time limit and names the one that loops`;
}

/**
 * The step programs (`steps.ts`), and so the lessons, loaded: a lesson that
 * does not even load (a syntax error, an export renamed) is one sentence
 * naming its file and line, instead of Deno's error frame.
 */
export function loadPrograms(): Promise<typeof import("./steps.ts")> {
  return import("./steps.ts").catch((error) => {
    throw lessonsNotLoaded(error);
  });
}

function lessonsNotLoaded(error: unknown): UserError {
  const text = error instanceof Error ? error.message : String(error);
  const at = /at file:\/\/(\S+?):(\d+):\d+/.exec(text);
  const where = at === null
    ? ""
    : ` (at ${at[1].replace(ROOT_DIR, "")}:${at[2]})`;
  return new UserError(
    `The lessons could not be loaded: ${
      text.split("\n")[0]
    }${where}. Fix it and run this again (deno task progress shows it too)`,
  );
}

// In the Worker (this module is its main module): load the lessons, check
// the options, run the program, and report every call of its output.
if (import.meta.main) {
  const scope = self as unknown as {
    postMessage(message: Message): void;
    onmessage(event: MessageEvent<ProgramRequest>): void;
  };
  // The output's calls go in batches: a message per training step would
  // cost Step 1 a tenth of its time, a message per line Step 0 (1,024
  // lines) as much. A batch waits at most 25 ms (the live view draws far
  // less often); a new phase leaves at once, for the watchdog.
  let calls: [keyof ProgramOutput, unknown[]][] = [];
  let sent = performance.now();
  const post = (message: Message) => {
    if (calls.length > 0) scope.postMessage({ type: "output", calls });
    [calls, sent] = [[], performance.now()];
    if (message.type !== "output") scope.postMessage(message);
  };
  const forward = (call: keyof ProgramOutput) => (...args: unknown[]) => {
    calls.push([call, args]);
    if (call.endsWith("Training") || performance.now() - sent > 25) {
      post({ type: "output", calls: [] });
    }
  };
  const output: ProgramOutput = {
    line: forward("line"),
    startTraining: forward("startTraining"),
    step: forward("step"),
    endTraining: forward("endTraining"),
  };
  // The lessons load at once (while the trainer reads the names), here,
  // where a top-level loop blocks only this thread.
  const programs = loadPrograms();
  programs.catch(() => {}); // reported when the request comes
  scope.onmessage = async ({ data: { step, given, names } }) => {
    try {
      const { findProgram } = await programs;
      const program = findProgram(step);
      refuseUnused(program, given);
      const options = optionsFor(program, given);
      post({ type: "ready", lessons: program.lessons });
      const model = program.run(names, options, output);
      post({ type: "done", model, options });
    } catch (error) {
      const { name, code, lesson } = Object(error);
      post({ type: "error", error, name, code, lesson });
    }
  };
}
