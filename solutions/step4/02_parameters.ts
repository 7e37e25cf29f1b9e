/**
 * Lesson step4/02 · Parameters for a stack of layers
 * Guide: 4.4 Layer loop
 *
 * @module
 */

import type { PyRandom } from "../../support/random.ts";
import type { Value } from "../step2/01_value.ts";
import type { Matrix } from "../step2/04_parameters.ts";
import { valueMatrix } from "../step3/02_parameters.ts";

/** The guide's sizes for Steps 4 and 5. */
export interface Config {
  /** Embedding size. */
  nEmbd: number;
  /** The number of attention heads; nEmbd / nHead dimensions each. */
  nHead: number;
  /** The number of layers (attention block + MLP block each). */
  nLayer: number;
  /** The longest context. */
  blockSize: number;
}

/** The guide's Steps 4 and 5 sizes. */
export const CONFIG: Config = { nEmbd: 16, nHead: 4, nLayer: 1, blockSize: 16 };

/** One layer's parameters. */
export interface Layer {
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
}

/** The Steps 4–5 model: embeddings, head, and a list of layers. */
export interface Model {
  /** Token embeddings: vocabSize × nEmbd. */
  wte: Matrix;
  /** Position embeddings: blockSize × nEmbd. */
  wpe: Matrix;
  /** Language-model head: vocabSize × nEmbd. */
  lmHead: Matrix;
  /** The layers, in order. */
  layers: Layer[];
}

/**
 * Draws the matrices in the guide's Step 4 order: wte, wpe, lmHead, then
 * for each layer attnWq, attnWk, attnWv, attnWo, mlpFc1, mlpFc2.
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
 * assertEquals(initModel(27, new PyRandom(42)).layers.length, 1);
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
  const lmHead = valueMatrix(vocabSize, nEmbd, rng);
  const layers: Layer[] = [];
  for (let i = 0; i < config.nLayer; i++) {
    layers.push({
      attnWq: valueMatrix(nEmbd, nEmbd, rng),
      attnWk: valueMatrix(nEmbd, nEmbd, rng),
      attnWv: valueMatrix(nEmbd, nEmbd, rng),
      attnWo: valueMatrix(nEmbd, nEmbd, rng),
      mlpFc1: valueMatrix(4 * nEmbd, nEmbd, rng),
      mlpFc2: valueMatrix(nEmbd, 4 * nEmbd, rng),
    });
  }
  return { wte, wpe, lmHead, layers };
}

/**
 * Every parameter in draw order: wte, wpe, lmHead, then each layer's six
 * matrices; matrix → row → column.
 *
 * @param model The model.
 * @returns The model's own Values.
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
  const matrices: Matrix[] = [model.wte, model.wpe, model.lmHead];
  for (const layer of model.layers) {
    matrices.push(
      layer.attnWq,
      layer.attnWk,
      layer.attnWv,
      layer.attnWo,
      layer.mlpFc1,
      layer.mlpFc2,
    );
  }
  return matrices.flat(2);
}
