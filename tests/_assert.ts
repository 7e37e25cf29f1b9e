/**
 * The assertions of the lesson tests, written so that a failure can be read
 * without opening the test file.
 *
 * A failing test is the learner's only teacher at that moment, so its
 * message says **what** the number is ("the loss of 'emma'"), both values
 * **in plain decimals** (never `2.6366694928034633e+0`), and, where the
 * numbers allow it, **which mistake** gives them:
 *
 * - **known mistakes**: a test may pass `mistakes`, the numbers the same
 *   computation gives with one known mistake switched on (no residual, β₁
 *   and β₂ swapped, …). When the learner's numbers are exactly those of a
 *   mistake, and not the right ones, the failure names it first;
 * - a ratio that is a small whole number ("actual is exactly 3× expected: a
 *   missing 1/3?"), its inverse, or −1 (a flipped sign);
 * - numbers that differ only in their last bits: the right math, rounded
 *   in another order.
 *
 * A failure stays short enough to read on one screen: a list of more than 8
 * entries is cut to the 5 around its first difference, with how many
 * entries differ and where the first is ("3 of 4,192 entries differ; the
 * first is entry 17"), and any other value is cut to a line or two.
 *
 * Every assertion takes an options object with `what` (required) and `note`
 * (a sentence naming the lesson's rule, appended to the failure). Numbers
 * are compared with an explicit absolute tolerance `tol`.
 *
 * | assertion | for |
 * |---|---|
 * | {@linkcode assertClose} | one number, within `tol` |
 * | {@linkcode assertBitExact} | one number, to the last bit |
 * | {@linkcode assertVectorClose} | number arrays, entry by entry within `tol` |
 * | {@linkcode assertVectorBitExact} | number arrays, to the last bit |
 * | {@linkcode assertListEquals} | arrays of anything, entry by entry |
 * | {@linkcode plain} | a number written in plain decimals |
 *
 * @module
 */

import { AssertionError, equal } from "@std/assert";

/** What every assertion here is told about the value it checks. */
export interface Described {
  /** What the value is, in the learner's words: "the loss of 'emma'". */
  what: string;
  /** The rule the test checks, appended to the failure. */
  note?: string;
}

/**
 * A mistake the test knows, with the numbers it gives on the test's input:
 * the test's oracle run once more with that mistake switched on.
 */
export interface KnownMistake<T> {
  /** The numbers the mistake gives. */
  gives: T;
  /** What the learner did, and the rule: "ε added outside the root; …". */
  says: string;
}

/** Options of {@linkcode assertClose}. */
export interface CloseOptions extends Described {
  /** The largest absolute difference allowed. */
  tol: number;
  /** Known mistakes, recognised by their numbers. */
  mistakes?: KnownMistake<number>[];
}

/** Options shared by the array assertions. */
export interface VectorDescribed {
  /** What entry `i` is: a function (`(i) => \`p(next = ${i})\``) or a name. */
  what: string | ((i: number) => string);
  /** A name for the whole array (default: from `what`). */
  list?: string;
  /** The rule the test checks, appended to the failure. */
  note?: string;
}

/** Options of {@linkcode assertVectorClose}. */
export interface VectorCloseOptions extends VectorDescribed {
  /** The largest absolute difference allowed, entry by entry. */
  tol: number;
  /** Known mistakes, recognised by their numbers. */
  mistakes?: KnownMistake<readonly number[]>[];
}

/**
 * A number in plain decimals, with every digit JavaScript needs to give it
 * back exactly: `0.000000002`, not `2e-9`. Beyond 10^±20 it is written
 * `1.5 × 10^-30`.
 */
export function plain(x: number): string {
  if (!Number.isFinite(x) || x === 0) return Object.is(x, -0) ? "-0" : `${x}`;
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(String(x));
  if (match === null) return String(x); // already plain
  const [, sign, lead, rest = "", expText] = match;
  const exponent = Number(expText);
  if (exponent < -20 || exponent > 20) {
    return `${sign}${lead}${rest ? "." + rest : ""} × 10^${exponent}`;
  }
  const digits = lead + rest;
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  return sign + digits.padEnd(exponent + 1, "0");
}

/** A difference or tolerance, to 3 significant digits, plainly. */
function short(x: number): string {
  return plain(Number(x.toPrecision(3)));
}

