/**
 * Fixtures shared by the Step 1 tests.
 *
 * @module
 */

import type { Model } from "../../lessons/step1/02_parameters.ts";

/**
 * A model small enough to run by hand: vocab 3, nEmbd 2, 4 hidden units.
 * Token 0: x = [1, -1], hPre = [1, -1, 0, -1], h = [1, 0, 0, 0], logits = [1, 0, 2].
 * Token 1: x = [0, 2], hPre = [0, 2, 2, 0], h = [0, 2, 2, 0], logits = [10, 0, 0].
 */
export const HAND_MODEL: Model = {
  wte: [[1, -1], [0, 2], [0, 0]],
  mlpFc1: [[1, 0], [0, 1], [1, 1], [-1, 0]],
  mlpFc2: [[1, 2, 3, 4], [0, 0, 0, 1], [2, 0, 0, 0]],
};

/**
 * An independent gradient for the tests: the central difference
 * (f(p + h) - f(p - h)) / 2h per parameter, in flat order. It is more
 * accurate than the lesson's one-sided difference (error ~h² instead of ~h),
 * and written here so the tests do not trust any lesson code but `loss`.
 */
export function centralDifference(
  model: Model,
  loss: (model: Model) => number,
  h = 1e-5,
): number[] {
  const grad: number[] = [];
  for (const matrix of [model.wte, model.mlpFc1, model.mlpFc2]) {
    for (const row of matrix) {
      for (let j = 0; j < row.length; j++) {
        const old = row[j];
        row[j] = old + h;
        const plus = loss(model);
        row[j] = old - h;
        const minus = loss(model);
        row[j] = old;
        grad.push((plus - minus) / (2 * h));
      }
    }
  }
  return grad;
}

/**
 * A function naming flat parameter `k` of a model shaped like `model`:
 * `(k) => "mlpFc2[1][3]"`, for failure messages about gradients.
 */
export function parameterNames(model: Model): (k: number) => string {
  const names: string[] = [];
  const named = { wte: model.wte, mlpFc1: model.mlpFc1, mlpFc2: model.mlpFc2 };
  for (const [name, matrix] of Object.entries(named)) {
    matrix.forEach((row, i) =>
      row.forEach((_, j) => names.push(`${name}[${i}][${j}]`))
    );
  }
  return (k) => names[k] ?? `parameter ${k}`;
}

/** What entry `k` of a gradient is: "∂loss/∂mlpFc2[1][3] (grad[27])". */
export function gradientNames(model: Model): (k: number) => string {
  const name = parameterNames(model);
  return (k) => `∂loss/∂${name(k)} (grad[${k}])`;
}
