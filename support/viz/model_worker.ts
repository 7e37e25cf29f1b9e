/**
 * A Deno Worker that trains a Step 3–5 model for a widget (attention, KV
 * cache, embeddings), so the server stays responsive meanwhile.
 *
 * In: `{ step, steps, names }`. Out: `{ parameters }`, the trained model's
 * numbers in the lesson's parameter order, or `{ error: { name, message } }`
 * (a stub's NotImplementedError keeps its name, so the server can say which
 * lesson the widget waits for).
 *
 * @module
 */

import { trainedParameters } from "./gpt_steps.ts";
import type { TrainRequest } from "./train_worker.ts";

/** What the worker answers. */
export type ModelAnswer =
  | { parameters: number[] }
  | { error: { name: string; message: string } };

const scope = self as unknown as {
  postMessage(message: ModelAnswer): void;
  onmessage: ((event: MessageEvent<TrainRequest>) => void) | null;
};

scope.onmessage = ({ data: { step, steps, names } }) => {
  try {
    scope.postMessage({ parameters: trainedParameters(step, names, steps) });
  } catch (error) {
    scope.postMessage({
      error: error instanceof Error
        ? { name: error.name, message: error.message }
        : { name: "Error", message: String(error) },
    });
  }
};
