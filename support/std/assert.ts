/**
 * Offline stand-in for `@std/assert` (1.0.19), used only when JSR cannot be
 * reached: the import maps in `support/maps/` point the bare specifier
 * `@std/assert` here. The primary dependency is the real `@std/assert` named
 * in `deno.json`; this file covers only the subset the kata uses, with the
 * same signatures, pass/fail semantics and first message sentence.
 * `support/std/contract_test.ts` checks both against each other.
 *
 * @module
 */
import { stripVTControlCharacters } from "node:util";

/** Error thrown by every failed assertion. */
export class AssertionError extends Error {
  /** Creates an assertion error with the given message. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AssertionError";
  }
}

// deno-lint-ignore no-explicit-any
type ErrorClass<E = any> = abstract new (...args: any[]) => E;

function suffix(msg?: string): string {
  return msg ? `: ${msg}` : ".";
}

/** Renders a value the way std's messages do (sorted, full depth). */
function format(v: unknown): string {
  return Deno.inspect(v, {
    depth: Infinity,
    sorted: true,
    trailingComma: true,
    compact: false,
    iterableLimit: Infinity,
    getters: true,
    strAbbreviateSize: Infinity,
  });
}

function difference(actual: unknown, expected: unknown): string {
  const indent = (v: unknown) => format(v).replaceAll("\n", "\n    ");
  const [a, e] = [indent(actual), indent(expected)];
  return `\n\n    [Actual] ${a}\n    [Expected] ${e}\n`;
}

function isPrimitive(x: unknown): boolean {
  return x === null || (typeof x !== "object" && typeof x !== "function");
}

function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || Object.is(a, b);
}

function ownKeys(o: object): (string | symbol)[] {
  return [...Object.getOwnPropertyNames(o), ...Object.getOwnPropertySymbols(o)];
}

/** Own and inherited keys, stopping at `Object.prototype`/`Array.prototype`. */
function keysDeep(o: object | null): Set<string | symbol> {
  const keys = new Set<string | symbol>();
  for (; o && o !== Object.prototype && o !== Array.prototype;) {
    ownKeys(o).forEach((k) => keys.add(k));
    o = Object.getPrototypeOf(o);
  }
  return keys;
}

const TypedArray = Object.getPrototypeOf(Uint8Array);

/**
 * Deep equality as in std: `NaN` equals `NaN`, `0` equals `-0`; Date, typed
 * arrays, Map, Set, RegExp, arrays and objects compared by value. (std also
 * compares ArrayBuffer, URL and a few more by value; the kata compares none.)
 */
export function equal(a: unknown, b: unknown): boolean {
  const seen = new Map<unknown, unknown>();
  return (function compare(a: unknown, b: unknown): boolean {
    if (sameValueZero(a, b)) return true;
    if (isPrimitive(a) || isPrimitive(b)) return false;
    if (a instanceof Date && b instanceof Date) {
      return Object.is(a.getTime(), b.getTime());
    }
    if (typeof a !== "object" || typeof b !== "object" || !a || !b) {
      return false;
    }
    const pa = Object.getPrototypeOf(a), pb = Object.getPrototypeOf(b);
    const plain = (p: unknown) => p === null || p === Object.prototype;
    if (pa !== pb && !(plain(pa) && plain(pb))) return false;
    if (a instanceof TypedArray) {
      const x = a as ArrayLike<unknown>, y = b as ArrayLike<unknown>;
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        if (!sameValueZero(x[i], y[i])) return false;
      }
      return true;
    }
    if (seen.get(a) === b) return true;
    if (Object.keys(a).length !== Object.keys(b).length) return false;
    seen.set(a, b);
    if (a instanceof Map || a instanceof Set) {
      const bb = b as Map<unknown, unknown> | Set<unknown>;
      if (a.size !== bb.size) return false;
      let unmatched = a.size;
      for (const [ak, av] of a.entries()) {
        for (const [bk, bv] of bb.entries()) {
          if (compare(ak, bk) && compare(av, bv)) {
            unmatched--;
            break;
          }
        }
      }
      return unmatched === 0;
    }
    if (a instanceof RegExp) return String(a) === String(b);
    const keys = plain(pa) || pa === Array.prototype
      ? ownKeys({ ...a, ...b })
      : keysDeep(a).union(keysDeep(b));
    for (const key of keys) {
      const k = key as keyof typeof a;
      if (!compare(a[k], b[k]) || (key in a) !== (key in b)) return false;
    }
    return true;
  })(a, b);
}

/** Asserts that `expr` is truthy. */
export function assert(expr: unknown, msg = ""): asserts expr {
  if (!expr) throw new AssertionError(msg);
}

