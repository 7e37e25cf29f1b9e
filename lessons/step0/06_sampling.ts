/**
 * Lesson step0/06 · Sampling: inventing names from the table
 * Guide: 0.7 Inference
 *
 * A trained table can write names. Start from BOS and ask the model for the
 * probabilities of the next token; draw one token at random with those
 * weights; then ask again from the token just drawn. Stop when the draw is
 * BOS (the model says the name is over) or when the name has reached its
 * maximum length (the guide stops at 16 characters).
 *
 * Count the draws, because the tests do: one per character, plus the one
 * that comes up BOS. A name that reaches maxLength characters ends right
 * there, with no further draw: an extra draw would use up a random number
 * and shift every later name off the guide's.
 *
 * Drawing at random, rather than always taking the most likely token, is what
 * makes every name different: greedy picking would choose the same first
 * letter every time, then the same second letter, and so write the same name
 * again and again. Each draw is one `rng.weightedIndex(probs)`, the same
 * weighted choice as Python's `random.choices`, so with the guide's seed the
 * names come out exactly as the guide prints them. Step 0 draws from the
 * probabilities as they are; Step 1 adds a temperature to sharpen them.
 *
 * A bigram model remembers only the previous letter, so its names are made of
 * plausible pairs that wander without a plan: "talyaxbranalewia".
 *
 * Run this lesson's tests: deno task test tests/step0/06_sampling_test.ts
 *
 * @module
 */

import { decode, type Tokenizer } from "./01_tokenizer.ts";
import type { CountTable } from "./02_count_table.ts";
import { bigram } from "./03_model.ts";
import type { PyRandom } from "../../support/random.ts";

import { todo } from "../../support/todo.ts";

/** How to sample. */
export interface SampleOptions {
  /** The longest name to generate, in characters. */
  maxLength: number;
}

/**
 * Generates one name: from BOS, draw tokens until BOS or `maxLength`
 * characters. Each draw is one `rng.weightedIndex(probs)`.
 *
 * @param counts The trained count table (not changed).
 * @param tokenizer The vocabulary.
 * @param rng The random generator.
 * @param options The maximum length.
 * @returns The generated name (without BOS).
 *
 * @example Usage
 * ```ts
 * import { assertLessOrEqual } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { buildTokenizer, encode } from "./01_tokenizer.ts";
 * import { addCounts, emptyCounts } from "./02_count_table.ts";
 * import { sample } from "./06_sampling.ts";
 *
 * const tokenizer = buildTokenizer(["ava", "bob"]);
 * const counts = emptyCounts(tokenizer.vocabSize);
 * addCounts(counts, encode(tokenizer, "ava"));
 * const name = sample(counts, tokenizer, new PyRandom(42), { maxLength: 8 });
 * assertLessOrEqual(name.length, 8);
 * ```
 */
export function sample(
  counts: CountTable,
  tokenizer: Tokenizer,
  rng: PyRandom,
  options: SampleOptions,
): string {
  todo("sample", import.meta.url);
}
