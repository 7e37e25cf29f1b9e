/**
 * Lesson step1/02 · Parameters: three random matrices
 * Guide: 1.2 Parameters
 *
 * Step 0 counted bigrams into a table. Step 1 replaces counting by learning:
 * the model is a handful of matrices of numbers (its parameters), started at
 * small random values and nudged by gradient descent until the model predicts
 * the next character well.
 *
 * There are three matrices, always created in this order:
 * - `wte`, vocabSize × nEmbd: one embedding row per token;
 * - `mlpFc1`, 4·nEmbd × nEmbd: the MLP's first layer;
 * - `mlpFc2`, vocabSize × 4·nEmbd: the MLP's second layer, one row per token.
 *
 * With vocabSize 27 and nEmbd 16 that is 432 + 1024 + 1728 = 3,184 numbers.
 * Gradients and updates walk them in one fixed "flat" order: matrix by matrix,
 * row by row, column by column. Each entry is drawn from a Gaussian with
 * standard deviation 0.08, row by row; that order matters, because it decides
 * which random number lands where.
 *
 * Run this lesson's tests: deno task test tests/step1/02_parameters_test.ts
 *
 * @module
 */

import type { PyRandom } from "../../support/random.ts";

import { todo } from "../../support/todo.ts";

/** A matrix is an array of rows. */
export type Matrix = number[][];

/** The model's parameters (the guide's `state_dict`). */
export interface Model {
  /** Token embeddings: vocabSize × nEmbd. */
  wte: Matrix;
  /** First MLP layer: 4·nEmbd × nEmbd. */
  mlpFc1: Matrix;
  /** Second MLP layer: vocabSize × 4·nEmbd. */
  mlpFc2: Matrix;
}

/**
 * A rows × cols matrix of Gaussian random numbers, filled row by row.
 *
 * @param rows Number of rows.
 * @param cols Number of columns.
 * @param rng The random generator; each entry takes one `rng.gauss(0, std)`.
 * @param std The standard deviation.
 * @returns The new matrix.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { randomMatrix } from "./02_parameters.ts";
 *
 * const m = randomMatrix(2, 3, new PyRandom(42), 0.08);
 * assertEquals(m.length, 2);
 * assertEquals(m[0].length, 3);
 * ```
 */
export function randomMatrix(
  rows: number,
  cols: number,
  rng: PyRandom,
  std: number,
): Matrix {
  todo("randomMatrix", import.meta.url);
}

/**
 * Creates the three matrices in order (wte, mlpFc1, mlpFc2), with standard
 * deviation 0.08.
 *
 * @param vocabSize Number of tokens.
 * @param nEmbd Embedding size; the hidden layer has 4·nEmbd units.
 * @param rng The random generator.
 * @returns The model.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 *
 * const model = initModel(27, 16, new PyRandom(42));
 * assertEquals(model.mlpFc1.length, 64);
 * ```
 */
export function initModel(
  vocabSize: number,
  nEmbd: number,
  rng: PyRandom,
): Model {
  todo("initModel", import.meta.url);
}

/**
 * The model's matrices in parameter order: wte, mlpFc1, mlpFc2.
 *
 * @param model The model (or a gradient shaped like it).
 * @returns The three matrices (the same arrays, not copies).
 *
 * @example Usage
 * ```ts
 * import { assertStrictEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel, matrices } from "./02_parameters.ts";
 *
 * const model = initModel(3, 2, new PyRandom(1));
 * assertStrictEquals(matrices(model)[2], model.mlpFc2);
 * ```
 */
export function matrices(model: Model): Matrix[] {
  todo("matrices", import.meta.url);
}

/**
 * Every parameter in one flat list: matrix → row → column.
 *
 * @param model The model (or a gradient shaped like it).
 * @returns A new array of all values.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { flatten, initModel } from "./02_parameters.ts";
 *
 * assertEquals(flatten(initModel(27, 16, new PyRandom(42))).length, 3184);
 * ```
 */
export function flatten(model: Model): number[] {
  todo("flatten", import.meta.url);
}

/**
 * A model of the same shape with every value 0: where gradients accumulate.
 *
 * @param model The model whose shape to copy.
 * @returns A new, zero-filled model.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { flatten, initModel, zerosLike } from "./02_parameters.ts";
 *
 * const zeros = zerosLike(initModel(3, 2, new PyRandom(1)));
 * assertEquals(new Set(flatten(zeros)), new Set([0]));
 * ```
 */
export function zerosLike(model: Model): Model {
  todo("zerosLike", import.meta.url);
}
