/**
 * Lesson step4/04 · Training the transformer, and sampling from it
 * Guide: 4.6 Training and results
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

/**
 * The mean loss of one tokenized name: fresh caches (one per layer), then
 * n = min(blockSize, tokens.length − 1) positions.
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
  const n = Math.min(CONFIG.blockSize, tokens.length - 1);
  const caches = emptyCaches(model.layers.length);
  const losses: Value[] = [];
  for (let pos = 0; pos < n; pos++) {
    const probs = softmax(gpt(model, tokens[pos], pos, caches));
    losses.push(neg(log(probs[tokens[pos + 1]])));
  }
  return mul(1 / n, fusedSum(losses));
}

/**
 * Trains with SGD and the decaying learning rate, as Step 3 does.
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
  const params = parameters(model);
  const losses: number[] = [];
  for (let step = 0; step < options.steps; step++) {
    const loss = forward(model, docs[step % docs.length]);
    backward(loss);
    const lr = learningRate(step, options.steps, options.lr0);
    options.onStep?.({ step, loss: loss.data, lr });
    sgdUpdate(params, lr);
    losses.push(loss.data);
  }
  return losses;
}

/**
 * Invents one name with fresh caches, as Step 3's sample does.
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
  const caches = emptyCaches(model.layers.length);
  const ids: number[] = [];
  const scale = options.temperature ** -1;
  let token = tokenizer.bos;
  for (let pos = 0; pos < options.maxLength; pos++) {
    const logits = gpt(model, token, pos, caches).map((l) => mul(l, scale));
    token = rng.weightedIndex(softmax(logits).map((p) => p.data));
    if (token === tokenizer.bos) break;
    ids.push(token);
  }
  return decode(tokenizer, ids);
}
