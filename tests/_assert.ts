/**
 * Assertions for the lesson tests whose failures a learner can read without
 * opening the test file.
 *
 * A failing lesson test is the learner's only teacher at that moment, so its
 * message must say three things: **what** the number is ("the loss of
 * 'emma'", "∂loss/∂mlpFc2[1][3]"), both values **in plain decimals**
 * (never `2.6366694928034633e+0`), and, where the numbers allow a guess,
 * **what kind of mistake** gives them:
 *
 * - a ratio that is a small whole number ("actual is exactly 3× expected:
 *   a missing 1/n, or a term counted 3 times?"), its inverse, or −1 (a
 *   flipped sign);
 * - two numbers that differ only in their last bits: the code computes the
 *   right thing in another order (`sum / n` for `(1 / n) * sum`, say), and
 *   the message points at the lesson's note on the order of operations
 *   (pass it as `note`);
 * - for arrays, the first index that differs, what that entry means (pass
 *   `what` as a function of the index), and how many entries differ.
 *
 * (The examples below are marked `ignore`: the self-check treats every test
 * that runs from tests/ as a lesson test that must fail on the stubs, and
 * doc examples would not. They were run when written, and are kept right.)
 *
 * Every assertion takes an options object with `what` (required) and
 * `note` (optional: a sentence naming the lesson's rule, appended to the
 * failure). Numeric closeness uses an explicit absolute tolerance `tol`.
 *
 * | assertion | for |
 * |---|---|
 * | {@linkcode assertClose} | one number, within `tol` |
 * | {@linkcode assertBitExact} | one number, to the last bit (`Object.is`) |
 * | {@linkcode assertVectorClose} | equally long number arrays, within `tol` |
 * | {@linkcode assertVectorBitExact} | equally long number arrays, to the last bit |
 * | {@linkcode assertListEquals} | equally long arrays of anything, by `equal` |
 * | {@linkcode plain} | a number written in plain decimals |
 *
 * @example A failure names the number and suggests the mistake
 * ```ts ignore
 * import { AssertionError, assertThrows } from "@std/assert";
 * import { assertClose } from "./_assert.ts";
 *
 * // ∂loss/∂w is 0.75, expected 0.25 (± 0.000000000001): off by 0.5.
 * // actual is exactly 3× expected: a missing 1/3 (1/n?), or a term counted 3 times?
 * assertThrows(
 *   () => assertClose(0.75, 0.25, { what: "∂loss/∂w", tol: 1e-12 }),
 *   AssertionError,
 *   "actual is exactly 3× expected: a missing 1/3",
 * );
 * ```
 *
 * @module
 */

import { AssertionError, equal } from "@std/assert";

/** What every assertion here is told about the value it checks. */
export interface Described {
  /** What the value is, in the learner's words: "the loss of 'emma'". */
  what: string;
  /**
   * The rule the test checks, or where the lesson explains it: appended to
   * the failure, e.g. "see the note on rounding in lessons/step1/06_forward.ts".
   */
  note?: string;
}

/** Options of {@linkcode assertClose}. */
export interface CloseOptions extends Described {
  /** The largest absolute difference allowed. */
  tol: number;
}

/** Options shared by the array assertions. */
export interface VectorDescribed {
  /**
   * What entry `i` is: a function (`(i) => \`p(next = ${i})\``) or a name
   * for the whole array ("the probabilities", shown as "the probabilities[3]").
   */
  what: string | ((i: number) => string);
  /**
   * A name for the whole array, used when its length is wrong and `what` is
   * a function (default: the first and last entries' names).
   */
  list?: string;
  /** The rule the test checks, appended to the failure. */
  note?: string;
}

/** Options of {@linkcode assertVectorClose}. */
export interface VectorCloseOptions extends VectorDescribed {
  /** The largest absolute difference allowed, entry by entry. */
  tol: number;
}

/** Relative differences below this count as "only the last bits". */
const LAST_BITS = 1e-12;

