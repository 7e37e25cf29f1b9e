/**
 * Lesson step3/06 · Training the attention model
 * Guide: 3.8 Training and results
 *
 * The loop is Step 2's: forward, backward, report, update and zero the
 * gradients, with SGD and the learning rate falling from 0.1 to 0. What
 * changes is the forward pass. A name is processed position by position
 * with a fresh, empty cache, so no name sees another's keys. At position
 * pos the model gets tokens[pos] and is scored on tokens[pos + 1]; the
 * loss is the mean of −log p(target) over the positions, (1/n) times one
 * fused sum.
 *
 * The trap is n. There are only blockSize = 16 position embeddings, so a
 * name is scored on at most 16 positions: n = min(blockSize,
 * tokens.length − 1). A name of 20 letters has 21 positions, and the last
 * five are left out.
 *
 * With names.txt and seed 42 the guide prints 3.3816 for step 1, 3.4377
 * for step 2, 2.1831 for step 201 and 2.2230 for step 801 (Step 2's MLP
 * printed 3.2978 and 2.5680 at steps 1 and 201), and the samples jalon,
 * annyn, jaenn, aren (lesson 07).
 *
 * Run this lesson's tests: deno task test tests/step3/06_training_test.ts
 *
 * @module
 */

import { learningRate, type TrainOptions } from "../step1/10_training.ts";
import { mul, type Value } from "../step2/01_value.ts";
import { log, neg } from "../step2/02_more_ops.ts";
import { backward } from "../step2/03_backward.ts";
import { sgdUpdate } from "../step2/06_training.ts";
import { fusedSum } from "./01_fused_nodes.ts";
import { CONFIG, type Model, parameters } from "./02_parameters.ts";
import { softmax } from "./04_attention.ts";
import { emptyCache, gpt } from "./05_gpt.ts";

import { todo } from "../../support/todo.ts";

/**
 * The mean cross-entropy loss of one tokenized name, position by position
 * with a fresh cache: n = min(blockSize, tokens.length − 1) positions.
 *
 * @param model The parameters.
 * @param tokens The name as token ids, BOS at both ends.
 * @returns The loss, a Value at the root of the whole graph.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { forward } from "./06_training.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * const loss = forward(model, [26, 0, 21, 0, 26]); // "ava"
 * // The guide's Python, on the same weights, gives 2.975273148071412.
 * assertAlmostEquals(loss.data, 2.975273148071412, 1e-12);
 * ```
 */
export function forward(model: Model, tokens: readonly number[]): Value {
  todo("forward", import.meta.url);
}

/**
 * Trains with SGD and the linearly decaying learning rate: step s uses
 * docs[s % docs.length]; forward, backward, report, update (which zeroes
 * the gradients).
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
 * import { train } from "./06_training.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * const losses = train(model, [[26, 0, 21, 0, 26]], { steps: 2, lr0: 0.1 });
 * assertEquals(losses.length, 2);
 * ```
 */
export function train(
  model: Model,
  docs: readonly number[][],
  options: TrainOptions,
): number[] {
  todo("train", import.meta.url);
}
