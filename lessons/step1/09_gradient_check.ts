/**
 * Lesson step1/09 · Gradient check: two gradients must agree
 * Guide: 1.8 Gradient check
 *
 * Backpropagation by hand is easy to get subtly wrong: a missing `+=`, a
 * swapped index, a forgotten 1/n. A wrong gradient still lowers the loss a
 * bit, so training alone will not tell you. The cure is to compute the
 * gradient both ways, slow and sure (numerical) and fast (analytic), and
 * compare. On the guide's first name both losses are 3.297830 and the
 * largest difference between the two gradients is about 2e-9: the analytic
 * gradient is right, and the small gap is the numerical one's error.
 *
 * Run this lesson's tests: deno task test tests/step1/09_gradient_check_test.ts
 *
 * @module
 */

import type { Model } from "./02_parameters.ts";
import { numericalGradient } from "./07_numerical_gradient.ts";
import { analyticGradient } from "./08_analytic_gradient.ts";

import { todo } from "../../support/todo.ts";

/** What a gradient check measures. */
export interface GradientCheck {
  /** The loss reported by the numerical gradient. */
  lossNumerical: number;
  /** The loss reported by the analytic gradient. */
  lossAnalytic: number;
  /** The largest absolute difference between the two gradients. */
  maxDiff: number;
}

/**
 * The largest absolute difference between two equally long vectors.
 *
 * @param a A vector.
 * @param b A vector of the same length.
 * @returns max over i of |a[i] - b[i]| (0 for empty vectors).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { maxAbsDiff } from "./09_gradient_check.ts";
 *
 * assertEquals(maxAbsDiff([1, 2, 3], [1, 5, 2]), 3);
 * ```
 */
export function maxAbsDiff(a: number[], b: number[]): number {
  todo("maxAbsDiff", import.meta.url);
}

/**
 * Computes the gradient both ways on one name and compares them.
 *
 * @param model The parameters (left as they were).
 * @param tokens A tokenized name.
 * @returns Both losses and the largest gradient difference.
 *
 * @example Usage
 * ```ts
 * import { assertLess } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { gradientCheck } from "./09_gradient_check.ts";
 *
 * const check = gradientCheck(initModel(5, 2, new PyRandom(7)), [4, 0, 1, 4]);
 * assertLess(check.maxDiff, 1e-6);
 * ```
 */
export function gradientCheck(model: Model, tokens: number[]): GradientCheck {
  todo("gradientCheck", import.meta.url);
}