/**
 * A number in plain decimals, with every digit JavaScript needs to give it
 * back exactly: `2.6366694928034633`, `0.000000002` (not `2e-9`). Numbers
 * beyond 10^21 or below 10^-20 would need too many zeros and are written
 * `1.5 × 10^-30`.
 *
 * @param x The number.
 * @returns Its decimal text.
 *
 * @example Usage
 * ```ts ignore
 * import { assertEquals } from "@std/assert";
 * import { plain } from "./_assert.ts";
 *
 * assertEquals(plain(2e-9), "0.000000002");
 * assertEquals(plain(-1.5e-7), "-0.00000015");
 * assertEquals(plain(3.295836866004329), "3.295836866004329");
 * assertEquals(plain(1.5e-30), "1.5 × 10^-30");
 * assertEquals(plain(-Infinity), "-Infinity");
 * ```
 */
export function plain(x: number): string {
  if (!Number.isFinite(x) || x === 0) return Object.is(x, -0) ? "-0" : `${x}`;
  const text = String(x);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text; // already plain
  const [, sign, lead, rest = "", expText] = match;
  const exponent = Number(expText);
  if (exponent < -20 || exponent > 20) {
    return `${sign}${lead}${rest ? "." + rest : ""} × 10^${exponent}`;
  }
  const digits = lead + rest;
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  return sign + digits.padEnd(exponent + 1, "0");
}

/** A difference or tolerance, rounded to 3 significant digits, plainly. */
function short(x: number): string {
  return plain(Number(x.toPrecision(3)));
}

/** How many doubles lie between a and b (1 for neighbours), or Infinity. */
function ulpDistance(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  if (Math.sign(a) !== Math.sign(b) && a !== 0 && b !== 0) return Infinity;
  const view = new DataView(new ArrayBuffer(8));
  const bits = (x: number) => {
    view.setFloat64(0, Math.abs(x));
    return view.getBigUint64(0);
  };
  const d = bits(a) - bits(b);
  return Number(d < 0n ? -d : d);
}

/** True when a and b are different but agree in all but their last bits. */
function lastBitsOnly(a: number, b: number): boolean {
  if (Object.is(a, b) || !Number.isFinite(a) || !Number.isFinite(b)) {
    return false;
  }
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= LAST_BITS * scale;
}

/** The sentence that tells a learner their numbers differ only in rounding. */
function lastBitsSentence(a: number, b: number): string {
  const ulps = ulpDistance(a, b);
  const relative = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  const units = ulps === 1 ? "1 unit" : `${ulps} units`;
  return `They differ only in the last bits (${units} in the last place, ` +
    `relative ${short(relative)}): the math is right, but some operation ` +
    `rounds differently, for example done in another order, or as ` +
    `x * (1 / y) instead of x / y.`;
}

/** For `k` in 2…64 with x ≈ k (within `rel`, relative), k; else undefined. */
function smallWhole(x: number, rel: number): number | undefined {
  const k = Math.round(x);
  if (k < 2 || k > 64) return undefined;
  return Math.abs(x - k) <= rel * k ? k : undefined;
}

/** Ratios this close (relative) to a whole number are "exactly" it. */
const EXACT_RATIO = 1e-9;
/**
 * Ratios this close are "about" it: a reference computed another way (a
 * finite difference, say) makes a missing 1/n show as 2.9999998×.
 */
const ABOUT_RATIO = 1e-4;

/**
 * A guess at the mistake from the ratio actual / expected, or undefined
 * when the ratio says nothing: "exactly" a whole number k in 2…64 (or 1/k,
 * or −1) within a relative 1e-9, "about" within 1e-4.
 *
 * @param actual What the code computed.
 * @param expected What it should have computed.
 * @returns One sentence, or undefined.
 *
 * @example Usage
 * ```ts ignore
 * import { assertEquals } from "@std/assert";
 * import { ratioHint } from "./_assert.ts";
 *
 * assertEquals(
 *   ratioHint(-2.5, 2.5),
 *   "actual is exactly −1× expected: the sign is flipped.",
 * );
 * assertEquals(ratioHint(1.1, 1), undefined);
 * ```
 */
