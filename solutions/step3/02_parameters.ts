/**
 * Lesson step3/02 · Parameters and position embeddings
 * Guide: 3.1 What changes · 3.2 Position embeddings
 *
 * Steps 0 to 2 predicted the next character from the current one alone.
 * Step 3 lets every position look back at the whole name so far
 * (attention, lessons 04 and 05), which needs new matrices: the queries,
 * keys and values of attention and its output (attnWq, attnWk, attnWv,
 * attnWo, 16×16 each), an MLP that now maps 16 → 64 → 16, and `lmHead`,
 * which turns the final 16 numbers into 27 logits.
 *
 * Attention mixes earlier positions with a weighted sum, and a sum does
 * not care about order: "ab" and "ba" would look the same. So each
 * position gets a learned vector too, `wpe[pos]`, added to the token's
 * embedding: the input of position pos is wte[token] + wpe[pos]. There are
 * blockSize = 16 of them, which is why the model sees at most 16 positions.
 *
 * In all 27·16 + 16·16 + 4·16·16 + 64·16 + 16·64 + 27·16 = 4,192
 * parameters. The trap is the order: the random numbers are drawn matrix
 * by matrix in the guide's order (wte, wpe, attnWq, attnWk, attnWv, attnWo,
 * mlpFc1, mlpFc2, lmHead), row by row; change it and every number after
 * it changes, and no later result matches the guide.
 *
 * Run this lesson's tests: deno task test tests/step3/02_parameters_test.ts
 *
 * @module
 */

import type { PyRandom } from "../../support/random.ts";
import { randomMatrix } from "../step1/02_parameters.ts";
import { add, Value } from "../step2/01_value.ts";
import type { Matrix } from "../step2/04_parameters.ts";

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
  return randomMatrix(rows, cols, rng, 0.08).map((row) =>
    row.map((x) => new Value(x))
  );
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
  const { nEmbd, blockSize } = config;
  const wte = valueMatrix(vocabSize, nEmbd, rng);
  const wpe = valueMatrix(blockSize, nEmbd, rng);
  const attnWq = valueMatrix(nEmbd, nEmbd, rng);
  const attnWk = valueMatrix(nEmbd, nEmbd, rng);
  const attnWv = valueMatrix(nEmbd, nEmbd, rng);
  const attnWo = valueMatrix(nEmbd, nEmbd, rng);
  const mlpFc1 = valueMatrix(4 * nEmbd, nEmbd, rng);
  const mlpFc2 = valueMatrix(nEmbd, 4 * nEmbd, rng);
  const lmHead = valueMatrix(vocabSize, nEmbd, rng);
  return { wte, wpe, attnWq, attnWk, attnWv, attnWo, mlpFc1, mlpFc2, lmHead };
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
  const matrices = [
    model.wte,
    model.wpe,
    model.attnWq,
    model.attnWk,
    model.attnWv,
    model.attnWo,
    model.mlpFc1,
    model.mlpFc2,
    model.lmHead,
  ];
  return matrices.flat(2);
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
  return wte[token].map((t, j) => add(t, wpe[pos][j]));
}
