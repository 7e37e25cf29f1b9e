/**
 * Runs a step program in a Worker (`program_worker.ts`) and hands what it
 * reports to a {@linkcode ProgramOutput}, one message after the other, on
 * this thread. This thread never runs a lesson, so it can watch them: when
 * one has run for a long time without a word (no training step for a
 * minute), it says which lesson to look at. It does not stop the run, which
 * may be slow rather than stuck: Ctrl-C does.
 *
 * @module
 */

import { resolveLesson } from "../manifest.ts";
import { errorFrom } from "./errors.ts";
import type { ProgramRequest, WorkerMessage } from "./program_worker.ts";
import type {
  ProgramOptions,
  ProgramOutput,
  StepProgram,
  TrainedModel,
} from "./step_program.ts";

/** What the trainer hears of a run besides the program's report. */
export interface RunHooks {
  /** The lessons are loaded and the options accepted: training comes next. */
  ready(): void;
  /** Writes a note for the learner (on stderr) while it runs. */
  say(text: string): void;
}

/**
 * Runs `request` in a Worker, reporting to `output`.
 *
 * @returns The trained model and the options it ran with.
 * @throws The program's error, rebuilt on this thread (a stub's error keeps
 * its lesson).
 */
export function runProgram(
  request: ProgramRequest,
  output: ProgramOutput,
  hooks: RunHooks,
): Promise<{ model: TrainedModel; options: ProgramOptions }> {
  const worker = new Worker(new URL("./program_worker.ts", import.meta.url), {
    type: "module",
  });
  // The quiet spell after which the trainer speaks, in seconds.
  const limit = Number(Deno.env.get("KATA_TRAIN_QUIET_SECONDS")) || 60;
  const watch = watchdog(request.step, limit, hooks.say);
  return new Promise<{ model: TrainedModel; options: ProgramOptions }>(
    (resolve, reject) => {
      // One message after the other, even when one takes time (endTraining).
      let handled = Promise.resolve();
      const handle = async (message: WorkerMessage) => {
        watch.heard(message);
        if (message.type === "ready") hooks.ready();
        if (message.type === "line") output.line(message.text);
        if (message.type === "start") output.startTraining(message);
        if (message.type === "step") output.step(message.event);
        if (message.type === "end") await output.endTraining();
        if (message.type === "done") resolve(message);
        if (message.type === "error") reject(errorFrom(message.error));
      };
      worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
        handled = handled.then(() => handle(data)).catch(reject);
      };
      worker.onerror = (event) => {
        // Nothing a lesson throws gets here; report it all the same.
        event.preventDefault();
        reject(new Error(event.message));
      };
      worker.postMessage(request);
    },
  ).finally(() => {
    watch.stop();
    worker.terminate();
  });
}

/** What a program is doing, as its messages tell. */
type Phase = "loading" | "setup" | "training" | "sampling";

/**
 * Says once, when nothing has been heard for `seconds`, which lesson seems
 * stuck; again after the next message and another quiet spell.
 */
function watchdog(step: number, seconds: number, say: (text: string) => void) {
  let phase: Phase = "loading";
  let lessons: StepProgram["lessons"] | undefined;
  let last = Date.now();
  let told = false;
  const timer = setInterval(() => {
    if (told || Date.now() - last < seconds * 1000) return;
    told = true;
    say(`${stuckMessage(step, phase, lessons, seconds)}\n`);
  }, Math.min(1000, seconds * 250));
  return {
    heard(message: WorkerMessage): void {
      [last, told] = [Date.now(), false];
      if (message.type === "ready") {
        [phase, lessons] = ["setup", message.lessons];
      }
      if (message.type === "start") phase = "training";
      if (message.type === "end") phase = "sampling";
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * What the trainer says when a phase of the program has been quiet for
 * `seconds`: the lesson to look at.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stuckMessage } from "./run_program.ts";
 *
 * const lessons = { setup: ["step1/01"], train: "step1/10", sample: "step1/11" };
 * assertEquals(
 *   stuckMessage(1, "training", lessons, 60),
 *   "No training step has finished for 60 s: is train() in lessons/step1/10_training.ts, or a function it calls, stuck in a loop? (Ctrl-C stops)",
 * );
 * ```
 */
export function stuckMessage(
  step: number,
  phase: Phase,
  lessons: StepProgram["lessons"] | undefined,
  seconds: number,
): string {
  const file = (id: string) => resolveLesson(id).lessonFile;
  const question = lessons === undefined || phase === "loading"
    ? `The lessons of Step ${step} have not finished loading after ${seconds} s: does one of them run a loop at its top level, outside any function?`
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
  return `${question} (Ctrl-C stops)`;
}
