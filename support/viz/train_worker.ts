/**
 * A Deno Worker that runs one step program and posts what it reports, so
 * the server stays responsive while the model trains, and can stop the
 * training by terminating the worker (when the page closes).
 *
 * In: `{ step, steps, names }`. Out, in order: `start`, one `step` per
 * training step, `line`s, `end`, then `done` — or `error` at any point.
 *
 * @module
 */

import {
  programOptions,
  type ProgramOutput,
  runProgram,
} from "./trainer_link.ts";
import { describe, waitingFor } from "./widget.ts";

/** What the server sends this worker and `model_worker.ts`. */
export interface TrainRequest {
  step: number;
  steps: number;
  names: string[];
}

/** How many names the program samples after training. */
const SAMPLES = 10;

const scope = self as unknown as {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<TrainRequest>) => void) | null;
};

scope.onmessage = async ({ data: { step, steps, names } }) => {
  const post = (message: unknown) => scope.postMessage(message);
  const output: ProgramOutput = {
    line: (text) => post({ type: "line", text }),
    startTraining: (info) => post({ type: "start", ...info }),
    step: ({ step, loss, lr }) => {
      if (!Number.isFinite(loss)) {
        throw new Error(`the loss became ${loss} at step ${step + 1}`);
      }
      post({ type: "step", step, loss, lr });
    },
    endTraining: () => post({ type: "end" }),
  };
  try {
    await runProgram(
      step,
      names,
      programOptions(step, { steps, samples: SAMPLES }),
      output,
    );
    post({ type: "done" });
  } catch (error) {
    // A stub is a lesson still to write: the page shows it grey, not red.
    const waiting = waitingFor(error);
    post({
      type: "error",
      waiting: waiting !== undefined,
      message: waiting?.message ?? describe(error),
    });
  }
};
