/**
 * Lesson step4/04 · Training the transformer, and sampling from it
 * Guide: 4.6 Training and results
 *
 * The loop is Step 3's: for each position of the name, the logits from
 * `gpt`, softmax, and −log of the probability of the true next token; the
 * loss is their mean; backward; SGD with the learning rate 0.1 falling to
 * 0. Sampling is Step 3's too. Only two things change: the model is the
 * layered one of lessons 02–03, and a name starts with one fresh, empty
 * cache per layer (`emptyCaches(model.layers.length)`, in training and in
 * sampling alike): the cache belongs to one name, and a name must not see the
 * previous one. Count the layers of the model you are given, not
 * `CONFIG.nLayer`: the tests also train a model of two layers.
 *
 * With names.txt and seed 42 the guide prints 3.3660 for step 1, 2.1700
 * for step 201 and the samples jalyn, annze, jaenn, aren: slightly lower
 * losses than Step 3's (3.3816, 2.1831), with the same 4,192 parameters.
 *
 * Run this lesson's tests: deno task test tests/step4/04_training_test.ts
 *
 * @module
 */

import type { PyRandom } from "../../support/random.ts";
import { decode, type Tokenizer } from "../step1/01_tokenizer.ts";
import { learningRate, type TrainOptions } from "../step1/10_training.ts";
import type { SampleOptions } from "../step1/11_sampling.ts";
import { mul, type Value } from "../step2/01_value.ts";
import { log, neg } from "../step2/02_more_ops.ts";
import { backward } from "../step2/03_backward.ts";
import { sgdUpdate } from "../step2/06_training.ts";
import { fusedSum } from "../step3/01_fused_nodes.ts";
import { softmax } from "../step3/04_attention.ts";
import { CONFIG, type Model, parameters } from "./02_parameters.ts";
import { emptyCaches, gpt } from "./03_gpt.ts";

import { todo } from "../../support/todo.ts";

/**
 * The mean cross-entropy loss of one tokenized name, as Step 3's forward
 * with fresh caches (one per layer): for each of the
 * n = min(blockSize, tokens.length − 1) positions, −log of the probability
 * `gpt` gives the true next token; (1/n) times their sum.
 *
 * @param model The parameters.
 * @param tokens The name as token ids, BOS at both ends.
 * @returns The loss, a Value at the root of the graph.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { forward } from "./04_training.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * assertAlmostEquals(forward(model, [26, 0, 21, 0, 26]).data, Math.log(27), 0.3);
 * ```
 */
export function forward(model: Model, tokens: readonly number[]): Value {
  todo("forward", import.meta.url);
}

/**
 * Trains in place with SGD, as Step 3 does: step s uses
 * docs[s % docs.length]; forward, backward, report through `onStep`, then
 * `sgdUpdate` with learningRate(s, steps, lr0) (which zeroes the grads).
 *
 * @param model The parameters, updated in place.
 * @param docs The tokenized names.
 * @param options Steps, starting learning rate (the guide's: 0.1), onStep.
 * @returns The loss of every step, before its update.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { train } from "./04_training.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * assertEquals(train(model, [[26, 0, 26]], { steps: 2, lr0: 0.1 }).length, 2);
 * ```
 */
export function train(
  model: Model,
  docs: readonly number[][],
  options: TrainOptions,
): number[] {
  todo("train", import.meta.url);
}

/**
 * Invents one name as Step 3's sample does, with fresh caches (one per
 * layer): from BOS at position 0, one weighted draw per position from
 * softmax(logits · temperature^−1), until BOS, `maxLength` characters, or
 * blockSize positions (there is no position embedding beyond), whichever
 * comes first.
 *
 * @param model The trained parameters.
 * @param tokenizer The tokenizer.
 * @param rng The random generator: one draw per generated token.
 * @param options Temperature and the longest name (at most blockSize).
 * @returns The name.
 *
 * @example Usage
 * ```ts
 * import { assertLessOrEqual } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { buildTokenizer } from "../step1/01_tokenizer.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { sample } from "./04_training.ts";
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
