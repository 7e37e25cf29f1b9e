/**
 * Fixtures shared by the Step 3 tests: Step 2-style (unfused) reference
 * graphs, finite differences, and assertions whose messages say what each
 * number is, in plain decimals.
 *
 * @module
 */

import { AssertionError } from "@std/assert";
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

/** x as a plain decimal with `digits` significant digits (no 1e-7 forms). */
export function decimal(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const exponent = Math.floor(Math.log10(Math.abs(x)));
  const places = Math.max(0, Math.min(20, digits - 1 - exponent));
  return x.toFixed(places);
}

/**
 * The ratio actual/expected, in words, when it says something: " (exactly
 * 2 times the expected value)" for a small whole number, " (0.5 times …)"
 * when it is far from 1, and nothing when the two are close.
 */
export function ratioText(actual: number, expected: number): string {
  if (expected === 0 || !Number.isFinite(actual)) return "";
  const ratio = actual / expected;
  const whole = Math.round(ratio);
  if (whole !== 1 && whole !== 0 && Math.abs(whole) <= 16) {
    if (ratio === whole) return ` (exactly ${whole} times the expected value)`;
    if (Math.abs(ratio - whole) < 1e-6) {
      return ` (${whole} times the expected value, to 6 digits)`;
    }
  }
  if (Math.abs(ratio - 1) < 0.05) return "";
  return ` (${decimal(ratio, 4)} times the expected value)`;
}

/**
 * Asserts |actual − expected| ≤ tolerance; the message names the quantity,
 * both numbers in plain decimals and their ratio.
 */
export function assertClose(
  actual: number,
  expected: number,
  tolerance: number,
  what: string,
): void {
  if (Math.abs(actual - expected) <= tolerance) return;
  throw new AssertionError(
    `${what}: found ${decimal(actual, 10)}, expected ${
      decimal(expected, 10)
    } (± ${decimal(tolerance, 1)})${ratioText(actual, expected)}`,
  );
}

/**
 * Asserts two vectors agree entry by entry within `tolerance` (absolute);
 * the message names the vector, its first differing index, both numbers.
 */
export function assertVectorClose(
  actual: readonly number[],
  expected: readonly number[],
  tolerance: number,
  what: string,
): void {
  if (actual.length !== expected.length) {
    throw new AssertionError(
      `${what}: expected ${expected.length} entries, found ${actual.length}`,
    );
  }
  const i = actual.findIndex((a, k) =>
    !(Math.abs(a - expected[k]) <= tolerance)
  );
  if (i === -1) return;
  throw new AssertionError(
    `${what}: first difference at index ${i} of ${expected.length}: found ${
      decimal(actual[i], 10)
    }, expected ${decimal(expected[i], 10)} (± ${decimal(tolerance, 1)})${
      ratioText(actual[i], expected[i])
    }`,
  );
}
