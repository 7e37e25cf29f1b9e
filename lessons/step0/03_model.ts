/**
 * Lesson step0/03 · The model: smoothed probabilities from counts
 * Guide: 0.4 Model
 *
 * Given the current token, the model must give a probability to every
 * possible next token. From a row of counts the obvious answer is each count
 * divided by the row's total: if "q" was followed by "u" 9 times out of 10,
 * say 0.9. That has two flaws. A row with no counts yet divides 0 by 0. And a
 * pair never seen so far gets probability 0: the first time it does occur,
 * the model was certain it could not, and its loss is infinite.
 *
 * Add-one smoothing (also called Laplace smoothing) mends both: pretend every
 * pair was seen once more than it was.
 *
 *     p(next = j | current = i) = (counts[i][j] + 1) / (rowSum_i + vocabSize)
 *
 * The denominator grows by vocabSize because each of the vocabSize entries
 * got its extra 1, so the row still sums to 1. An empty row gives every token
 * 1/vocabSize, "no idea yet"; once a row holds thousands of counts, the +1s
 * hardly matter.
 *
 * Run this lesson's tests: deno task test tests/step0/03_model_test.ts
 *
 * @module
 */

import type { CountTable } from "./02_count_table.ts";

import { todo } from "../../support/todo.ts";

/**
 * The model: the probabilities of the next token after `tokenId`, with
 * add-one smoothing, `(count + 1) / (rowSum + vocabSize)`.
 *
 * @param counts The count table (not changed).
 * @param tokenId The current token.
 * @returns One probability per token; they sum to 1.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { bigram } from "./03_model.ts";
 *
 * // Row 0 has seen token 1 twice: (0+1)/5, (2+1)/5, (0+1)/5.
 * const counts = [[0, 2, 0], [0, 0, 0], [0, 0, 0]];
 * assertEquals(bigram(counts, 0), [0.2, 0.6, 0.2]);
 * ```
 */
export function bigram(counts: CountTable, tokenId: number): number[] {
  todo("bigram", import.meta.url);
}