/** Asserts deep equality (see {@linkcode equal}). */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  if (equal(actual, expected)) return;
  throw new AssertionError(
    `Values are not equal${suffix(msg)}${difference(actual, expected)}`,
  );
}

/** Asserts that the values are not deeply equal. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  if (!equal(actual, expected)) return;
  throw new AssertionError(
    `Expected actual: ${format(actual)} not to be: ${format(expected)}${
      suffix(msg)
    }`,
  );
}

/** Asserts `Object.is(actual, expected)`. */
export function assertStrictEquals<T>(
  actual: unknown,
  expected: T,
  msg?: string,
): asserts actual is T {
  if (Object.is(actual, expected)) return;
  const same = format(actual) === format(expected);
  throw new AssertionError(
    (same
      ? "Values have the same structure but are not reference-equal"
      : "Values are not strictly equal") +
      suffix(msg) + difference(actual, expected),
  );
}

/**
 * Asserts `|expected - actual| <= tolerance`, after an `Object.is` check.
 * The default tolerance is relative: `|expected| * 1e-7` (or `1e-7` when
 * `expected` is not finite), so it is `0` when `expected` is `0`.
 */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance?: number,
  msg?: string,
): void {
  if (Object.is(actual, expected)) return;
  const delta = Math.abs(expected - actual);
  tolerance ??= isFinite(expected) ? Math.abs(expected * 1e-7) : 1e-7;
  if (delta <= tolerance) return;
  const f = (n: number) => Number.isInteger(n) ? n : n.toExponential();
  throw new AssertionError(
    `Expected actual: "${f(actual)}" to be close to "${f(expected)}": ` +
      `delta "${f(delta)}" is greater than "${f(tolerance)}"${suffix(msg)}`,
  );
}

/** The failure of `assertGreater` and its kin: `a op e` does not hold. */
function notOrdered(op: string, a: unknown, e: unknown, msg?: string): never {
  throw new AssertionError(msg ?? `Expect ${format(a)} ${op} ${format(e)}`);
}

/** Asserts `actual > expected` (message `Expect <a> > <e>`). */
export function assertGreater<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual > expected)) notOrdered(">", actual, expected, msg);
}

/** Asserts `actual < expected`. */
export function assertLess<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual < expected)) notOrdered("<", actual, expected, msg);
}

/** Asserts `actual <= expected`. */
export function assertLessOrEqual<T>(
  actual: T,
  expected: T,
  msg?: string,
): void {
  if (!(actual <= expected)) notOrdered("<=", actual, expected, msg);
}

/** Asserts that `expected` matches `actual`. */
export function assertMatch(
  actual: string,
  expected: RegExp,
  msg?: string,
): void {
  if (expected.test(actual)) return;
  throw new AssertionError(
    `Expected actual: "${actual}" to match: "${expected}"${suffix(msg)}`,
  );
}

/** Asserts that `actual` contains `expected`. */
export function assertStringIncludes(
  actual: string,
  expected: string,
  msg?: string,
): void {
  if (actual.includes(expected)) return;
  throw new AssertionError(
    `Expected actual: "${actual}" to contain: "${expected}"${suffix(msg)}`,
  );
}

/** Asserts that `fn` throws; returns the thrown value. */
export function assertThrows(fn: () => unknown, msg?: string): unknown;
/** Asserts that `fn` throws an `ErrorClass` whose message includes `msgIncludes`. */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  ErrorClass: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): E;
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  classOrMsg?: ErrorClass<E> | string,
  includesOrMsg?: string,
  msg?: string,
): unknown {
  // The overloads: (fn, msg?) or (fn, ErrorClass, msgIncludes?, msg?).
  let Class: ErrorClass<E> | undefined, includes: string | undefined;
  if (typeof classOrMsg === "string") msg = classOrMsg;
  else [Class, includes] = [classOrMsg, includesOrMsg];
  try {
    fn();
  } catch (error) {
    if (!Class) return error;
    if (!(error instanceof Error)) {
      throw new AssertionError(`A non-Error object was thrown${suffix(msg)}`);
    }
    if (!(error instanceof Class)) {
      throw new AssertionError(
        `Expected error to be instance of "${Class.name}", but was "${error.constructor?.name}"${
          suffix(msg)
        }`,
      );
    }
    const strip = stripVTControlCharacters;
    if (includes && !strip(error.message).includes(strip(includes))) {
      throw new AssertionError(
        `Expected error message to include ${
          JSON.stringify(includes)
        }, but got ${JSON.stringify(error.message)}${suffix(msg)}`,
      );
    }
    return error;
  }
  throw new AssertionError(`Expected function to throw${suffix(msg)}`);
}