export function ratioHint(
  actual: number,
  expected: number,
): string | undefined {
  if (
    actual === 0 || expected === 0 || !Number.isFinite(actual) ||
    !Number.isFinite(expected)
  ) {
    return undefined;
  }
  const r = actual / expected;
  for (const [rel, how] of [[EXACT_RATIO, "exactly"], [ABOUT_RATIO, "about"]]) {
    const tol = rel as number;
    if (Math.abs(r + 1) <= tol) {
      return `actual is ${how} −1× expected: the sign is flipped.`;
    }
    const times = smallWhole(r, tol);
    if (times !== undefined) {
      return `actual is ${how} ${times}× expected: a missing 1/${times} ` +
        `(1/n?), or a term counted ${times} times?`;
    }
    const part = smallWhole(1 / r, tol);
    if (part !== undefined) {
      return `actual is ${how} 1/${part} of expected: divided by ${part} ` +
        `once too often, or a term counted once instead of ${part} times?`;
    }
  }
  return undefined;
}

function fail(lines: (string | undefined)[], note?: string): never {
  const text = [...lines, note].filter((l) => l !== undefined && l !== "");
  throw new AssertionError(text.join("\n"));
}

/**
 * Asserts |actual − expected| ≤ tol. The failure names the value, prints
 * both in plain decimals with the difference, and adds a ratio hint
 * ({@linkcode ratioHint}) or, when only the last bits differ, says so.
 *
 * @param actual What the lesson computed.
 * @param expected What it should be.
 * @param options `what`, `tol` and an optional `note`.
 *
 * @example Usage
 * ```ts ignore
 * import { AssertionError, assertThrows } from "@std/assert";
 * import { assertClose } from "./_assert.ts";
 *
 * assertClose(Math.log(27), 3.2958, { what: "the loss", tol: 1e-4 });
 * assertThrows(
 *   () =>
 *     assertClose(2.6366694928034633, 3.295836866004329, {
 *       what: "the loss of 'ava'",
 *       tol: 1e-12,
 *     }),
 *   AssertionError,
 *   "the loss of 'ava' is 2.6366694928034633, expected " +
 *     "3.295836866004329 (± 0.000000000001): off by -0.659.",
 * );
 * ```
 */
export function assertClose(
  actual: number,
  expected: number,
  options: CloseOptions,
): void {
  const { what, tol, note } = options;
  if (Object.is(actual, expected) || Math.abs(actual - expected) <= tol) return;
  fail([
    `${what} is ${plain(actual)}, expected ${plain(expected)} ` +
    `(± ${plain(tol)}): off by ${short(actual - expected)}.`,
    lastBitsOnly(actual, expected)
      ? lastBitsSentence(actual, expected)
      : ratioHint(actual, expected),
  ], note);
}

/**
 * Asserts `actual` is exactly `expected`, to the last bit (`Object.is`).
 * When the two differ only in their last bits, the failure says so in
 * words: pass the lesson's note on the order of operations as `note`.
 *
 * @param actual What the lesson computed.
 * @param expected What it should be, bit for bit.
 * @param options `what` and an optional `note`.
 *
 * @example Usage
 * ```ts ignore
 * import { AssertionError, assertThrows } from "@std/assert";
 * import { assertBitExact } from "./_assert.ts";
 *
 * assertBitExact(0.1 + 0.2, 0.30000000000000004, { what: "the sum" });
 * assertThrows(
 *   () =>
 *     assertBitExact(3 * (1 / 10), 3 / 10, {
 *       what: "3 / 10",
 *       note: "See the note on rounding in lessons/step2/02_more_ops.ts.",
 *     }),
 *   AssertionError,
 *   "differ only in the last bits (1 unit in the last place",
 * );
 * ```
 */
export function assertBitExact(
  actual: number,
  expected: number,
  options: Described,
): void {
  const { what, note } = options;
  if (Object.is(actual, expected)) return;
  fail([
    `${what} is ${plain(actual)}, expected exactly ${plain(expected)}` +
    (Number.isFinite(actual - expected)
      ? `: off by ${short(actual - expected)}.`
      : "."),
    lastBitsOnly(actual, expected)
      ? lastBitsSentence(actual, expected)
      : ratioHint(actual, expected),
  ], note);
}

