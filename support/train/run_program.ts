/**
 * Runs a step program in a Worker (`program_worker.ts`) and hands what it
 * reports to a {@linkcode ProgramOutput}, one message at a time, on this
 * thread (a message that arrives meanwhile waits its turn). This thread never runs a lesson, so it can watch the lessons: when
 * one has run for a long time without finishing (no training step for a
 * minute), it says which lesson to look at. It does not stop the run, which
 * may be slow rather than stuck: Ctrl-C does.
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import { resolveLesson } from "../manifest.ts";
import { errorFrom } from "./errors.ts";
import type { ProgramRequest, WorkerMessage } from "./program_worker.ts";
import type {
  ProgramOptions,
  ProgramOutput,
  StepProgram,
  TrainedModel,
} from "./step_program.ts";

/** How long a lesson may run without a word before the trainer says so. */
export function quietLimitMs(): number {
  const text = Deno.env.get("KATA_TRAIN_QUIET_SECONDS") ?? "60";
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0)) {
    throw new UserError(
      `KATA_TRAIN_QUIET_SECONDS must be a number of seconds above 0, e.g. 120: received ${
        JSON.stringify(text)
      }`,
    );
  }
  return seconds * 1000;
}

/**
 * A step program started in a Worker: first it loads the lessons and checks
 * the options ({@linkcode ProgramRun.ready}), then it runs on the names
 * ({@linkcode ProgramRun.run}).
 */
export class ProgramRun {
  #worker = new Worker(new URL("./program_worker.ts", import.meta.url), {
    type: "module",
  });
  #inbox = messages(this.#worker);
  #watch;

  /**
   * @param say Writes a note for the learner (on stderr) while it runs.
   */
  constructor(request: ProgramRequest, say: (text: string) => void) {
    this.#watch = watchdog(request.step, quietLimitMs(), say);
    this.#worker.postMessage(request);
  }

  /**
   * Waits until the lessons are loaded and the options accepted.
   *
   * @throws The program's error (an unknown step, a flag the step refuses,
   * a lesson that does not load).
   */
  async ready(): Promise<void> {
    const message = await this.#next();
    if (message.type !== "ready") throw new Error(`unexpected ${message.type}`);
  }

  /**
   * Runs the program on `names`, reporting to `output`, and ends the Worker.
   *
   * @returns The trained model and the options it ran with.
   * @throws The program's error, rebuilt on this thread (a stub's error
   * keeps its lesson).
   */
  async run(
    names: readonly string[],
    output: ProgramOutput,
  ): Promise<{ model: TrainedModel; options: ProgramOptions }> {
    this.#worker.postMessage(names);
    try {
      while (true) {
        const message = await this.#next();
        if (message.type === "line") output.line(message.text);
        if (message.type === "start") output.startTraining(message);
        if (message.type === "step") output.step(message.event);
        if (message.type === "end") await output.endTraining();
        if (message.type === "done") return message;
      }
    } finally {
      this.stop();
    }
  }

  /** Ends the Worker and the watchdog (the process may exit). */
  stop(): void {
    this.#watch.stop();
    this.#worker.terminate();
  }

  /** The next message; an error message is thrown. */
  async #next(): Promise<WorkerMessage> {
    const { value } = await this.#inbox.next();
    this.#watch.heard(value!);
    if (value!.type === "error") {
      this.stop();
      throw errorFrom(value!.error);
    }
    return value!;
  }
}

/** The Worker's messages, in the order they arrive. */
async function* messages(worker: Worker): AsyncGenerator<WorkerMessage> {
  const queue: WorkerMessage[] = [];
  let wake = () => {};
  worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
    queue.push(data);
    wake();
  };
  worker.onerror = (event) => {
    // An error the worker did not catch: a bug, reported as a message.
    event.preventDefault();
    const error = { name: "Error", message: event.message };
    queue.push({ type: "error", error });
    wake();
  };
  while (true) {
    if (queue.length === 0) await new Promise<void>((go) => wake = go);
    yield queue.shift()!;
  }
}

/** What a program is doing, as its messages tell. */
type Phase = "loading" | "setup" | "training" | "sampling";

/**
 * Says once, when nothing has been heard for `limitMs`, which lesson seems
 * stuck; again after the next message and another quiet spell.
 */
function watchdog(step: number, limitMs: number, say: (text: string) => void) {
  let phase: Phase = "loading";
  let lessons: StepProgram["lessons"] | undefined;
  let last = Date.now();
  let told = false;
  const timer = setInterval(() => {
    if (told || Date.now() - last < limitMs) return;
    told = true;
    say(`${stuckMessage(step, phase, lessons, limitMs / 1000)}\n`);
  }, Math.min(1000, limitMs / 4));
  return {
    heard(message: WorkerMessage): void {
      last = Date.now();
      told = false;
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
