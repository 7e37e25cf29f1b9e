/**
 * Fixtures shared by the Step 4 tests: the lessons' model as plain numbers
 * for the oracle of `../_reference.ts` (the guide's transformer written
 * once more, no lesson code), central differences of its loss for the
 * gradients, and its sampling.
 *
 * @module
 */

import { PyRandom } from "../../support/random.ts";
import { Value } from "../../lessons/step2/01_value.ts";
import type { Config, Model } from "../../lessons/step4/02_parameters.ts";
import {
  emptyCachesN,
  gptN,
  type NumberModel,
  type Numbers,
  softmaxN,
} from "../_reference.ts";

/** Leaves holding `xs`. */
export function values(xs: readonly number[]): Value[] {
  return xs.map((x) => new Value(x));
}

/** The data of some Values. */
export function data(vs: readonly Value[]): number[] {
  return vs.map((v) => v.data);
}

/** A rows × cols matrix of gauss(0, sigma) draws, row by row. */
export function gaussNumbers(
  rows: number,
  cols: number,
  rng: PyRandom,
  sigma = 1,
): Numbers {
  return Array.from(
    { length: rows },
    () => Array.from({ length: cols }, () => rng.gauss(0, sigma)),
  );
}

/** A lesson model's weights as plain numbers (a copy). */
export function toNumbers(model: Model): NumberModel {
  const m = (w: Value[][]) => w.map((row) => row.map((v) => v.data));
  return {
    wte: m(model.wte),
    wpe: m(model.wpe),
    lmHead: m(model.lmHead),
    layers: model.layers.map((l) => ({
      attnWq: m(l.attnWq),
      attnWk: m(l.attnWk),
      attnWv: m(l.attnWv),
      attnWo: m(l.attnWo),
      mlpFc1: m(l.mlpFc1),
      mlpFc2: m(l.mlpFc2),
    })),
  };
}

/** Plain numbers as a lesson model of leaves (no lesson code involved). */
export function fromNumbers(model: NumberModel): Model {
  const m = (w: Numbers) => w.map((row) => values(row));
  return {
    wte: m(model.wte),
    wpe: m(model.wpe),
    lmHead: m(model.lmHead),
    layers: model.layers.map((l) => ({
      attnWq: m(l.attnWq),
      attnWk: m(l.attnWk),
      attnWv: m(l.attnWv),
      attnWo: m(l.attnWo),
      mlpFc1: m(l.mlpFc1),
      mlpFc2: m(l.mlpFc2),
    })),
  };
}

/** Every number of a plain model, in the Step 4 parameter order. */
export function flatNumbers(model: NumberModel): number[] {
  const matrices = [model.wte, model.wpe, model.lmHead];
  for (const l of model.layers) {
    matrices.push(l.attnWq, l.attnWk, l.attnWv, l.attnWo, l.mlpFc1, l.mlpFc2);
  }
  return matrices.flat(2);
}

/** A small model for gradient checks: weights gauss(0, 0.5), drawn here. */
export function smallModel(
  seed: number,
  vocabSize = 5,
  config: Config = SMALL,
): NumberModel {
  const rng = new PyRandom(seed);
  const { nEmbd, blockSize, nLayer } = config;
  const g = (r: number, c: number) => gaussNumbers(r, c, rng, 0.5);
  return {
    wte: g(vocabSize, nEmbd),
    wpe: g(blockSize, nEmbd),
    lmHead: g(vocabSize, nEmbd),
    layers: Array.from({ length: nLayer }, () => ({
      attnWq: g(nEmbd, nEmbd),
      attnWk: g(nEmbd, nEmbd),
      attnWv: g(nEmbd, nEmbd),
      attnWo: g(nEmbd, nEmbd),
      mlpFc1: g(4 * nEmbd, nEmbd),
      mlpFc2: g(nEmbd, 4 * nEmbd),
    })),
  };
}

/** Small sizes for gradient checks: 4 heads of 2 (the lessons default to 4 heads), two layers. */
export const SMALL: Config = { nEmbd: 8, nHead: 4, nLayer: 2, blockSize: 8 };

/**
 * ∂loss/∂θ for every parameter θ of a plain model, in Step 4's parameter
 * order, by central differences (f(θ + h) − f(θ − h)) / 2h.
 */
export function centralGradient(
  model: NumberModel,
  loss: (m: NumberModel) => number,
  h = 1e-5,
): number[] {
  const matrices = [model.wte, model.wpe, model.lmHead];
  for (const l of model.layers) {
    matrices.push(l.attnWq, l.attnWk, l.attnWv, l.attnWo, l.mlpFc1, l.mlpFc2);
  }
  const grad: number[] = [];
  for (const matrix of matrices) {
    for (const row of matrix) {
      for (let j = 0; j < row.length; j++) {
        const x = row[j];
        row[j] = x + h;
        const plus = loss(model);
        row[j] = x - h;
        const minus = loss(model);
        row[j] = x;
        grad.push((plus - minus) / (2 * h));
      }
    }
  }
  return grad;
}

/**
 * The guide's sampling on plain numbers: fresh caches, from BOS, one
 * weighted draw per position from softmax(logits / temperature).
 */
export function sampleN(
  model: NumberModel,
  bos: number,
  rng: PyRandom,
  nHead: number,
  temperature: number,
  maxLength: number,
): number[] {
  const caches = emptyCachesN(model.layers.length);
  const ids: number[] = [];
  let token = bos;
  for (let pos = 0; pos < maxLength; pos++) {
    const logits = gptN(model, token, pos, caches, nHead);
    token = rng.weightedIndex(softmaxN(logits.map((l) => l / temperature)));
    if (token === bos) break;
    ids.push(token);
  }
  return ids;
}

/** Tokenizes a–z names with BOS = 26, as the guide's names.txt does. */
export function tokenize(name: string): number[] {
  return [26, ...[...name].map((ch) => ch.charCodeAt(0) - 97), 26];
}

/** GUIDE.md's printed Step 4 losses (seed 42, names.txt), by step from 1. */
export const GUIDE_STEP4_LOSSES: Readonly<Record<number, string>> = {
  1: "3.3660",
  2: "3.4273",
  201: "2.1700",
  801: "2.2216",
};

/** GUIDE.md's first four Step 4 samples (temperature 0.5). */
export const GUIDE_STEP4_SAMPLES: readonly string[] = [
  "jalyn",
  "annze",
  "jaenn",
  "aren",
];
