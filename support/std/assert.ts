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

/** Values that `assertFalse` narrows to. */
export type Falsy = false | 0 | 0n | "" | null | undefined;
/** An array-like object accepted by `assertArrayIncludes`. */
export type ArrayLikeArg<T> = ArrayLike<T> & object;
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
  const indent = (s: string) => s.replaceAll("\n", "\n    ");
  return `\n\n    [Actual] ${indent(format(actual))}\n    [Expected] ${
    indent(format(expected))
  }\n`;
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
/** Prototypes whose instances are equal when their strings are. */
const STRINGY: unknown[] = [RegExp, URL, URLSearchParams, Intl.Locale]
  .map((c) => c.prototype);
type Indexed = ArrayLike<unknown>;

/**
 * Deep equality as in std: `NaN` equals `NaN`, `0` equals `-0`; Date, typed
 * arrays, ArrayBuffer, Map, Set, RegExp, arrays and objects compared by value.
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
    if (a instanceof ArrayBuffer || a instanceof TypedArray) {
      const [x, y] = a instanceof ArrayBuffer
        ? [new Uint8Array(a), new Uint8Array(b as ArrayBuffer)]
        : [a as Indexed, b as Indexed];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        if (!sameValueZero(x[i], y[i])) return false;
      }
      return true;
    }
    if (a instanceof WeakMap || a instanceof WeakSet) {
      throw new TypeError(`Cannot compare ${pa.constructor.name} instances`);
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
    if (STRINGY.includes(pa)) return String(a) === String(b);
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

/** Asserts that `expr` is falsy. */
export function assertFalse(expr: unknown, msg = ""): asserts expr is Falsy {
  if (expr) throw new AssertionError(msg);
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

/** Asserts that `actual` is neither `null` nor `undefined`. */
export function assertExists<T>(
  actual: T,
  msg?: string,
): asserts actual is NonNullable<T> {
  if (actual !== undefined && actual !== null) return;
  throw new AssertionError(
    `Expected actual: "${actual}" to not be null or undefined${suffix(msg)}`,
  );
}

function ordered(
  ok: boolean,
  op: string,
  a: unknown,
  e: unknown,
  msg?: string,
) {
  if (!ok) {
    throw new AssertionError(msg ?? `Expect ${format(a)} ${op} ${format(e)}`);
  }
}

/** Asserts `actual > expected` (message `Expect <a> > <e>`). */
export function assertGreater<T>(actual: T, expected: T, msg?: string): void {
  ordered(actual > expected, ">", actual, expected, msg);
}

/** Asserts `actual >= expected`. */
export function assertGreaterOrEqual<T>(
  actual: T,
  expected: T,
  msg?: string,
): void {
  ordered(actual >= expected, ">=", actual, expected, msg);
}

/** Asserts `actual < expected`. */
export function assertLess<T>(actual: T, expected: T, msg?: string): void {
  ordered(actual < expected, "<", actual, expected, msg);
}

/** Asserts `actual <= expected`. */
export function assertLessOrEqual<T>(
  actual: T,
  expected: T,
  msg?: string,
): void {
  ordered(actual <= expected, "<=", actual, expected, msg);
}

/** Asserts `actual instanceof expectedType`. */
export function assertInstanceOf<T extends ErrorClass>(
  actual: unknown,
  expectedType: T,
  msg = "",
): asserts actual is InstanceType<T> {
  if (actual instanceof expectedType) return;
  const want = expectedType.name;
  const was = actual === null
    ? "null"
    : typeof actual === "object"
    ? actual.constructor?.name ?? "Object"
    : typeof actual;
  const head = `Expected object to be an instance of "${want}"`;
  throw new AssertionError(
    want === was
      ? head + suffix(msg)
      : was === "function"
      ? `${head} but was not an instanced object${suffix(msg)}`
      : `${head} but was "${was}"${suffix(msg)}`,
  );
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

/** Asserts that every item of `expected` is (deeply) in `actual`. */
export function assertArrayIncludes<T>(
  actual: ArrayLikeArg<T>,
  expected: ArrayLikeArg<T>,
  msg?: string,
): void {
  const items = Array.from(actual);
  const missing = Array.from(expected).filter((item) =>
    isPrimitive(item)
      ? !items.includes(item)
      : !items.some((x) => equal(item, x))
  );
  if (missing.length === 0) return;
  throw new AssertionError(
    `Expected actual: "${format(actual)}" to include: "${format(expected)}"${
      suffix(msg)
    }\nmissing: ${format(missing)}`,
  );
}

/** Asserts that `error` is an `Error`, optionally of a class and message. */
export function assertIsError<E extends Error = Error>(
  error: unknown,
  ErrorClass?: ErrorClass<E>,
  msgMatches?: string | RegExp,
  msg?: string,
): asserts error is E {
  if (!(error instanceof Error)) {
    throw new AssertionError(
      `Expected "error" to be an Error object${suffix(msg)}`,
    );
  }
  if (ErrorClass && !(error instanceof ErrorClass)) {
    throw new AssertionError(
      `Expected error to be instance of "${ErrorClass.name}", but was "${error.constructor?.name}"${
        suffix(msg)
      }`,
    );
  }
  const text = stripVTControlCharacters(error.message);
  const ok = typeof msgMatches === "string"
    ? text.includes(stripVTControlCharacters(msgMatches))
    : msgMatches?.test(text);
  if (msgMatches && !ok) {
    const want = typeof msgMatches === "string"
      ? JSON.stringify(msgMatches)
      : String(msgMatches);
    throw new AssertionError(
      `Expected error message to include ${want}, but got ${
        JSON.stringify(error.message)
      }${suffix(msg)}`,
    );
  }
}

/** Splits the overloaded `(fn, ErrorClass?, msgIncludes?, msg?)` arguments. */
function errorArgs<E extends Error>(
  classOrMsg: ErrorClass<E> | string | undefined,
  includesOrMsg: string | undefined,
  msg: string | undefined,
  otherMsg: string | undefined,
): [ErrorClass<E> | undefined, string | undefined, string | undefined] {
  if (typeof classOrMsg === "string") return [undefined, undefined, classOrMsg];
  if (
    classOrMsg === undefined || classOrMsg.prototype instanceof Error ||
    classOrMsg.prototype === Error.prototype
  ) return [classOrMsg, includesOrMsg, msg];
  return [undefined, undefined, otherMsg]; // not an Error class
}

/** Checks a thrown/rejected value against the expected class and message. */
function checkCaught<E extends Error>(
  error: unknown,
  [Class, includes, msg]: ReturnType<typeof errorArgs<E>>,
  how: string,
): unknown {
  if (!Class) return error;
  if (!(error instanceof Error)) {
    throw new AssertionError(`A non-Error object was ${how}${suffix(msg)}`);
  }
  assertIsError(error, Class, includes, msg);
  return error;
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
  const args = errorArgs(classOrMsg, includesOrMsg, msg, includesOrMsg);
  try {
    fn();
  } catch (error) {
    return checkCaught(error, args, "thrown");
  }
  throw new AssertionError(`Expected function to throw${suffix(args[2])}`);
}

/** Asserts that the promise returned by `fn` rejects; resolves to the reason. */
export function assertRejects(
  fn: () => PromiseLike<unknown>,
  msg?: string,
): Promise<unknown>;
/** Asserts that `fn` rejects with an `ErrorClass` including `msgIncludes`. */
export function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  ErrorClass: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): Promise<E>;
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  classOrMsg?: ErrorClass<E> | string,
  includesOrMsg?: string,
  msg?: string,
): Promise<unknown> {
  const args = errorArgs(classOrMsg, includesOrMsg, msg, msg);
  let promise: PromiseLike<unknown>;
  try {
    promise = fn();
    if (typeof promise?.then !== "function") throw new Error();
  } catch {
    throw new AssertionError(
      `Function throws when expected to reject${suffix(args[2])}`,
    );
  }
  try {
    await promise;
  } catch (error) {
    return checkCaught(error, args, "rejected");
  }
  throw new AssertionError(`Expected function to reject${suffix(args[2])}`);
}

/** Always throws: `Failed assertion.` */
export function fail(msg?: string): never {
  throw new AssertionError(`Failed assertion${suffix(msg)}`);
}

/** Always throws: `Unimplemented.` — a body for kata stubs. */
export function unimplemented(msg?: string): never {
  throw new AssertionError(`Unimplemented${suffix(msg)}`);
}
