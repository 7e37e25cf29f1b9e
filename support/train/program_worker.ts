/**
 * The Worker in which `deno task train` runs a step program, and so the
 * learner's lessons: the main thread stays free to draw the live view and
 * to notice a lesson that runs for long without finishing (a loop that
 * never ends blocks only this thread). See `run_program.ts`, its other end.
 *
 * In: a {@linkcode ProgramRequest}. Out, in order: `ready` (the lessons are
 * loaded, the options accepted), the program's report (`line`, `start`,
 * `step`, `end`), then `done` with the trained model; or `error` at any
 * point.
 *
 * @module
 */

import {
  DivergenceError,
  type ErrorRecord,
  explainNonFinite,
  lessonsNotLoaded,
  recordOf,
} from "./errors.ts";
import {
  optionsFor,
  type ProgramOptions,
  type ProgramOutput,
  refuseUnused,
  type StepEvent,
  type StepProgram,
  type TrainedModel,
} from "./step_program.ts";

/** What the trainer asks for: a step, the options given, the names. */
export interface ProgramRequest {
  step: number;
  given: Partial<ProgramOptions>;
  names: readonly string[];
}

/** What the Worker reports, in order. */
export type WorkerMessage =
  | { type: "ready"; lessons: StepProgram["lessons"] }
  | { type: "line"; text: string }
  | { type: "start"; steps: number; vocabSize: number }
  | { type: "step"; event: StepEvent }
  | { type: "end" }
  | { type: "done"; model: TrainedModel; options: ProgramOptions }
  | { type: "error"; error: ErrorRecord };

const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent) => void) | null;
};
const post = (message: WorkerMessage) => scope.postMessage(message);

/** The program's report, passed on as messages. */
const OUTPUT: ProgramOutput = {
  line: (text) => post({ type: "line", text }),
  startTraining: (info) => post({ type: "start", ...info }),
  step: (event) => post({ type: "step", event }),
  endTraining: () => post({ type: "end" }),
};

/** Loads the lessons, checks the options, runs the program: see above. */
scope.onmessage = async ({ data }) => {
  const { step, given, names } = data as ProgramRequest;
  let program: StepProgram | undefined;
  let options = optionsFor({}, given);
  try {
    // The lessons load here, where a top-level loop blocks only this thread.
    const { findProgram } = await import("./steps.ts").catch((error) => {
      throw lessonsNotLoaded(error);
    });
    program = findProgram(step);
    refuseUnused(program, given);
    options = optionsFor(program, given);
    post({ type: "ready", lessons: program.lessons });
    const model = await program.run(names, options, OUTPUT);
    post({ type: "done", model, options });
  } catch (error) {
    post({ type: "error", error: recordOf(explained(error)) });
  }

  /** The error as the learner reads it. */
  function explained(error: unknown): unknown {
    if (error instanceof DivergenceError && program !== undefined) {
      // The advice names this step's own rate: 1.0, 0.1 or 0.01.
      const { step, steps, loss, lr } = error;
      const guide = optionsFor(program).lr;
      return new DivergenceError(step, steps, loss, lr, guide);
    }
    return explainNonFinite(error, options.temperature);
  }
};
