/**
 * The guide's model of Steps 3 and 4 written once more with plain numbers
 * (no Values, no lesson code): the oracle the tests compare the lessons
 * with. Every function takes an optional `slip`, one known mistake to
 * switch on; the tests run the oracle once per slip, and when a learner's
 * numbers are exactly a slip's, the failure names that mistake
 * ({@linkcode mistakesOf}, and `mistakes` in `_assert.ts`).
 *
 * @module
 */

import { assertVectorClose, type KnownMistake } from "./_assert.ts";

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

/** The model as plain numbers (Step 3 is one layer of one head). */
export interface NumberModel {
  wte: Numbers;
  wpe: Numbers;
  lmHead: Numbers;
  layers: NumberLayer[];
}

/** One layer's cache of plain numbers. */
export interface NumberCache {
  keys: number[][];
  values: number[][];
}

/** The known mistakes, and what a failure says about each. */
export const SLIPS = {
  // rmsnorm
  epsOutsideRoot:
    "ε added outside the root, ms^−0.5 + ε: it belongs inside, (ms + ε)^−0.5",
  noEps:
    "the scale without ε, ms^−0.5: add ε = 1e-5 inside the root, (ms + ε)^−0.5",
  meanNotSquares:
    "ms as the mean of the entries: it is the mean of their squares, (x₀² + x₁² + …) / n",
  noOneOverN:
    "ms as the sum of the squares, without the 1/n: it is their mean, (x₀² + x₁² + …) / n",
  rootNotInverted:
    "a scale of (ms + ε)^0.5, which multiplies by the root mean square: divide by it, the power is −0.5",
  // softmax and attention weights
  notNormalized:
    "exp(v − max) not divided by their total: multiply each by (Σ exp)^−1",
  noScale: "scores q·k not divided by √d (d is the query's length)",
  scaleByD: "scores divided by d instead of √d (d is the query's length)",
  scaleByKeyCount:
    "scores divided by √(the number of keys): √d uses d, the query's length",
  scaleUp: "scores multiplied by √d: divide by √d",
  // the attention block
  attnResidualAfterNorm:
    "the attention block's residual taken after its rmsnorm: add back the block's input x, not rmsnorm(x)",
  noAttnResidual:
    "the attention block without its residual: return attnWo · (weighted sum) + x",
  noAttnNorm:
    "the attention block without its rmsnorm: q, k and v are made from rmsnorm(x)",
  kvFromX:
    "k and v made from x, only q from rmsnorm(x): all three are made from rmsnorm(x)",
  queryFromWk: "the query made with attnWk: q = attnWq · rmsnorm(x)",
  keyFromWq: "the key made with attnWq: k = attnWk · rmsnorm(x)",
  valueFromWk: "the value made with attnWk: v = attnWv · rmsnorm(x)",
  noWo:
    "the weighted sum used without attnWo: the block returns attnWo · (weighted sum) + x",
  residualBeforeWo:
    "the residual added before attnWo, attnWo · (weighted sum + x): the block returns attnWo · (weighted sum) + x",
  weighKeys:
    "the weights applied to the cached keys: the output is the weighted sum of the cached values",
  appendAfterAttending:
    "this position's key and value appended after attending: append them before attending, so that the position sees itself",
  // the MLP block
  noMlpResidual:
    "the MLP block without its residual: return mlpFc2 · ReLU(mlpFc1 · rmsnorm(x)) + x",
  mlpResidualAfterNorm:
    "the MLP block's residual taken after its rmsnorm: add back the block's input x, not rmsnorm(x)",
  noMlpNorm:
    "the MLP block without its rmsnorm: mlpFc1 takes rmsnorm(x), not x",
  noRelu: "no ReLU between mlpFc1 and mlpFc2",
  fc1Twice: "mlpFc1 used for the second layer too: the second layer is mlpFc2",
  reluAfterFc2:
    "a ReLU after mlpFc2 too: only mlpFc1's output goes through ReLU",
  reluBeforeFc1:
    "the ReLU on the input of mlpFc1: it goes after mlpFc1, on its output",
  // gpt
  noInputNorm:
    "no rmsnorm of the embedding: x = rmsnorm(wte[token] + wpe[pos]) before the first block",
  finalNorm:
    "an rmsnorm before lmHead (GPT-2 has one, this model has not): lmHead takes the last block's output as it is",
  mlpFirst:
    "the MLP block before the attention block: the order is attention first, then the MLP",
  attnOutputDropped:
    "the attention block's output dropped (x = attentionBlock(…) never assigned): the MLP block takes the attention block's output",
  wpeZero: "wpe[0] at every position: position pos adds wpe[pos]",
  wpeToken: "wpe[token] instead of wpe[pos]: position pos adds wpe[pos]",
  // multi-head attention
  sliceAtH:
    "slices that start at h: head h's slice starts at dimension h · headDim",
  sliceEndAsLength:
    "slice(h · headDim, headDim): slice's second argument is the end, (h + 1) · headDim, not a length",
  queryHead0: "every head attends with head 0's slice of the query",
  headDimIsNHead:
    "headDim = nHead: it is the length of the query over the number of heads, q.length / nHead",
  keysNotSliced:
    "the keys given whole to every head: each head compares its slice of the query with its slice of the keys",
  valuesNotSliced:
    "the values given whole to every head: each head mixes its own slice of the values",
  scaleByNEmbd:
    "each head's scores divided by √nEmbd: a head compares slices of headDim numbers, so divide by √headDim",
  headsReversed:
    "the heads' outputs concatenated last head first: concatenate them in order, head 0 first",
  // the layer loop
  cachesShared:
    "every layer attending over caches[0]: layer li reads and appends to caches[li]",
  layer0Weights:
    "every layer run with layer 0's matrices: each layer uses its own weights, model.layers[li]",
  mlpOnceAfterLayers:
    "the MLP block once, after the layer loop: every layer runs its attention block, then its own MLP block",
  oneHead:
    "one head: without nHead, gpt() uses the guide's 4 heads (CONFIG.nHead)",
  // the loss
  skipFirstPosition:
    "the positions counted from 1: position 0, BOS predicting the first letter, is scored too (pos = 0 … n − 1)",
  cachePerPosition:
    "a fresh cache at every position, so each position attends only to itself: make the caches once per name, before the loop over positions",
  minMinusOne:
    "n = min(blockSize, tokens.length) − 1, the − 1 outside: n = min(blockSize, tokens.length − 1), so a long name is scored on all 16 positions",
  targetIsInput:
    "each position scored on its own token, tokens[pos]: the target is the next one, tokens[pos + 1]",
  sumNotMean:
    "the sum of the positions' losses: the loss is their mean, (1/n) · Σ",
  meanOverTokens:
    "the sum divided by tokens.length: a name has n = tokens.length − 1 positions",
  // training (the tests' own loops switch these on)
  noDecay:
    "the learning rate without its decay: step s updates with lr0 · (1 − s / steps), learningRate(s, steps, lr0)",
  decayOneEarly:
    "the decay one step early, lr0 · (1 − (s + 1) / steps): step s, counting from 0, uses lr0 · (1 − s / steps), so step 0 uses lr0 itself",
  fixedLr:
    "a learning rate written into the code instead of options.lr0: learningRate(s, steps, lr0)",
  notZeroed:
    "the gradients not set back to zero after each update: backward adds to grad, so every step also applied the earlier steps' gradients",
  noBackward:
    "no backward(loss) before the update: every gradient stays 0 and no parameter moves",
  freshAdamState:
    "a new Adam state at every step: make it once, before the loop, so that m and v remember the earlier steps",
  sgdNotAdam:
    "Step 4's SGD update, p −= lr · grad: Step 5 updates with adamUpdate",
  stepPlusOne:
    "adamUpdate given step + 1: it takes the step counting from 0 and adds the 1 itself (t = step + 1)",
} as const;

