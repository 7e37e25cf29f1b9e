/**
 * Lesson step5/03 · microGPT: the complete training loop
 * Guide: 5.4 Training and results
 *
 * @module
 */

import { learningRate, type TrainOptions } from "../step1/10_training.ts";
import { backward } from "../step2/03_backward.ts";
import { type Model, parameters } from "../step4/02_parameters.ts";
import { forward } from "../step4/04_training.ts";
import { adamState, adamUpdate } from "./02_adam.ts";

/**
 * Trains with Adam and the decaying learning rate: step s uses
 * docs[s % docs.length]; forward, backward, report, Adam update.
 *
 * @param model The parameters, updated in place.
 * @param docs The tokenized names.
 * @param options Steps, starting learning rate (the guide's: 0.01), onStep.
 * @returns The loss of every step, before its update.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "../step4/02_parameters.ts";
 * import { train } from "./03_training.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * assertEquals(train(model, [[26, 0, 26]], { steps: 2, lr0: 0.01 }).length, 2);
 * ```
 */
export function train(
  model: Model,
  docs: readonly number[][],
  options: TrainOptions,
): number[] {
  const params = parameters(model);
  const state = adamState(params.length);
  const losses: number[] = [];
  for (let step = 0; step < options.steps; step++) {
    const loss = forward(model, docs[step % docs.length]);
    backward(loss);
    const lr = learningRate(step, options.steps, options.lr0);
    options.onStep?.({ step, loss: loss.data, lr });
    adamUpdate(params, state, lr, step);
    losses.push(loss.data);
  }
  return losses;
}