/** A list of more entries than this is cut around its first difference. */
const WHOLE = 8;
/** How many entries of a long list a message shows. */
const SHOWN = 5;

/** A count with its thousands marked: 4,192. */
function many(n: number): string {
  return n.toLocaleString("en-US");
}

/** Text cut to `width` characters, an ellipsis marking the cut. */
function cut(text: string, width: number): string {
  return text.length > width ? text.slice(0, width - 1) + "…" : text;
}

/**
 * A value written for a message: numbers in plain decimals, strings
 * quoted, anything else inspected; all of it cut to a line or two. A list
 * of more than 8 entries (4 inside another list) shows its first ones and
 * its length.
 */
function show(value: unknown, depth = 0): string {
  if (typeof value === "number") return plain(value);
  if (typeof value === "string") return cut(JSON.stringify(value), 60);
  if (Array.isArray(value)) {
    const room = depth === 0 ? WHOLE : 4;
    if (value.length <= room) {
      return `[${value.map((v) => show(v, depth + 1)).join(", ")}]`;
    }
    const head = value.slice(0, room - 1).map((v) => show(v, depth + 1));
    return `[${head.join(", ")}, … (${many(value.length)} entries)]`;
  }
  return cut(
    Deno.inspect(value, {
      depth: 1,
      iterableLimit: 4,
      strAbbreviateSize: 40,
      breakLength: Infinity,
      compact: true,
    }),
    depth === 0 ? 160 : 60,
  );
}

/**
 * Both lists in full when they are short; otherwise the few entries around
 * entry `at` (the first difference), with where they are.
 */
function around(
  actual: readonly unknown[],
  expected: readonly unknown[],
  at: number,
): string | undefined {
  const n = Math.max(actual.length, expected.length);
  if (n <= WHOLE) {
    return `All of them: found ${show(actual)}, expected ${show(expected)}.`;
  }
  // A long list of rows: the row that differs is shown on its own.
  if ([...actual, ...expected].some(Array.isArray)) return undefined;
  const from = Math.max(0, Math.min(at - 2, n - SHOWN));
  const to = Math.min(n, from + SHOWN);
  const part = (list: readonly unknown[]) => {
    const shown = list.slice(from, to).map((v) => show(v, 1));
    if (from > 0) shown.unshift("…");
    if (to < list.length) shown.push("…");
    return `[${shown.join(", ")}]`;
  };
  return `Entries ${from}–${to - 1} of ${many(n)}: found ${part(actual)}, ` +
    `expected ${part(expected)}.`;
}

/**
 * How many entries differ and where the first is: "3 of 4,192 entries
 * differ; the first is entry 17."
 */
function howMany(bad: readonly number[], n: number): string {
  return bad.length === 1
    ? `Only entry ${bad[0]} of ${many(n)} differs.`
    : `${many(bad.length)} of ${many(n)} entries differ; the first is ` +
      `entry ${bad[0]}.`;
}

/**
 * The indices at which two lists differ, by `same`: every index of the
 * longer one, an entry missing from the shorter one counting as different.
 */
function differing(
  actual: readonly unknown[],
  expected: readonly unknown[],
  same: (a: unknown, b: unknown) => boolean,
): number[] {
  const bad: number[] = [];
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (
      i >= actual.length || i >= expected.length ||
      !same(actual[i], expected[i])
    ) bad.push(i);
  }
  return bad;
}

/** True when a and b differ, but only in their last bits. */
function lastBitsOnly(a: number, b: number): boolean {
  if (Object.is(a, b) || !Number.isFinite(a) || !Number.isFinite(b)) {
    return false;
  }
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

const LAST_BITS =
  "They differ only in the last bits: the math is right, but some " +
  "operation rounds differently, for example done in another order, or as " +
  "x * (1 / y) instead of x / y.";

/**
 * A guess at the mistake from actual / expected: exactly (1e-9) or about
 * (1e-4) a whole number k in 2…64, 1/k, or −1; otherwise undefined.
 */
export function ratioHint(
  actual: number,
  expected: number,
): string | undefined {
  if (actual === 0 || expected === 0) return undefined;
  const r = actual / expected;
  if (!Number.isFinite(r)) return undefined;
  const whole = (x: number, rel: number) => {
    const k = Math.round(x);
    return k >= 2 && k <= 64 && Math.abs(x - k) <= rel * k ? k : undefined;
  };
  for (const [rel, how] of [[1e-9, "exactly"], [1e-4, "about"]] as const) {
    if (Math.abs(r + 1) <= rel) {
      return `actual is ${how} −1× expected: the sign is flipped.`;
    }
    const k = whole(r, rel);
    if (k !== undefined) {
      return `actual is ${how} ${k}× expected: a missing 1/${k} (1/n?), ` +
        `or a term counted ${k} times?`;
    }
    const part = whole(1 / r, rel);
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

/** Entry by entry within tol (numbers), or deep-equal (anything else). */
function near(a: unknown, b: unknown, tol: number): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => near(x, b[i], tol));
  }
  if (typeof a === "number" && typeof b === "number") {
    return Object.is(a, b) || Math.abs(a - b) <= tol;
  }
  return equal(a, b);
}