function entryName(what: VectorDescribed["what"], i: number): string {
  return typeof what === "function" ? what(i) : `${what}[${i}]`;
}

function assertSameLength(
  actual: ArrayLike<unknown>,
  expected: ArrayLike<unknown>,
  described: VectorDescribed,
): void {
  if (actual.length === expected.length) return;
  const { what, list, note } = described;
  const n = expected.length;
  const name = typeof what === "string"
    ? what
    : list ?? `the list ${what(0)} … ${what(Math.max(n - 1, 0))}`;
  fail([`${name}: expected ${n} entries, found ${actual.length}.`], note);
}

/** Entry indices where `differs(i)`, and one summary line about them. */
function summarize(
  length: number,
  differs: (i: number) => boolean,
): { bad: number[]; line: string } {
  const bad: number[] = [];
  for (let i = 0; i < length; i++) if (differs(i)) bad.push(i);
  const line = bad.length === 1
    ? `1 of ${length} entries differs.`
    : `${bad.length} of ${length} entries differ; the first is shown.`;
  return { bad, line };
}

/**
 * One ratio hint for the whole array: every differing entry gives the same
 * hint, or the whole array is, within `tol` times the factor, a whole
 * multiple of the expected one (its least-squares factor k =
 * Σ aᵢeᵢ / Σ eᵢ²), as when a 1/n is missing and the reference is a finite
 * difference.
 */
function sharedRatioHint(
  actual: readonly number[],
  expected: readonly number[],
  bad: number[],
  tol: number,
): string | undefined {
  const hints = bad.map((i) => ratioHint(actual[i], expected[i]));
  const first = hints[0];
  if (first !== undefined && hints.every((h) => h === first)) {
    return bad.length > 1 ? `Every differing entry: ${first}` : first;
  }
  let ae = 0;
  let ee = 0;
  for (let i = 0; i < expected.length; i++) {
    ae += actual[i] * expected[i];
    ee += expected[i] * expected[i];
  }
  const k = ae / ee;
  if (!Number.isFinite(k)) return undefined;
  const fits = expected.every((e, i) =>
    Math.abs(actual[i] - k * e) <= 2 * tol * Math.abs(k)
  );
  const hint = fits ? ratioHint(k, 1) : undefined;
  return hint?.replace("actual is", "the whole array is")
    .replace("expected", "the expected one");
}

/**
 * Asserts two number arrays have the same length and every pair of entries
 * is within `tol` (absolute). The failure names the first differing entry
 * (through `what`), how many differ, a ratio hint when every differing
 * entry is off by the same whole factor, and whether the differences are
 * only in the last bits.
 *
 * @param actual What the lesson computed.
 * @param expected What it should be.
 * @param options `what` (a name, or a function of the index), `tol`, `note`.
 *
 * @example Usage
 * ```ts ignore
 * import { AssertionError, assertThrows } from "@std/assert";
 * import { assertVectorClose } from "./_assert.ts";
 *
 * // ∂loss/∂w[0] is 0.3, expected 0.1 (± 0.000000000001): off by 0.2.
 * // 3 of 3 entries differ; the first is shown.
 * // Every differing entry: actual is exactly 3× expected: …
 * assertThrows(
 *   () =>
 *     assertVectorClose([0.3, 0.6, 0.9], [0.1, 0.2, 0.3], {
 *       what: (i) => `∂loss/∂w[${i}]`,
 *       tol: 1e-12,
 *     }),
 *   AssertionError,
 *   "Every differing entry: actual is exactly 3× expected",
 * );
 * ```
 */
