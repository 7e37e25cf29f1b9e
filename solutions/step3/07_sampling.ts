/**
 * Lesson step3/07 · Sampling with the cache
 * Guide: 3.8 Training and results
 *
 * Sampling runs the model the way training does, one position at a time
 * with a cache, but feeds back the token it just drew instead of the
 * name's next letter. Each name starts with a fresh cache, BOS at position
 * 0; at each position the logits are divided by the temperature (the
 * guide multiplies by temperature^−1), softmax gives probabilities, and
 * one weighted draw picks the next token. BOS ends the name.
 *
 * Two limits: a name stops at `maxLength` characters, and never goes past
 * blockSize positions, because there is no position embedding beyond.
 * The trap: a cache kept from the previous name lets the new name attend
 * to the old one's keys, and the samples no longer match the guide.
 *
 * After the 1000 training steps of lesson 06 (names.txt, seed 42), the
 * guide's first four samples at temperature 0.5 are jalon, annyn, jaenn
 * and aren.
 *
 * Run this lesson's tests: deno task test tests/step3/07_sampling_test.ts
 *
 * @module
 */

import type { PyRandom } from "../../support/random.ts";
import { decode, type Tokenizer } from "../step1/01_tokenizer.ts";
import type { SampleOptions } from "../step1/11_sampling.ts";
import { mul } from "../step2/01_value.ts";
import { CONFIG, type Model } from "./02_parameters.ts";
import { softmax } from "./04_attention.ts";
import { emptyCache, gpt } from "./05_gpt.ts";

/**
 * Invents one name: a fresh cache, then from BOS at position 0, one weighted
 * draw per position from softmax(logits · temperature^−1), until BOS, or
 * `maxLength` characters, or blockSize positions (there is no position
 * embedding beyond), whichever comes first.
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
  const cache = emptyCache();
  const ids: number[] = [];
  const scale = options.temperature ** -1;
  const positions = Math.min(options.maxLength, CONFIG.blockSize);
  let token = tokenizer.bos;
  for (let pos = 0; pos < positions; pos++) {
    const logits = gpt(model, token, pos, cache).map((l) => mul(l, scale));
    token = rng.weightedIndex(softmax(logits).map((p) => p.data));
    if (token === tokenizer.bos) break;
    ids.push(token);
  }
  return decode(tokenizer, ids);
}