/** A known mistake the oracle can make. */
export type Slip = keyof typeof SLIPS;

/**
 * The numbers each slip gives, from the oracle run once per slip: the
 * `mistakes` of an assertion.
 *
 * @param slips The mistakes this test can tell apart.
 * @param compute The oracle with one slip switched on.
 * @returns One known mistake per slip.
 */
export function mistakesOf<T>(
  slips: readonly Slip[],
  compute: (slip: Slip) => T,
): KnownMistake<T>[] {
  return slips.map((slip) => ({ gives: compute(slip), says: SLIPS[slip] }));
}

/**
 * The learning rate of each step, lr0 · (1 − s / steps) for s = 0 … steps −
 * 1, or what a slip gives instead (`fixedLr`: the step's default,
 * `defaultLr`, written in place of lr0).
 */
export function learningRatesN(
  steps: number,
  lr0: number,
  defaultLr: number,
  slip?: Slip,
): number[] {
  const lr = slip === "fixedLr" ? defaultLr : lr0;
  const s0 = slip === "decayOneEarly" ? 1 : 0;
  return Array.from(
    { length: steps },
    (_, s) => slip === "noDecay" ? lr : lr * (1 - (s + s0) / steps),
  );
}

/**
 * Asserts the learning rates train() reported, one per step, are lr0 · (1 −
 * s / steps); a slip of the schedule is named (`defaultLr`: the step's
 * default, which a rate written into the code would be).
 */
