/**
 * Lesson step3/02 · Parameters and position embeddings
 * Guide: 3.1 What changes · 3.2 Position embeddings
 *
 * @module
 */

import type { PyRandom } from "../../support/random.ts";
import { randomMatrix } from "../step1/02_parameters.ts";
import { add, Value } from "../step2/01_value.ts";
import type { Matrix } from "../step2/04_parameters.ts";

import { todo } from "../../support/todo.ts";

/** The guide's sizes for Steps 3–5. */
export interface Config {
  /** Embedding size: the length of every vector the model passes along. */
  nEmbd: number;
  /** The longest context: positions 0 … blockSize − 1. */
  blockSize: number;
}

/** The guide's Step 3 sizes: 16 and 16. */
export const CONFIG: Config = { nEmbd: 16, blockSize: 16 };

/** The Step 3 model's parameters, in the guide's draw order. */
export interface Model {
  /** Token embeddings: vocabSize × nEmbd. */
  wte: Matrix;
  /** Position embeddings: blockSize × nEmbd. */
  wpe: Matrix;
  /** Queries: nEmbd × nEmbd. */
  attnWq: Matrix;
  /** Keys: nEmbd × nEmbd. */
  attnWk: Matrix;
  /** Values: nEmbd × nEmbd. */
  attnWv: Matrix;
  /** Attention output: nEmbd × nEmbd. */
  attnWo: Matrix;
  /** First MLP layer: 4·nEmbd × nEmbd. */
  mlpFc1: Matrix;
  /** Second MLP layer: nEmbd × 4·nEmbd. */
  mlpFc2: Matrix;
  /** Language-model head: vocabSize × nEmbd. */
  lmHead: Matrix;
}

/**
 * A matrix of Values drawn with `gauss(0, 0.08)`, row by row.
 *
 * @param rows Number of rows.
 * @param cols Number of columns.
 * @param rng The random generator.
 * @returns A rows × cols matrix of leaves.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { valueMatrix } from "./02_parameters.ts";
 *
 * const m = valueMatrix(2, 3, new PyRandom(42));
 * assertEquals([m.length, m[0].length], [2, 3]);
 * ```
 */
export function valueMatrix(rows: number, cols: number, rng: PyRandom): Matrix {
  todo("valueMatrix", import.meta.url);
}

/**
 * Draws the nine matrices in the guide's Step 3 order: wte, wpe, attnWq,
 * attnWk, attnWv, attnWo, mlpFc1, mlpFc2, lmHead.
 *
 * @param vocabSize Number of tokens.
 * @param rng The random generator.
 * @param config The sizes (default: the guide's).
 * @returns The model.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * assertEquals(model.wpe.length, 16);
 * ```
 */
export function initModel(
  vocabSize: number,
  rng: PyRandom,
  config: Config = CONFIG,
): Model {
  todo("initModel", import.meta.url);
}

/**
 * Every parameter, in the order they were drawn: matrix → row → column.
 *
 * @param model The model.
 * @returns The model's own Values (not copies).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel, parameters } from "./02_parameters.ts";
 *
 * assertEquals(parameters(initModel(27, new PyRandom(42))).length, 4192);
 * ```
 */
export function parameters(model: Model): Value[] {
  todo("parameters", import.meta.url);
}

/**
 * The input of position `pos`: the token's embedding plus the position's,
 * element by element.
 *
 * @param wte Token embeddings.
 * @param wpe Position embeddings.
 * @param token The token id.
 * @param pos The position, 0 … blockSize − 1.
 * @returns A vector of nEmbd new Values.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { embed } from "./02_parameters.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const x = embed([values([1, 2])], [values([10, 20]), values([30, 40])], 0, 1);
 * assertEquals(x.map((v) => v.data), [31, 42]);
 * ```
 */
export function embed(
  wte: Matrix,
  wpe: Matrix,
  token: number,
  pos: number,
): Value[] {
  todo("embed", import.meta.url);
}
