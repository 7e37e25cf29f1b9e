/**
 * Lesson step3/06 · Training the attention model
 * Guide: 3.8 Training and results
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
 * assertAlmostEquals(forward(model, [26, 0, 21, 0, 26]).data, Math.log(27), 0.3);
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
