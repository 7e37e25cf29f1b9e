/**
 * Lesson step1/11 · Sampling with temperature
 * Guide: 1.9 Training & inference
 *
 * A trained model invents names: start from BOS, ask the model for the
 * next-token probabilities, draw one token at random with those weights, and
 * feed it back in, until the model draws BOS ("the name is over") or the name
 * reaches its maximum length.
 *
 * The temperature divides the logits before softmax. Below 1 it sharpens the
 * distribution (safer, more typical names); above 1 it flattens it (wilder
 * names); at 1 it changes nothing. The guide samples at 0.5.
 *
 * A note on rounding: divide each logit by the temperature, `v / temperature`.
 * Multiplying by `1 / temperature` is the same math but rounds twice, and
 * differs in the last bit for many temperatures (not for 0.5, whose inverse
 * 2 is exact); Step 2 checks its samples against these probabilities bit for
 * bit, and a test here does too, at temperature 0.7.
 *
 * The tests stub the random generator to count its draws: one
 * `rng.weightedIndex` per character, plus the one that comes up BOS; a name
 * that reaches maxLength ends with no further draw.
 *
 * Run this lesson's tests: deno task test tests/step1/11_sampling_test.ts
 *
 * @module
 */

import { decode, type Tokenizer } from "./01_tokenizer.ts";
import type { Model } from "./02_parameters.ts";
import { softmax } from "./04_softmax.ts";
import { mlp } from "./05_mlp.ts";
import type { PyRandom } from "../../support/random.ts";

import { todo } from "../../support/todo.ts";

/** How to sample. */
export interface SampleOptions {
  /** Divides the logits: below 1 sharpens, above 1 flattens. Must be > 0. */
  temperature: number;
  /** The longest name to generate, in characters. */
  maxLength: number;
}

/**
 * Softmax of the logits divided by the temperature.
 *
 * @param logits The scores.
 * @param temperature A positive number.
 * @returns The probabilities.
 *
 * @example Usage
 * ```ts
 * import { assertGreater } from "@std/assert";
 * import { temperatureSoftmax } from "./11_sampling.ts";
 *
 * const sharp = temperatureSoftmax([2, 1, 0], 0.5);
 * const flat = temperatureSoftmax([2, 1, 0], 2);
 * assertGreater(sharp[0], flat[0]);
 * ```
 */
export function temperatureSoftmax(
  logits: number[],
  temperature: number,
): number[] {
  todo("temperatureSoftmax", import.meta.url);
}

/**
 * Generates one name: from BOS, draw tokens until BOS or `maxLength`
 * characters. Each draw is one `rng.weightedIndex(probs)`.
 *
 * @param model The trained parameters.
 * @param tokenizer The vocabulary.
 * @param rng The random generator.
 * @param options Temperature and maximum length.
 * @returns The generated name (without BOS).
 *
 * @example Usage
 * ```ts
 * import { assertLessOrEqual } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { buildTokenizer } from "./01_tokenizer.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { sample } from "./11_sampling.ts";
 *
 * const tokenizer = buildTokenizer(["ava", "bob"]);
 * const rng = new PyRandom(42);
 * const model = initModel(tokenizer.vocabSize, 4, rng);
 * const name = sample(model, tokenizer, rng, { temperature: 1, maxLength: 8 });
 * assertLessOrEqual(name.length, 8);
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