/**
 * The known mistakes whose numbers `actual` matches, to the last few bits
 * (a mistake whose numbers are within `tol` of the right ones cannot be
 * told apart from them, and is never named).
 */
function recognise<T>(
  actual: T,
  expected: T,
  mistakes: KnownMistake<T>[] | undefined,
  tol: number,
): string | undefined {
  // Computed in another order, the same numbers may differ in their last
  // bits: "exactly" allows 1e-10 relative to the largest finite entry
  // (NaN and ±Infinity match only themselves).
  const exact = (x: T, y: T) => {
    const sizes = [x, y].flat().map((v) => Math.abs(+v));
    const scale = Math.max(1, ...sizes.filter(Number.isFinite));
    return near(x, y, 1e-10 * scale);
  };
  const matches = (mistakes ?? []).filter((m) =>
    exact(actual, m.gives) && !near(m.gives, expected, tol)
  );
  if (matches.length === 0) return undefined;
  const says = matches.map((m) => m.says).join("; or ");
  return Array.isArray(actual)
    ? `these are exactly the numbers of a known mistake, ${says}.`
    : `this is exactly the number of a known mistake, ${says}.`;
}

/**
 * Asserts |actual − expected| ≤ tol. The failure names the value, a known
 * mistake its numbers match, or a ratio hint.
 *
 * @example Usage
 * ```ts ignore
 * assertClose(loss, 3.2958, { what: "the loss of 'ava'", tol: 1e-4 });
 * ```
 */
export function assertClose(
  actual: number,
  expected: number,
  options: CloseOptions,
): void {
  const { what, tol, note } = options;
  if (Object.is(actual, expected) || Math.abs(actual - expected) <= tol) return;
  const found = `${what} is ${plain(actual)}, expected ${plain(expected)} ` +
    `(± ${plain(tol)}): off by ${short(actual - expected)}.`;
  const known = recognise(actual, expected, options.mistakes, tol);
  if (known !== undefined) fail([`${what}: ${known}`, found], note);
  fail([
    found,
    lastBitsOnly(actual, expected) ? LAST_BITS : ratioHint(actual, expected),
  ], note);
}

/**
 * Asserts `actual` is `expected` to the last bit (`Object.is`); the failure
 * says when the two differ only in their last bits.
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
    lastBitsOnly(actual, expected) ? LAST_BITS : ratioHint(actual, expected),
  ], note);
}

function entryName(what: VectorDescribed["what"], i: number): string {
  return typeof what === "function" ? what(i) : `${what}[${i}]`;
}

function listName(described: VectorDescribed, n: number): string {
  const { what, list } = described;
  if (list !== undefined) return list;
  return typeof what === "string"
    ? what
    : `the list ${what(0)} … ${what(Math.max(n - 1, 0))}`;
}

function assertSameLength(
  actual: ArrayLike<unknown> | undefined,
  expected: ArrayLike<unknown>,
  described: VectorDescribed,
): void {
  if (Array.isArray(actual) && actual.length === expected.length) return;
  const list = Array.from(expected);
  fail([
    `${listName(described, expected.length)}: expected ${
      many(expected.length)
    } entries, found ${
      Array.isArray(actual) ? many(actual.length) : `no list (${show(actual)})`
    }.`,
    Array.isArray(actual) ? around(actual, list, 0) : undefined,
  ], described.note);
}

/**
 * One ratio hint for the whole array: every differing entry gives the same
 * hint, or the whole array is, within tol, k times the expected one (k
 * fitted by least squares), as when a 1/n is missing and the reference is
 * a finite difference.
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
  expected.forEach((e, i) => {
    ae += actual[i] * e;
    ee += e * e;
  });
  const k = ae / ee;
  const fits = Number.isFinite(k) &&
    expected.every((e, i) => Math.abs(actual[i] - k * e) <= 2 * tol * k);
  return fits
    ? ratioHint(k, 1)?.replace("actual is", "the whole array is")
      .replace("expected", "the expected one")
    : undefined;
}

/** The failure of an array comparison, from the differing entries. */
function failVector(
  actual: readonly number[],
  expected: readonly number[],
  bad: number[],
  options: VectorDescribed & { tol?: number },
): never {
  const { what, tol, note } = options;
  const i = bad[0];
  const n = expected.length;
  const found = `${entryName(what, i)} is ${show(actual[i])}, expected ` +
    (tol === undefined
      ? `exactly ${plain(expected[i])}.`
      : `${plain(expected[i])} (± ${plain(tol)}): off by ${
        short(actual[i] - expected[i])
      }.`);
  fail([
    found,
    n > 1 ? howMany(bad, n) : undefined,
    n > 1 ? around(actual, expected, i) : undefined,
    bad.every((k) => lastBitsOnly(actual[k], expected[k]))
      ? LAST_BITS
      : sharedRatioHint(actual, expected, bad, tol ?? 0),
  ], note);
}

