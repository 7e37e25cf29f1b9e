/**
 * Lesson step2/04 · Parameters as Values
 * Guide: 2.6 Parameters as Values
 *
 * The model is Step 1's: the same three matrices wte, mlpFc1 and mlpFc2,
 * filled with the same random numbers drawn in the same order. The only
 * change is that every entry is now a leaf Value, so that the forward pass
 * builds its graph on top of them and the backward pass leaves each
 * parameter's gradient in its `grad`.
 *
 * Training wants the parameters as one flat list, in Step 1's order:
 * matrix by matrix, row by row, column by column. The list holds the very
 * Value objects of the matrices (not copies), so updating
 * `parameters(model)[k].data` updates the model.
 *
 * Run this lesson's tests: deno task test tests/step2/04_parameters_test.ts
 *
 * @module
 */

import {
  initModel as initNumberModel,
  type Model as NumberModel,
} from "../step1/02_parameters.ts";
import type { PyRandom } from "../../support/random.ts";
import { Value } from "./01_value.ts";

import { todo } from "../../support/todo.ts";

/** A matrix of Values: an array of rows. */
export type Matrix = Value[][];

/** The model's parameters, each a leaf Value. */
export interface Model {
  /** Token embeddings: vocabSize × nEmbd. */
  wte: Matrix;
  /** First MLP layer: 4·nEmbd × nEmbd. */
  mlpFc1: Matrix;
  /** Second MLP layer: vocabSize × 4·nEmbd. */
  mlpFc2: Matrix;
}

/**
 * Wraps every number of a Step 1 model in a new leaf Value.
 *
 * @param model A Step 1 model (plain numbers); not changed.
 * @returns A model of the same shape, made of Values.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fromNumbers } from "./04_parameters.ts";
 *
 * const model = fromNumbers({ wte: [[1, 2]], mlpFc1: [[3]], mlpFc2: [[4]] });
 * assertEquals(model.wte[0][1].data, 2);
 * ```
 */
export function fromNumbers(model: NumberModel): Model {
  todo("fromNumbers", import.meta.url);
}

/**
 * The numbers inside a model of Values: a Step 1 model.
 *
 * @param model A model of Values.
 * @returns A new Step 1 model holding each Value's `data`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fromNumbers, toNumbers } from "./04_parameters.ts";
 *
 * const numbers = { wte: [[1, 2]], mlpFc1: [[3]], mlpFc2: [[4]] };
 * assertEquals(toNumbers(fromNumbers(numbers)), numbers);
 * ```
 */
export function toNumbers(model: Model): NumberModel {
  todo("toNumbers", import.meta.url);
}

/**
 * Step 1's starting point, as Values: the same matrices, drawn in the same
 * order from `rng` with standard deviation 0.08.
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
 * import { initModel } from "./04_parameters.ts";
 *
 * const model = initModel(27, 16, new PyRandom(42));
 * assertEquals(model.mlpFc2.length, 27);
 * assertEquals(model.mlpFc2[0].length, 64);
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
 * Every parameter in one flat list: wte, mlpFc1, mlpFc2, each row by row.
 *
 * @param model The model.
 * @returns The model's own Value objects, in flat order.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertStrictEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel, parameters } from "./04_parameters.ts";
 *
 * const model = initModel(27, 16, new PyRandom(42));
 * const params = parameters(model);
 * assertEquals(params.length, 3184);
 * assertStrictEquals(params[0], model.wte[0][0]);
 * ```
 */
export function parameters(model: Model): Value[] {
  todo("parameters", import.meta.url);
}
