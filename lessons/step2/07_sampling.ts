/**
 * Lesson step2/07 · Inference: same results, less code
 * Guide: 2.8 Same results, less code
 *
 * Sampling works exactly as in Step 1: start from BOS, turn the logits
 * divided by the temperature into probabilities, draw the next token with
 * `rng.weightedIndex`, stop at BOS or at the maximum length. The model now
 * returns Values, so the arithmetic runs through the same operations as
 * training, and the probabilities handed to the generator are their `data`.
 * Nothing calls `backward()` here: the small graphs are simply dropped.
 *
 * A note on rounding: divide each logit by the temperature with
 * `div(v, temperature)`, as Step 1 divides, not `mul(v, 1 / temperature)`.
 * The two differ in the last bit for most temperatures (not for the
 * guide's 0.5, whose inverse 2 is exact), and the tests compare your
 * probabilities with Step 1's bit for bit, at temperature 0.7.
 *
 * Trained from the same starting point on the same names, Step 2 prints the
 * same loss lines and invents the same 20 names as Step 1: autograd changed
 * how the gradient is computed, not what it is. (Not quite to the last bit:
 * the same math rounded in another order differs by about 1e-17, and after
 * many steps the losses differ by about 1e-15, far below what is printed.)
 *
 * Run this lesson's tests: deno task test tests/step2/07_sampling_test.ts
 *
 * @module
 */

import { decode, type Tokenizer } from "../step1/01_tokenizer.ts";
import type { SampleOptions } from "../step1/11_sampling.ts";
import type { PyRandom } from "../../support/random.ts";
import { div } from "./02_more_ops.ts";
import type { Model } from "./04_parameters.ts";
import { mlp, softmax } from "./05_model.ts";

import { todo } from "../../support/todo.ts";

/**
 * Generates one name: from BOS, draw tokens until BOS or `maxLength`
 * characters. Each draw is one `rng.weightedIndex(probs)` with the `data`
 * of softmax(logits / temperature).
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
 * import { buildTokenizer } from "../step1/01_tokenizer.ts";
 * import { initModel } from "./04_parameters.ts";
 * import { sample } from "./07_sampling.ts";
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
