/**
 * Lesson step0/04 · Loss: how surprised the model is by a name
 * Guide: 0.6 Loss
 *
 * To tell whether the model is getting better we need one number that says
 * how well it predicts a name. At each position, take the probability the
 * model gave to the token that really came next and compute -log of it. That
 * is the cross-entropy loss: near 0 when the model expected that token
 * (p close to 1), large when it did not (p = 0.01 costs 4.6). The loss of a
 * name is the mean over its n = tokens.length - 1 positions, so long and
 * short names count alike.
 *
 * A model that knows nothing gives every token 1/vocabSize, so its loss is
 * -log(1/vocabSize) = ln(vocabSize): ln 27 ≈ 3.2958 for the guide's names.
 * That is exactly the first loss the guide prints for Step 0, measured on an
 * empty table, and every later step starts close to it too.
 *
 * Running the model over a name to get its loss is called the forward pass,
 * in this step and in all the later ones. (The guide explains the loss after
 * training, on page 0.6; the kata has you write it first, because the
 * training loop measures each name before it counts it.)
 *
 * Run this lesson's tests: deno task test tests/step0/04_loss_test.ts
 *
 * @module
 */

import type { CountTable } from "./02_count_table.ts";
import { bigram } from "./03_model.ts";

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
 * import { crossEntropy } from "./04_loss.ts";
 *
 * assertAlmostEquals(crossEntropy([0.5, 0.25, 0.25], 1), Math.log(4), 1e-12);
 * ```
 */
export function crossEntropy(probs: number[], target: number): number {
  todo("crossEntropy", import.meta.url);
}

/**
 * The forward pass: the mean cross-entropy loss of a tokenized name under the
 * count table. At position i the input is `tokens[i]` and the target
 * `tokens[i + 1]`.
 *
 * @param counts The count table (not changed).
 * @param tokens A tokenized name, `[bos, ...ids, bos]`.
 * @returns The mean loss over the `tokens.length - 1` positions.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { emptyCounts } from "./02_count_table.ts";
 * import { forward } from "./04_loss.ts";
 *
 * // An empty table knows nothing: the loss is ln 27 for any name.
 * assertAlmostEquals(forward(emptyCounts(27), [26, 0, 21, 0, 26]), Math.log(27), 1e-12);
 * ```
 */
export function forward(counts: CountTable, tokens: number[]): number {
  todo("forward", import.meta.url);
}