export function assertVectorClose(
  actual: readonly number[],
  expected: readonly number[],
  options: VectorCloseOptions,
): void {
  const { what, tol, note } = options;
  assertSameLength(actual, expected, options);
  const { bad, line } = summarize(
    expected.length,
    (i) =>
      !Object.is(actual[i], expected[i]) &&
      !(Math.abs(actual[i] - expected[i]) <= tol),
  );
  if (bad.length === 0) return;
  const i = bad[0];
  const allLastBits = bad.every((k) => lastBitsOnly(actual[k], expected[k]));
  fail([
    `${entryName(what, i)} is ${plain(actual[i])}, expected ` +
    `${plain(expected[i])} (± ${plain(tol)}): off by ` +
    `${short(actual[i] - expected[i])}.`,
    line,
    allLastBits
      ? lastBitsSentence(actual[i], expected[i])
      : sharedRatioHint(actual, expected, bad, tol),
  ], note);
}

/**
 * Asserts two number arrays are equal entry by entry, to the last bit
 * (`Object.is`). The failure names the first differing entry and says
 * when the differences are only in the last bits: pass the lesson's note
 * on the order of operations as `note`.
 *
 * @param actual What the lesson computed.
 * @param expected What it should be, bit for bit.
 * @param options `what` (a name, or a function of the index) and `note`.
 *
 * @example Usage
 * ```ts ignore
 * import { AssertionError, assertThrows } from "@std/assert";
 * import { assertVectorBitExact } from "./_assert.ts";
 *
 * assertVectorBitExact([0.5, 2], [0.5, 2], { what: "halves" });
 * assertThrows(
 *   () =>
 *     assertVectorBitExact([0.1 * 3, 1], [0.3, 1], {
 *       what: (i) => `probability ${i}`,
 *       note: "Divide by the total.",
 *     }),
 *   AssertionError,
 *   "probability 0 is 0.30000000000000004, expected exactly 0.3.",
 * );
 * ```
 */
export function assertVectorBitExact(
  actual: readonly number[],
  expected: readonly number[],
  options: VectorDescribed,
): void {
  const { what, note } = options;
  assertSameLength(actual, expected, options);
  const { bad, line } = summarize(
    expected.length,
    (i) => !Object.is(actual[i], expected[i]),
  );
  if (bad.length === 0) return;
  const i = bad[0];
  const allLastBits = bad.every((k) => lastBitsOnly(actual[k], expected[k]));
  fail([
    `${entryName(what, i)} is ${plain(actual[i])}, expected exactly ` +
    `${plain(expected[i])}.`,
    line,
    allLastBits
      ? lastBitsSentence(actual[i], expected[i])
      : sharedRatioHint(actual, expected, bad, 0),
  ], note);
}

/** Writes a value for a message: numbers in plain decimals, others as JSON. */
function show(value: unknown): string {
  if (typeof value === "number") return plain(value);
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (typeof value === "string") return JSON.stringify(value);
  return Deno.inspect(value);
}

/**
 * Asserts two arrays have the same length and equal entries (deep equality,
 * so entries may be numbers, strings or arrays). The failure names the first
 * differing entry through `what` and prints both arrays, so a list of totals
 * or of token ids says what it is.
 *
 * @param actual What the lesson produced.
 * @param expected What it should be.
 * @param options `what` (a name, or a function of the index) and `note`.
 *
 * @example Usage
 * ```ts ignore
 * import { AssertionError, assertThrows } from "@std/assert";
 * import { assertListEquals } from "./_assert.ts";
 *
 * assertThrows(
 *   () =>
 *     assertListEquals([3, 5, 9, 12], [0, 3, 5, 9], {
 *       what: (s) => `the table's total count when step ${s} was measured`,
 *       note: "Measure first, then count.",
 *     }),
 *   AssertionError,
 *   "the table's total count when step 0 was measured is 3, expected 0.",
 * );
 * ```
 */
export function assertListEquals<T>(
  actual: readonly T[],
  expected: readonly T[],
  options: VectorDescribed,
): void {
  const { what, note } = options;
  assertSameLength(actual, expected, options);
  const { bad, line } = summarize(
    expected.length,
    (i) => !equal(actual[i], expected[i]),
  );
  if (bad.length === 0) return;
  const i = bad[0];
  fail([
    `${entryName(what, i)} is ${show(actual[i])}, expected ${
      show(expected[i])
    }.`,
    `${line} All of them: ${show(actual)}, expected ${show(expected)}.`,
  ], note);
}
