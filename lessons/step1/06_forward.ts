/**
 * Lesson step1/06 · Forward pass: the cross-entropy loss of a name
 * Guide: 1.5 Forward pass
 *
 * Training needs one number that says how wrong the model is: the loss. At
 * each position of a name the model predicts the next token; the loss there
 * is -log of the probability it gave to the token that really came next
 * (cross-entropy). Certain and right costs 0; giving the right answer a tiny
 * probability costs a lot. The loss of a name is the mean over its positions.
 *
 * A model that knows nothing spreads probability evenly, 1/27 per token, so
 * with small random weights the loss starts near -log(1/27) = ln 27 ≈ 3.2958.
 *
 * Write the mean the way the guide's Python does, `(1 / n) * sum`: it can
 * differ from `sum / n` in the last bit, and the kata checks your numbers
 * against the guide's to the last bit (Step 2 will reproduce them too).
 *
 * Run this lesson's tests: deno task test tests/step1/06_forward_test.ts
 *
 * @module
 */

import type { Model } from "./02_parameters.ts";
import { softmax } from "./04_softmax.ts";
import { mlp } from "./05_mlp.ts";

import { todo } from "../../support/todo.ts";

/**
 * The cross-entropy loss of one prediction: -log(probs[target]).
 *
 * @param probs The predicted probabilities.
 * @param target The token that really came next.
 * @returns The loss, 0 for a certain and right prediction.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { crossEntropy } from "./06_forward.ts";
 *
 * assertAlmostEquals(crossEntropy([0.25, 0.75], 1), -Math.log(0.75), 1e-12);
 * ```
 */
export function crossEntropy(probs: number[], target: number): number {
  todo("crossEntropy", import.meta.url);
}

/**
 * The mean cross-entropy loss over the `n = tokens.length - 1` positions of
 * a tokenized name: the input at position i is `tokens[i]`, the target
 * `tokens[i + 1]`.
 *
 * @param model The parameters.
 * @param tokens A tokenized name, `[bos, ...ids, bos]`.
 * @returns The mean loss.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { forward } from "./06_forward.ts";
 *
 * const model = initModel(27, 16, new PyRandom(42));
 * assertAlmostEquals(forward(model, [26, 0, 21, 0, 26]), Math.log(27), 0.05);
 * ```
 */
export function forward(model: Model, tokens: number[]): number {
  todo("forward", import.meta.url);
}
