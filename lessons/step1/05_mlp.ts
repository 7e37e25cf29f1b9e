/**
 * Lesson step1/05 · The MLP: embedding → linear → ReLU → linear
 * Guide: 1.4 The MLP
 *
 * The whole model, for one input token:
 * 1. look up the token's embedding, row `tokenId` of `wte` (16 numbers);
 * 2. a linear layer with `mlpFc1` widens it to 64 numbers;
 * 3. ReLU zeroes the negative ones: without this bend, two linear layers
 *    would collapse into one, and the model could learn nothing that a
 *    single linear layer cannot;
 * 4. a linear layer with `mlpFc2` gives 27 logits, one per possible next
 *    token.
 * It still only sees one token (a bigram model), but it learns its table
 * instead of counting it.
 *
 * Run this lesson's tests: deno task test tests/step1/05_mlp_test.ts
 *
 * @module
 */

import type { Model } from "./02_parameters.ts";
import { linear } from "./03_linear.ts";

import { todo } from "../../support/todo.ts";

/**
 * The rectified linear unit: max(0, v) for every entry.
 *
 * @param x The pre-activations.
 * @returns A new vector with the negative values replaced by 0.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { relu } from "./05_mlp.ts";
 *
 * assertEquals(relu([-1, 0, 2]), [0, 0, 2]);
 * ```
 */
export function relu(x: number[]): number[] {
  todo("relu", import.meta.url);
}

/**
 * Runs the model on one token: embedding → linear → ReLU → linear.
 *
 * @param model The parameters.
 * @param tokenId The input token.
 * @returns The logits for the next token, one per vocabulary entry.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { mlp } from "./05_mlp.ts";
 *
 * const model = initModel(27, 16, new PyRandom(42));
 * assertEquals(mlp(model, 26).length, 27);
 * ```
 */
export function mlp(model: Model, tokenId: number): number[] {
  todo("mlp", import.meta.url);
}