export function assertLearningRates(
  reported: number[],
  lr0: number,
  defaultLr: number,
): void {
  const steps = reported.length;
  const rates = (slip?: Slip) => learningRatesN(steps, lr0, defaultLr, slip);
  assertVectorClose(reported, rates(), {
    what: (s) => `the learning rate reported at step ${s}`,
    list: `the learning rates reported at steps 0-${
      steps - 1
    } (lr0 = ${lr0}, ${steps} steps)`,
    tol: 1e-15,
    mistakes: mistakesOf(["noDecay", "decayOneEarly", "fixedLr"], rates),
  });
}

const dotN = (a: readonly number[], b: readonly number[]) => {
  let total = 0;
  for (let j = 0; j < a.length; j++) total += a[j] * b[j];
  return total;
};
/** W · x: one dot product per row of W. */
export const linearN = (x: readonly number[], w: Numbers): number[] =>
  w.map((row) => dotN(row, x));
const addN = (a: readonly number[], b: readonly number[]) =>
  a.map((x, i) => x + b[i]);
const reluN = (x: readonly number[]) => x.map((v) => Math.max(0, v));

/** RMSNorm: x · (mean(x²) + 1e-5)^−0.5. */
export function rmsnormN(x: readonly number[], slip?: Slip): number[] {
  const n = x.length;
  let ms = dotN(x, x) * (1 / n);
  if (slip === "meanNotSquares") ms = x.reduce((s, v) => s + v, 0) * (1 / n);
  if (slip === "noOneOverN") ms = dotN(x, x);
  let scale = (ms + 1e-5) ** -0.5;
  if (slip === "epsOutsideRoot") scale = ms ** -0.5 + 1e-5;
  if (slip === "noEps") scale = ms ** -0.5;
  if (slip === "rootNotInverted") scale = (ms + 1e-5) ** 0.5;
  return x.map((xi) => xi * scale);
}

/** Softmax: exp(v − max), times (Σ exp)^−1. */
export function softmaxN(logits: readonly number[], slip?: Slip): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  if (slip === "notNormalized") return exps;
  const inverse = exps.reduce((s, e) => s + e, 0) ** -1;
  return exps.map((e) => e * inverse);
}

/** One head's weights: softmax of q·kₜ / √d, d = q.length. */
export function attentionWeightsN(
  q: readonly number[],
  keys: readonly (readonly number[])[],
  slip?: Slip,
): number[] {
  const d = q.length;
  const scale = {
    noScale: 1,
    scaleByD: 1 / d,
    scaleByKeyCount: Math.sqrt(keys.length) ** -1,
    scaleUp: Math.sqrt(d),
  }[slip as string] ?? Math.sqrt(d) ** -1;
  return softmaxN(keys.map((k) => dotN(q, k) * scale), slip);
}

/** For each dimension j, Σₜ weights[t] · values[t][j]. */
export function weightedSumN(
  weights: readonly number[],
  values: readonly (readonly number[])[],
): number[] {
  const d = values[0]?.length ?? 0;
  return Array.from(
    { length: d },
    (_, j) => dotN(weights, values.map((v) => v[j])),
  );
}

/**
 * Attention with `nHead` heads over cached keys and values: head h works
 * on dimensions h·headDim … and the outputs are concatenated, head 0
 * first. Also returns each head's weights.
 */
export function attentionN(
  q: readonly number[],
  keys: readonly number[][],
  values: readonly number[][],
  nHead: number,
  slip?: Slip,
): { out: number[]; weights: number[][] } {
  const hd = slip === "headDimIsNHead" ? nHead : q.length / nHead;
  const slice = (v: readonly number[], h: number) =>
    slip === "sliceAtH"
      ? v.slice(h, h + hd)
      : slip === "sliceEndAsLength"
      ? v.slice(h * hd, hd)
      : v.slice(h * hd, (h + 1) * hd);
  const heads: number[][] = [];
  const weights: number[][] = [];
  for (let h = 0; h < nHead; h++) {
    const qh = slice(q, slip === "queryHead0" ? 0 : h);
    // A whole key in a dot product with a slice uses the key's first entries.
    const kh = keys.map((k) =>
      slip === "keysNotSliced" ? k.slice(0, hd) : slice(k, h)
    );
    const w = slip === "scaleByNEmbd"
      ? softmaxN(kh.map((k) => dotN(qh, k) * Math.sqrt(q.length) ** -1))
      : attentionWeightsN(qh, kh, slip);
    weights.push(w);
    const vh = values.map((v) =>
      slip === "valuesNotSliced" ? [...v] : slice(v, h)
    );
    heads.push(weightedSumN(w, vh));
  }
  if (slip === "headsReversed") heads.reverse();
  return { out: heads.flat(), weights };
}