/**
 * Asserts two number arrays have the same length and entries within `tol`.
 * The failure names a known mistake the numbers match, or the first
 * differing entry, how many differ, and a shared ratio hint.
 *
 * @example Usage
 * ```ts ignore
 * assertVectorClose(probs, [0.665, 0.245, 0.09], {
 *   what: (i) => `p(token ${i})`,
 *   tol: 1e-3,
 *   mistakes: [{ gives: [0.5, 0.3, 0.2], says: "…" }],
 * });
 * ```
 */
export function assertVectorClose(
  actual: readonly number[],
  expected: readonly number[],
  options: VectorCloseOptions,
): void {
  const { tol } = options;
  const bad = Array.isArray(actual)
    ? differing(actual, expected, (x, y) => near(x, y, tol))
    : [0];
  if (bad.length === 0) return;
  const known = recognise(actual, expected, options.mistakes, tol);
  if (known !== undefined) {
    const [n, m] = [expected.length, actual.length];
    const i = bad[0];
    fail([
      `${listName(options, n)}: ${known}`,
      ...(n <= WHOLE && m <= WHOLE
        ? [
          `found ${show(actual)}, expected ${show(expected)} (± ${
            plain(tol)
          }).`,
        ]
        : [
          m !== n
            ? `Found ${many(m)} entries, expected ${many(n)}.`
            : `${howMany(bad, n)} ${entryName(options.what, i)} is ${
              show(actual[i])
            }, expected ${plain(expected[i])} (± ${plain(tol)}).`,
          around(actual, expected, i),
        ]),
    ], options.note);
  }
  assertSameLength(actual, expected, options);
  failVector(actual, expected, bad, options);
}

/** Asserts two number arrays are equal entry by entry, to the last bit. */
export function assertVectorBitExact(
  actual: readonly number[],
  expected: readonly number[],
  options: VectorDescribed,
): void {
  assertSameLength(actual, expected, options);
  const bad = differing(actual, expected, Object.is);
  if (bad.length > 0) failVector(actual, expected, bad, options);
}

/**
 * Asserts two arrays have the same length and equal entries (deep
 * equality); the failure names the first differing entry and prints both.
 */
export function assertListEquals<T>(
  actual: readonly T[],
  expected: readonly T[],
  options: VectorDescribed,
): void {
  const { what, note } = options;
  assertSameLength(actual, expected, options);
  const bad = differing(actual, expected, equal);
  if (bad.length === 0) return;
  const i = bad[0];
  const [a, e] = [actual[i], expected[i]];
  let entry = `${entryName(what, i)} is ${show(a)}, expected ${show(e)}.`;
  if (Array.isArray(a) && Array.isArray(e) && e.length > WHOLE) {
    // A long row: show where in it the first difference is.
    const j = differing(a, e, equal)[0];
    entry = `${entryName(what, i)} differs first at its entry ${j}. ` +
      (around(a, e, j) ?? "");
  }
  fail([
    entry,
    expected.length > 1 ? howMany(bad, expected.length) : undefined,
    expected.length > 1 ? around(actual, expected, i) : undefined,
  ], note);
}
