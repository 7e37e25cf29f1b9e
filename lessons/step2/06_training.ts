/**
 * Lesson step2/06 · The new training loop
 * Guide: 2.7 New training loop
 *
 * A training step now has four parts, and none of them knows what the
 * model looks like:
 * 1. forward: compute the loss of the step's name with Values, which
 *    builds the graph of the whole computation;
 * 2. backward: `backward(loss)` fills in every parameter's `grad`;
 * 3. update: `p.data -= lr * p.grad` for every parameter (plain SGD, with
 *    Step 1's learning rate falling linearly to 0);
 * 4. zero: set every `p.grad` back to 0. Backward adds to `grad` (it must,
 *    for values used more than once), so without this step each gradient
 *    would still contain all the previous steps' gradients.
 * The graph itself is thrown away: the next step builds a new one.
 *
 * Step 1's 40-line hand-written backpropagation is gone; change the model
 * and this loop stays the same.
 *
 * Run this lesson's tests: deno task test tests/step2/06_training_test.ts
 *
 * @module
 */

import { learningRate, type TrainOptions } from "../step1/10_training.ts";
import { mul, type Value } from "./01_value.ts";
import { log, neg } from "./02_more_ops.ts";
import { backward } from "./03_backward.ts";
import { type Model, parameters } from "./04_parameters.ts";
import { mlp, softmax, sum } from "./05_model.ts";

import { todo } from "../../support/todo.ts";

/**
 * The mean cross-entropy loss of a tokenized name, as a Value whose graph
 * reaches every parameter used: (1/n) times the sum, from 0, over positions
 * i of −log(softmax(mlp(tokens[i]))[tokens[i + 1]]), with
 * n = tokens.length − 1 (Step 1's arithmetic, in Step 1's order).
 *
 * @param model The parameters.
 * @param tokens A tokenized name, `[bos, ...ids, bos]`.
 * @returns The loss, ready for `backward()`.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./04_parameters.ts";
 * import { forward } from "./06_training.ts";
 *
 * const model = initModel(27, 16, new PyRandom(42));
 * const loss = forward(model, [26, 0, 21, 0, 26]);
 * assertAlmostEquals(loss.data, Math.log(27), 0.05);
 * ```
 */
export function forward(model: Model, tokens: readonly number[]): Value {
  todo("forward", import.meta.url);
}

/**
 * One step of plain gradient descent, then ready for the next: for every
 * parameter `p.data -= lr * p.grad`, then `p.grad = 0`.
 *
 * @param params The parameters, updated in place.
 * @param lr The learning rate.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { sgdUpdate } from "./06_training.ts";
 *
 * const p = new Value(1);
 * p.grad = 4;
 * sgdUpdate([p], 0.5);
 * assertEquals([p.data, p.grad], [-1, 0]);
 * ```
 */
export function sgdUpdate(params: readonly Value[], lr: number): void {
  todo("sgdUpdate", import.meta.url);
}

/**
 * Trains the model in place, like Step 1's `train()`: step s uses
 * `docs[s % docs.length]`: forward, backward, report through `onStep`,
 * update with `learningRate(s, steps, lr0)` and zero the grads.
 *
 * @param model The parameters, trained in place.
 * @param docs The tokenized names.
 * @param options Steps, starting learning rate and an optional callback.
 * @returns The loss of every step, before its update.
 *
 * @example Usage
 * ```ts
 * import { assertLess } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./04_parameters.ts";
 * import { train } from "./06_training.ts";
 *
 * const model = initModel(3, 4, new PyRandom(1));
 * const losses = train(model, [[2, 0, 1, 2]], { steps: 50, lr0: 1 });
 * assertLess(losses[49], losses[0]);
 * ```
 */
export function train(
  model: Model,
  docs: readonly number[][],
  options: TrainOptions,
): number[] {
  todo("train", import.meta.url);
}
