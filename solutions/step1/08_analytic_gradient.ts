/**
 * Lesson step1/08 · Analytic gradient: backpropagation by hand
 * Guide: 1.7 Analytic gradient
 *
 * The chain rule gives every gradient in one backward sweep. Run the forward
 * pass for a position, keeping what it computed, then walk back from the
 * loss to the embedding:
 *
 * - softmax followed by cross-entropy has a famously simple gradient:
 *   dlogits = probs - onehot(target). The loss is a mean over n positions,
 *   so each position contributes probs / n, minus 1/n at the target;
 * - for `logits = mlpFc2 · h`: mlpFc2[i][j] gets dlogits[i]·h[j], and
 *   dh[j] collects mlpFc2[i][j]·dlogits[i] over i;
 * - ReLU lets the gradient through only where its input was > 0;
 * - for `hPre = mlpFc1 · x`: the same pattern again gives the gradient of
 *   mlpFc1 and dx;
 * - dx belongs to the embedding row of the input token, wte[token].
 *
 * Gradients are added up (+=) over positions: a weight used at several
 * positions, or a token seen twice, collects from each.
 *
 * Run this lesson's tests: deno task test tests/step1/08_analytic_gradient_test.ts
 *
 * @module
 */

import {
  flatten,
  type Matrix,
  type Model,
  zerosLike,
} from "./02_parameters.ts";
import { linear } from "./03_linear.ts";
import { softmax } from "./04_softmax.ts";
import { relu } from "./05_mlp.ts";
import { crossEntropy } from "./06_forward.ts";
import type { LossAndGradient } from "./07_numerical_gradient.ts";

/**
 * The loss and its exact gradient, by backpropagation.
 *
 * @param model The parameters (not changed).
 * @param tokens A tokenized name.
 * @returns The mean loss and the gradient in flat parameter order.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { forward } from "./06_forward.ts";
 * import { analyticGradient } from "./08_analytic_gradient.ts";
 *
 * const model = initModel(5, 2, new PyRandom(7));
 * const { loss } = analyticGradient(model, [4, 0, 1, 4]);
 * assertAlmostEquals(loss, forward(model, [4, 0, 1, 4]), 1e-12);
 * ```
 */
export function analyticGradient(
  model: Model,
  tokens: number[],
): LossAndGradient {
  const n = tokens.length - 1;
  const g = zerosLike(model);
  let loss = 0;
  for (let pos = 0; pos < n; pos++) {
    const token = tokens[pos];
    const target = tokens[pos + 1];

    // Forward, keeping every intermediate value the backward pass needs.
    const x = model.wte[token];
    const hPre = linear(x, model.mlpFc1);
    const h = relu(hPre);
    const probs = softmax(linear(h, model.mlpFc2));
    loss += crossEntropy(probs, target);

    // Softmax + cross-entropy, averaged over the n positions.
    const dlogits = probs.map((p) => p / n);
    dlogits[target] -= 1 / n;

    // logits = mlpFc2 · h
    const dh = linearBackward(dlogits, h, model.mlpFc2, g.mlpFc2);
    // h = relu(hPre): the gradient flows only where hPre was positive.
    const dhPre = dh.map((d, j) => (hPre[j] > 0 ? d : 0));
    // hPre = mlpFc1 · x
    const dx = linearBackward(dhPre, x, model.mlpFc1, g.mlpFc1);

    // x = wte[token]
    for (let j = 0; j < x.length; j++) g.wte[token][j] += dx[j];
  }
  return { loss: (1 / n) * loss, grad: flatten(g) };
}

/**
 * The backward pass of `y = linear(x, w)`, given dy (the gradient of y):
 * each weight w[i][j] gets dy[i]·x[j], added into gw[i][j], and each input
 * x[j] gets the sum over i of w[i][j]·dy[i], returned as dx.
 */
function linearBackward(
  dy: number[],
  x: number[],
  w: Matrix,
  gw: Matrix,
): number[] {
  const dx = x.map(() => 0);
  for (let i = 0; i < dy.length; i++) {
    const wRow = w[i];
    const gRow = gw[i];
    for (let j = 0; j < x.length; j++) {
      gRow[j] += dy[i] * x[j];
      dx[j] += wRow[j] * dy[i];
    }
  }
  return dx;
}
