/**
 * Fixtures shared by the Step 4 tests: the guide's transformer written out
 * once more with plain numbers (no Values, no lesson code), so that the
 * tests compare the lessons with an independent computation, and central
 * differences of its loss for the gradients.
 *
 * @module
 */

import { PyRandom } from "../../support/random.ts";
import { Value } from "../../lessons/step2/01_value.ts";
import type { Config, Model } from "../../lessons/step4/02_parameters.ts";

/** A matrix of plain numbers. */
export type Numbers = number[][];

/** One layer's weights as plain numbers. */
export interface NumberLayer {
  attnWq: Numbers;
  attnWk: Numbers;
  attnWv: Numbers;
  attnWo: Numbers;
  mlpFc1: Numbers;
  mlpFc2: Numbers;
}

/** The Steps 4–5 model as plain numbers. */
export interface NumberModel {
  wte: Numbers;
  wpe: Numbers;
  lmHead: Numbers;
  layers: NumberLayer[];
}

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

const dotN = (a: readonly number[], b: readonly number[]) =>
  a.reduce((s, x, j) => s + x * b[j], 0);
const linearN = (x: readonly number[], w: Numbers) =>
  w.map((row) => dotN(row, x));
const addN = (a: readonly number[], b: readonly number[]) =>
  a.map((x, i) => x + b[i]);

/** RMSNorm on plain numbers: x / √(mean(x²) + 1e-5). */
export function rmsnormN(x: readonly number[]): number[] {
  const scale = (dotN(x, x) / x.length + 1e-5) ** -0.5;
  return x.map((xi) => xi * scale);
}

/** Softmax on plain numbers. */
export function softmaxN(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

/**
 * Multi-head attention on plain numbers; each head's scores are its dot
 * products divided by `divisor(headDim)` (the guide: √headDim). Also
 * returns each head's weights.
 */
export function attentionN(
  q: readonly number[],
  keys: readonly number[][],
  vals: readonly number[][],
  nHead: number,
  divisor: (headDim: number) => number = Math.sqrt,
): { out: number[]; weights: number[][] } {
  const hd = q.length / nHead;
  const out: number[] = [];
  const weights: number[][] = [];
  for (let h = 0; h < nHead; h++) {
    const s = (v: readonly number[]) => v.slice(h * hd, (h + 1) * hd);
    const scores = keys.map((k) => dotN(s(q), s(k)) / divisor(hd));
    const w = softmaxN(scores);
    weights.push(w);
    for (let j = 0; j < hd; j++) {
      out.push(w.reduce((acc, wt, t) => acc + wt * s(vals[t])[j], 0));
    }
  }
  return { out, weights };
}

/** One layer's caches of plain numbers. */
export interface NumberCache {
  keys: number[][];
  values: number[][];
}

/** The attention block of one layer on plain numbers; appends to `cache`. */
export function attentionBlockN(
  layer: NumberLayer,
  x: readonly number[],
  cache: NumberCache,
  nHead: number,
): number[] {
  const xn = rmsnormN(x);
  const q = linearN(xn, layer.attnWq);
  cache.keys.push(linearN(xn, layer.attnWk));
  cache.values.push(linearN(xn, layer.attnWv));
  const { out } = attentionN(q, cache.keys, cache.values, nHead);
  return addN(linearN(out, layer.attnWo), x);
}

/** The guide's gpt() on plain numbers: the logits of one position. */
export function gptN(
  model: NumberModel,
  token: number,
  pos: number,
  caches: NumberCache[],
  nHead: number,
): number[] {
  let x = rmsnormN(addN(model.wte[token], model.wpe[pos]));
  model.layers.forEach((layer, li) => {
    x = attentionBlockN(layer, x, caches[li], nHead);
    const h = linearN(rmsnormN(x), layer.mlpFc1).map((v) => Math.max(0, v));
    x = addN(linearN(h, layer.mlpFc2), x);
  });
  return linearN(x, model.lmHead);
}

/** Fresh plain-number caches, one per layer. */
export function emptyCachesN(nLayer: number): NumberCache[] {
  return Array.from({ length: nLayer }, () => ({ keys: [], values: [] }));
}

/** The guide's training loss of one name, on plain numbers. */
export function lossN(
  model: NumberModel,
  tokens: readonly number[],
  nHead: number,
  blockSize = 16,
): number {
  const n = Math.min(blockSize, tokens.length - 1);
  const caches = emptyCachesN(model.layers.length);
  let total = 0;
  for (let pos = 0; pos < n; pos++) {
    const probs = softmaxN(gptN(model, tokens[pos], pos, caches, nHead));
    total += -Math.log(probs[tokens[pos + 1]]);
  }
  return total / n;
}

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
