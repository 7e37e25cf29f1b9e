/**
 * Fixtures shared by the Step 3 tests: the lessons' model as plain numbers
 * for the oracle of `../_reference.ts`, Step 2-style (unfused) reference
 * graphs, finite differences, and the guarded inputs that turn a read past
 * the end into a failure that names the rule.
 *
 * @module
 */

import { pastTheEnd } from "../_guards.ts";
import type { NumberModel } from "../_reference.ts";
import { add, mul, Value } from "../../lessons/step2/01_value.ts";
import { exp, log, neg, pow, relu } from "../../lessons/step2/02_more_ops.ts";
import type { Matrix } from "../../lessons/step2/04_parameters.ts";
import type { Model } from "../../lessons/step3/02_parameters.ts";

/** Some names, tokenized for a to z (ids 0-25) with BOS = 26. */
export function tokensOf(name: string): number[] {
  return [26, ...[...name].map((ch) => ch.charCodeAt(0) - 97), 26];
}

/** Plain numbers as leaves. */
export const values = (xs: readonly number[]): Value[] =>
  xs.map((x) => new Value(x));

/** The data of some Values. */
export const data = (vs: readonly Value[]): number[] => vs.map((v) => v.data);

/** The Step 3 model's weights as plain numbers: one layer of one head. */
export function toNumbers(model: Model): NumberModel {
  const m = (w: Matrix) => w.map((row) => data(row));
  return {
    wte: m(model.wte),
    wpe: m(model.wpe),
    lmHead: m(model.lmHead),
    layers: [{
      attnWq: m(model.attnWq),
      attnWk: m(model.attnWk),
      attnWv: m(model.attnWv),
      attnWo: m(model.attnWo),
      mlpFc1: m(model.mlpFc1),
      mlpFc2: m(model.mlpFc2),
    }],
  };
}

/**
 * A name's tokens that fail, naming the rule, when read past the end: the
 * last position is n − 1 and its target is tokens[n], the last token.
 */
export function guardedTokens(tokens: readonly number[]): number[] {
  return pastTheEnd(
    [...tokens],
    (i) =>
      `tokens[${i}] was read, past the end of the ${tokens.length}-token name ` +
      `[${tokens}]: a name of ${tokens.length} tokens has n = tokens.length − 1 ` +
      `= ${tokens.length - 1} positions (pos 0 … ${tokens.length - 2}), the ` +
      `last one's target being tokens[${tokens.length - 1}]: ` +
      `n = min(blockSize, tokens.length − 1)`,
  );
}

/**
 * A model whose position embeddings fail, naming `rule`, when a position
 * past the last one is asked for: there are only blockSize of them.
 */
export function guardedPositions<M extends { wpe: Matrix }>(
  model: M,
  rule: string,
): M {
  const n = model.wpe.length;
  return {
    ...model,
    wpe: pastTheEnd(
      model.wpe,
      (pos) =>
        `position ${pos}'s embedding, wpe[${pos}], was asked for, but there ` +
        `are only blockSize = ${n} position embeddings: ${rule}`,
    ),
  };
}

// ---------------------------------------------------------------------------
// Step 2-style graphs: one node per multiply and per add.

/** a·b as Step 2 builds it: new Value(0), then add(total, mul(aⱼ, bⱼ)). */
export function unfusedDot(a: readonly Value[], b: readonly Value[]): Value {
  let total = new Value(0);
  for (let j = 0; j < a.length; j++) total = add(total, mul(a[j], b[j]));
  return total;
}

/** A sum as Step 2 builds it: new Value(0), then one add per term. */
export function unfusedSum(terms: readonly Value[]): Value {
  let total = new Value(0);
  for (const t of terms) total = add(total, t);
  return total;
}

function unfusedLinear(x: readonly Value[], w: Matrix): Value[] {
  return w.map((row) => unfusedDot(row, x));
}

function unfusedRmsnorm(x: readonly Value[]): Value[] {
  const ms = mul(unfusedDot(x, x), 1 / x.length);
  const scale = pow(add(ms, 1e-5), -0.5);
  return x.map((xi) => mul(xi, scale));
}

function unfusedSoftmax(logits: readonly Value[]): Value[] {
  const max = Math.max(...logits.map((v) => v.data));
  const exps = logits.map((v) => exp(add(v, -max)));
  const inverse = pow(unfusedSum(exps), -1);
  return exps.map((e) => mul(e, inverse));
}

/**
 * The guide's Step 3 loss of one name, written out again with Step 2's
 * operations only (one node per multiply and per add): the graph the fused
 * nodes replace. Same arithmetic in the same order as the guide.
 */
export function unfusedForward(model: Model, tokens: readonly number[]): Value {
  const n = Math.min(16, tokens.length - 1);
  const keys: Value[][] = [];
  const vals: Value[][] = [];
  const losses: Value[] = [];
  for (let pos = 0; pos < n; pos++) {
    const e = model.wte[tokens[pos]].map((t, j) => add(t, model.wpe[pos][j]));
    let x = unfusedRmsnorm(e);
    let residual = x;
    const xn = unfusedRmsnorm(x);
    const q = unfusedLinear(xn, model.attnWq);
    keys.push(unfusedLinear(xn, model.attnWk));
    vals.push(unfusedLinear(xn, model.attnWv));
    const scale = Math.sqrt(q.length) ** -1;
    const w = unfusedSoftmax(keys.map((k) => mul(unfusedDot(q, k), scale)));
    const out = q.map((_, j) => unfusedDot(w, vals.map((v) => v[j])));
    x = unfusedLinear(out, model.attnWo).map((v, i) => add(v, residual[i]));
    residual = x;
    const h = unfusedLinear(unfusedRmsnorm(x), model.mlpFc1).map((v) =>
      relu(v)
    );
    x = unfusedLinear(h, model.mlpFc2).map((v, i) => add(v, residual[i]));
    const probs = unfusedSoftmax(unfusedLinear(x, model.lmHead));
    losses.push(neg(log(probs[tokens[pos + 1]])));
  }
  return mul(1 / n, unfusedSum(losses));
}

// ---------------------------------------------------------------------------
// Numbers.

/**
 * ∂f/∂p by a central difference: nudge `p.data` by ±h, call `f` (which
 * rebuilds the graph and returns the loss's data), put p back.
 */
export function finiteDifference(
  p: Value,
  f: () => number,
  h = 1e-5,
): number {
  const old = p.data;
  p.data = old + h;
  const plus = f();
  p.data = old - h;
  const minus = f();
  p.data = old;
  return (plus - minus) / (2 * h);
}

/**
 * The first of `matrices` whose every entry can change without changing
 * what `run` returns: a matrix the learner's code never reads. Each matrix
 * in turn is nudged (every entry by a different amount), `run` is called,
 * and the matrix is put back.
 *
 * @param matrices The model's matrices, each with its name.
 * @param run The learner's code on the model: the numbers it gives.
 * @returns The name of an unused matrix, or undefined when all are used.
 */
export function unusedMatrix(
  matrices: readonly [string, Matrix][],
  run: () => number[],
): string | undefined {
  const base = run();
  for (const [name, matrix] of matrices) {
    const saved = matrix.map((row) => row.map((v) => v.data));
    matrix.forEach((row, i) =>
      row.forEach((v, j) => v.data += 0.25 * Math.sin(1 + 7 * i + 3 * j))
    );
    let after: number[];
    try {
      after = run();
    } finally {
      matrix.forEach((row, i) => row.forEach((v, j) => v.data = saved[i][j]));
    }
    if (after.length === base.length && after.every((x, k) => x === base[k])) {
      return name;
    }
  }
  return undefined;
}
