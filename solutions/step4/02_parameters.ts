/**
 * Lesson step4/02 · Parameters for a stack of layers
 * Guide: 4.4 Layer loop
 *
 * A transformer repeats its block: attention, then MLP, then attention
 * again, each with its own weights. The guide still uses one layer
 * (`nLayer = 1`), but the code is written for any number, so the model now
 * holds a list of layers, each with the six matrices Step 3 had at the top
 * level (attnWq, attnWk, attnWv, attnWo, mlpFc1, mlpFc2). wte, wpe and
 * lmHead stay outside: they are used once, before and after the layers.
 *
 * Same sizes as Step 3, so the same 4,192 parameters. The trap is their
 * order. The weights are drawn from the random generator one after another,
 * so the order in which the matrices are drawn decides which number lands
 * where. Step 4 draws wte, wpe, then lmHead (third, no longer last), then
 * each layer's six matrices. Draw lmHead last, as Step 3 did, and every
 * count still comes out right, but the model starts from other weights and
 * no printed number matches the guide's. `parameters()` walks the same
 * order, so that the optimizer's i-th entry is always the same weight.
 *
 * Run this lesson's tests: deno task test tests/step4/02_parameters_test.ts
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
 * Draws the matrices, each row by row with gauss(0, 0.08), in the guide's
 * Step 4 order: wte, wpe, lmHead (third, not last as in Step 3), then for
 * each layer attnWq, attnWk, attnWv, attnWo, mlpFc1, mlpFc2.
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
 * assertEquals(model.layers.length, 1);
 * // lmHead comes right after wte and wpe: 27·16 + 16·16 = 688 draws before
 * // it, so its first weight is draw number 688 (counting from 0).
 * const rng = new PyRandom(42);
 * const draws = Array.from({ length: 689 }, () => rng.gauss(0, 0.08));
 * assertEquals(model.lmHead[0][0].data, draws[688]);
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
 * matrices in order; matrix → row → column.
 *
 * @param model The model.
 * @returns The model's own Values (not copies): 4,192 for the guide's sizes.
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
