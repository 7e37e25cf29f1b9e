/**
 * Lesson step0/02 · Count table: which token follows which
 * Guide: 0.3 Count table
 *
 * The simplest model that predicts the next character looks at the current
 * character only and remembers what came after it in the data. Two
 * neighbouring tokens form a bigram; a name of k letters, wrapped in BOS,
 * holds k + 1 of them: "ava" gives BOS→a, a→v, v→a and a→BOS.
 *
 * The model's whole memory is a vocabSize × vocabSize table of counts:
 * `counts[i][j]` is how many times token j has come right after token i.
 * Row BOS counts how names begin, column BOS counts how they end. For the
 * guide's 27 tokens that is 27 × 27 = 729 numbers: they are Step 0's
 * parameters, the counterpart of the weights that later steps learn.
 *
 * Run this lesson's tests: deno task test tests/step0/02_count_table_test.ts
 *
 * @module
 */

import { todo } from "../../support/todo.ts";

/** `counts[i][j]`: how many times token j has followed token i. */
export type CountTable = number[][];

/** Two neighbouring tokens: the current one and the one after it. */
export type Bigram = [current: number, next: number];

/**
 * A vocabSize × vocabSize table of zeros: a model that has seen nothing.
 *
 * @param vocabSize Number of tokens, BOS included.
 * @returns A new table; every row is its own array.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { emptyCounts } from "./02_count_table.ts";
 *
 * assertEquals(emptyCounts(2), [[0, 0], [0, 0]]);
 * ```
 */
export function emptyCounts(vocabSize: number): CountTable {
  todo("emptyCounts", import.meta.url);
}

/**
 * The bigrams of a tokenized name, in order: one per position, pairing
 * `tokens[i]` with `tokens[i + 1]`.
 *
 * @param tokens A tokenized name, `[bos, ...ids, bos]`.
 * @returns The `tokens.length - 1` pairs.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { bigrams } from "./02_count_table.ts";
 *
 * assertEquals(bigrams([2, 0, 1, 2]), [[2, 0], [0, 1], [1, 2]]);
 * ```
 */
export function bigrams(tokens: number[]): Bigram[] {
  todo("bigrams", import.meta.url);
}

/**
 * Adds one to the table for every bigram of a name, in place.
 *
 * @param counts The table, updated in place.
 * @param tokens A tokenized name, `[bos, ...ids, bos]`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { addCounts, emptyCounts } from "./02_count_table.ts";
 *
 * const counts = emptyCounts(3);
 * addCounts(counts, [2, 0, 0, 2]);
 * assertEquals(counts, [[1, 0, 1], [0, 0, 0], [1, 0, 0]]);
 * ```
 */
export function addCounts(counts: CountTable, tokens: number[]): void {
  todo("addCounts", import.meta.url);
}