/** The attention block of one layer; appends this position to `cache`. */
export function attentionBlockN(
  layer: NumberLayer,
  x: readonly number[],
  cache: NumberCache,
  nHead: number,
  slip?: Slip,
): number[] {
  const xn = slip === "noAttnNorm" ? [...x] : rmsnormN(x);
  const kvIn = slip === "kvFromX" ? x : xn;
  const q = linearN(xn, slip === "queryFromWk" ? layer.attnWk : layer.attnWq);
  const k = linearN(kvIn, slip === "keyFromWq" ? layer.attnWq : layer.attnWk);
  const v = linearN(kvIn, slip === "valueFromWk" ? layer.attnWk : layer.attnWv);
  if (slip !== "appendAfterAttending") {
    cache.keys.push(k);
    cache.values.push(v);
  }
  const mixed = slip === "weighKeys" ? cache.keys : cache.values;
  const { out } = attentionN(q, cache.keys, mixed, nHead, slip);
  if (slip === "appendAfterAttending") {
    cache.keys.push(k);
    cache.values.push(v);
  }
  if (slip === "residualBeforeWo") return linearN(addN(out, x), layer.attnWo);
  const projected = slip === "noWo" ? out : linearN(out, layer.attnWo);
  if (slip === "noAttnResidual") return projected;
  return addN(projected, slip === "attnResidualAfterNorm" ? xn : x);
}

/** The MLP block: rmsnorm → mlpFc1 → ReLU → mlpFc2, plus its input. */
export function mlpBlockN(
  layer: NumberLayer,
  x: readonly number[],
  slip?: Slip,
): number[] {
  const xn = slip === "noMlpNorm" ? [...x] : rmsnormN(x);
  const input = slip === "reluBeforeFc1" ? reluN(xn) : xn;
  const pre = linearN(input, layer.mlpFc1);
  const h = slip === "noRelu" || slip === "reluBeforeFc1" ? pre : reluN(pre);
  let out = linearN(h, slip === "fc1Twice" ? layer.mlpFc1 : layer.mlpFc2);
  if (slip === "reluAfterFc2") out = reluN(out);
  if (slip === "noMlpResidual") return out;
  return addN(out, slip === "mlpResidualAfterNorm" ? xn : x);
}

/** The guide's gpt(): the logits of one position; fills caches[li]. */
export function gptN(
  model: NumberModel,
  token: number,
  pos: number,
  caches: NumberCache[],
  nHead: number,
  slip?: Slip,
): number[] {
  const p = slip === "wpeZero" ? 0 : slip === "wpeToken" ? token : pos;
  const e = addN(model.wte[token], model.wpe[p]);
  let x = slip === "noInputNorm" ? e : rmsnormN(e);
  const heads = slip === "oneHead" ? 1 : nHead;
  model.layers.forEach((layer, li) => {
    const weights = slip === "layer0Weights" ? model.layers[0] : layer;
    const cache = caches[slip === "cachesShared" ? 0 : li];
    if (slip === "mlpFirst") x = mlpBlockN(weights, x, slip);
    const attended = attentionBlockN(weights, x, cache, heads, slip);
    if (slip !== "attnOutputDropped") x = attended;
    if (slip !== "mlpFirst" && slip !== "mlpOnceAfterLayers") {
      x = mlpBlockN(weights, x, slip);
    }
  });
  if (slip === "mlpOnceAfterLayers") x = mlpBlockN(model.layers.at(-1)!, x);
  return linearN(slip === "finalNorm" ? rmsnormN(x) : x, model.lmHead);
}

/** Fresh caches, one per layer. */
export function emptyCachesN(nLayer: number): NumberCache[] {
  return Array.from({ length: nLayer }, () => ({ keys: [], values: [] }));
}

/** The logits of every position of `tokens`, with one set of caches. */
export function logitsN(
  model: NumberModel,
  tokens: readonly number[],
  nHead: number,
  slip?: Slip,
): number[][] {
  const caches = emptyCachesN(model.layers.length);
  return tokens.map((t, pos) => gptN(model, t, pos, caches, nHead, slip));
}

/**
 * The guide's loss of one name: the mean of −log p(tokens[pos + 1]) over
 * n = min(blockSize, tokens.length − 1) positions, with fresh caches.
 */
export function lossN(
  model: NumberModel,
  tokens: readonly number[],
  nHead: number,
  slip?: Slip,
  blockSize = 16,
): number {
  const n = slip === "minMinusOne"
    ? Math.min(blockSize, tokens.length) - 1
    : Math.min(blockSize, tokens.length - 1);
  let caches = emptyCachesN(model.layers.length);
  let total = 0;
  for (let pos = slip === "skipFirstPosition" ? 1 : 0; pos < n; pos++) {
    if (slip === "cachePerPosition") caches = emptyCachesN(caches.length);
    const probs = softmaxN(gptN(model, tokens[pos], pos, caches, nHead, slip));
    const target = tokens[slip === "targetIsInput" ? pos : pos + 1];
    total += -Math.log(probs[target]);
  }
  if (slip === "sumNotMean") return total;
  return total * (1 / (slip === "meanOverTokens" ? tokens.length : n));
}
