/**
 * Lesson step1/07 · Numerical gradient: nudge each parameter
 * Guide: 1.6 Numerical gradient
 *
 * To lower the loss we need, for every parameter, how the loss changes when
 * that parameter changes a little: its gradient. The most direct way is to
 * try it: add a tiny eps to one parameter, run the forward pass again, and
 * see how much the loss moved, (lossPlus - loss) / eps. Then put the
 * parameter back and do the next one.
 *
 * It is simple and obviously right, but costs one forward pass per parameter:
 * 3,184 forward passes for one gradient. The next lesson computes the same
 * numbers in about the cost of one pass; this one is how we will check it.
 *
 * A note on restoring: remember the old value and put it back with
 * `row[j] = old`. Adding eps and then subtracting it again is not the same:
 * each step rounds, and for about 2 values in 10,000 the result is not the
 * old value (0.0625 + 0.00001 − 0.00001 is 0.06249999999999999). The model
 * would drift a little with every gradient, and a test checks that every
 * parameter comes back to the last bit.
 *
 * Run this lesson's tests: deno task test tests/step1/07_numerical_gradient_test.ts
 *
 * @module
 */

import { matrices, type Model } from "./02_parameters.ts";
import { forward } from "./06_forward.ts";

import { todo } from "../../support/todo.ts";

/** A loss and its gradient, in flat parameter order. */
export interface LossAndGradient {
  /** The mean loss of the name, measured with the weights unchanged. */
  loss: number;
  /** One entry per parameter: matrix → row → column. */
  grad: number[];
}

/**
 * Estimates the gradient with a one-sided difference per parameter. Nudges
 * each parameter of `model` in place and always restores it.
 *
 * @param model The parameters (left as they were).
 * @param tokens A tokenized name.
 * @param eps The nudge.
 * @returns The loss and the estimated gradient.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { numericalGradient } from "./07_numerical_gradient.ts";
 *
 * const model = initModel(5, 2, new PyRandom(7));
 * const { grad } = numericalGradient(model, [4, 0, 1, 4]);
 * assertEquals(grad.length, 5 * 2 + 8 * 2 + 5 * 8);
 * ```
 */
export function numericalGradient(
  model: Model,
  tokens: number[],
  eps = 1e-5,
): LossAndGradient {
  todo("numericalGradient", import.meta.url);
}
