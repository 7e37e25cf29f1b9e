/**
 * Lesson step2/05 · The model over Values: linear, softmax, MLP
 * Guide: 2.6 Parameters as Values
 *
 * Step 1's linear layer, softmax and MLP, rewritten with the operations of
 * lessons 01 and 02 instead of `+`, `*`, `Math.exp`. Nothing else changes,
 * and that is the point: write the forward pass once, plainly, and the
 * graph it leaves behind is enough for the backward pass.
 *
 * The forward pass gives Step 1's numbers to the last bit when each
 * computation follows Step 1's order: floating-point addition is not
 * associative, so a sum taken in another order can differ in the last bit,
 * and a bit lost here grows over 1,000 training steps. Sums start from 0 and
 * add left to right; softmax subtracts the largest logit, exponentiates,
 * sums, then divides. (The backward pass rounds in its own order: lesson 07
 * says what that changes.)
 *
 * Softmax subtracts the largest logit as a plain number, a constant: it
 * only keeps exp() from overflowing and does not change the result, so no
 * gradient needs to flow through it. (A test checks this: the largest
 * logit may feed only its own exp(sub(v, max)), not every one of them.)
 *
 * Run this lesson's tests: deno task test tests/step2/05_model_test.ts
 *
 * @module
 */

import { add, mul, Value } from "./01_value.ts";
import { div, exp, relu, sub } from "./02_more_ops.ts";
import type { Matrix, Model } from "./04_parameters.ts";

/**
 * The sum of some Values, from 0, left to right: ((0 + v₀) + v₁) + …
 *
 * @param values The terms (possibly none).
 * @returns A new Value; for no terms, a leaf holding 0.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { sum } from "./05_model.ts";
 *
 * assertEquals(sum([new Value(1), new Value(2), new Value(3)]).data, 6);
 * ```
 */
export function sum(values: readonly Value[]): Value {
  let total = new Value(0);
  for (const v of values) total = add(total, v);
  return total;
}

/**
 * Multiplies the vector `x` by the matrix `w`: one dot product per row,
 * each summed from 0 over j in order.
 *
 * @param x The input, of length `w[0].length`.
 * @param w The weights, one row per output.
 * @returns A vector of length `w.length`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { linear } from "./05_model.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const out = linear(values([1, 2]), [values([1, 0]), values([3, 4])]);
 * assertEquals(out.map((v) => v.data), [1, 11]);
 * ```
 */
export function linear(x: readonly Value[], w: Matrix): Value[] {
  return w.map((row) => {
    let total = new Value(0);
    for (let j = 0; j < x.length; j++) total = add(total, mul(row[j], x[j]));
    return total;
  });
}

/**
 * Converts logits into probabilities: subtract the largest logit (as a
 * constant), exponentiate, divide by the sum.
 *
 * @param logits The scores, at least one.
 * @returns One probability per logit.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { softmax } from "./05_model.ts";
 *
 * const probs = softmax([2, 1, 0].map((x) => new Value(x)));
 * assertAlmostEquals(probs[0].data, 0.665, 1e-3);
 * ```
 */
export function softmax(logits: readonly Value[]): Value[] {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v.data);
  const exps = logits.map((v) => exp(sub(v, max)));
  const total = sum(exps);
  return exps.map((e) => div(e, total));
}

/**
 * Runs the model on one token: embedding → linear → ReLU → linear.
 *
 * @param model The parameters.
 * @param tokenId The input token.
 * @returns The logits for the next token, one per vocabulary entry.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./04_parameters.ts";
 * import { mlp } from "./05_model.ts";
 *
 * const model = initModel(27, 16, new PyRandom(42));
 * assertEquals(mlp(model, 26).length, 27);
 * ```
 */
export function mlp(model: Model, tokenId: number): Value[] {
  const x = model.wte[tokenId];
  const h = linear(x, model.mlpFc1).map((v) => relu(v));
  return linear(h, model.mlpFc2);
}
