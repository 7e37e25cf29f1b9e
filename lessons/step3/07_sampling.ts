/**
 * Lesson step3/07 · Sampling with the cache
 * Guide: 3.8 Training and results
 *
 * @module
 */

import type { PyRandom } from "../../support/random.ts";
import { decode, type Tokenizer } from "../step1/01_tokenizer.ts";
import type { SampleOptions } from "../step1/11_sampling.ts";
import { mul } from "../step2/01_value.ts";
import type { Model } from "./02_parameters.ts";
import { softmax } from "./04_attention.ts";
import { emptyCache, gpt } from "./05_gpt.ts";

import { todo } from "../../support/todo.ts";

/**
 * Invents one name: a fresh cache, then from BOS at position 0, one weighted
 * draw per position from softmax(logits · temperature^−1), until BOS or
 * `maxLength` characters (at most blockSize).
 *
 * @param model The trained parameters.
 * @param tokenizer The tokenizer.
 * @param rng The random generator: one draw per generated token.
 * @param options Temperature and the longest name.
 * @returns The name.
 *
 * @example Usage
 * ```ts
 * import { assertLessOrEqual } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { buildTokenizer } from "../step1/01_tokenizer.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { sample } from "./07_sampling.ts";
 *
 * const tokenizer = buildTokenizer(["ava", "bob"]);
 * const rng = new PyRandom(42);
 * const model = initModel(tokenizer.vocabSize, rng);
 * const name = sample(model, tokenizer, rng, { temperature: 0.5, maxLength: 16 });
 * assertLessOrEqual(name.length, 16);
 * ```
 */
export function sample(
  model: Model,
  tokenizer: Tokenizer,
  rng: PyRandom,
  options: SampleOptions,
): string {
  todo("sample", import.meta.url);
}
