// deno-lint-ignore-file no-explicit-any
/**
 * Offline stand-in for `@std/testing/mock` (1.0.20), used only when JSR cannot
 * be reached: the import maps in `support/maps/` point the bare specifier
 * `@std/testing/mock` here. The primary dependency is the real `@std/testing`
 * named in `deno.json`. Provides the subset the kata uses (`spy`, `stub`,
 * `returnsNext`, `assertSpyCall(s)`, `assertSpyCallArgs`, `MockError`) with
 * std's signatures and semantics. `support/std/contract_test.ts` checks
 * both against each other.
 *
 * @module
 */
import { assertEquals, AssertionError, assertIsError } from "./assert.ts";

/** Error thrown when a spy or stub is misused. */
export class MockError extends Error {
  /** Creates a mock error with the given message. */
  constructor(message: string) {
    super(message);
    this.name = "MockError";
  }
}

/** One recorded call: `returned` on return, `error` on throw. */
export interface SpyCall<
  Self = any,
  Args extends unknown[] = any[],
  Return = any,
> {
  args: Args;
  returned?: Return;
  error?: Error;
  self?: Self;
}

/** A function that records its calls and delegates to `original`. */
export interface Spy<Self = any, Args extends unknown[] = any[], Return = any> {
  (this: Self, ...args: Args): Return;
  original: (this: Self, ...args: Args) => Return;
  calls: SpyCall<Self, Args, Return>[];
  restored: boolean;
  restore(): void;
}

/** A spy installed on an object's method; restorable and disposable. */
export interface MethodSpy<
  Self = any,
  Args extends unknown[] = any[],
  Return = any,
> extends Spy<Self, Args, Return>, Disposable {}

/** A method spy that calls `fake` instead of the original. */
export interface Stub<Self = any, Args extends unknown[] = any[], Return = any>
  extends MethodSpy<Self, Args, Return> {
  fake: (this: Self, ...args: Args) => Return;
}

/** Expectations checked by {@linkcode assertSpyCall}. */
export interface ExpectedSpyCall<
  Self = any,
  Args extends unknown[] = any[],
  Return = any,
> {
  args?: [...Args, ...unknown[]];
  self?: Self;
  returned?: Return;
  error?: { Class?: new (...args: any[]) => Error; msgIncludes?: string };
}

type Fn<Self, Args extends unknown[], Return> = (
  this: Self,
  ...args: Args
) => Return;
type ParamsOf<Self, P extends keyof Self> = Self[P] extends
  (...args: infer A) => unknown ? A
  : unknown[];
type ReturnOf<Self, P extends keyof Self> = Self[P] extends
  (...args: any[]) => infer R ? R
  : unknown;

function isSpy(f: unknown): boolean {
  const s = f as Spy;
  return typeof s === "function" && typeof s.original === "function" &&
    typeof s.restored === "boolean" && typeof s.restore === "function" &&
    Array.isArray(s.calls);
}

/** Wraps `impl` in a recording function with the `Spy` properties. */
function recorder<Self, Args extends unknown[], Return>(
  impl: Fn<Self, Args, Return>,
  props: PropertyDescriptorMap,
): Spy<Self, Args, Return> {
  const calls: SpyCall<Self, Args, Return>[] = [];
  const spy = function (this: Self, ...args: Args): Return {
    const call: SpyCall<Self, Args, Return> = { args };
    if (this) call.self = this;
    try {
      call.returned = impl.apply(this, args);
    } catch (error) {
      call.error = error as Error;
      throw error;
    } finally {
      calls.push(call);
    }
    return call.returned as Return;
  };
  return Object.defineProperties(spy, {
    calls: { enumerable: true, value: calls },
    ...props,
  }) as Spy<Self, Args, Return>;
}

/** Replaces `self[property]` with a recorder of `fake` (or the original). */
function install<Self>(
  self: Self,
  property: keyof Self,
  verb: "spy" | "stub",
  fake?: Fn<Self, any[], unknown>,
): Stub<Self> {
  const original = self[property];
  if (
    typeof original !== "function" &&
    !(verb === "stub" && original === undefined)
  ) throw new MockError(`Cannot ${verb}: property is not an instance method`);
  if (isSpy(original)) {
    throw new MockError(`Cannot ${verb}: already spying on instance method`);
  }
  const descriptor = Object.getOwnPropertyDescriptor(self, property);
  if (descriptor && !descriptor.configurable) {
    throw new MockError(`Cannot ${verb}: non-configurable instance method`);
  }
  let restored = false;
  const impl = fake ?? (original as Fn<Self, any[], unknown>);
  const restore = () => {
    if (restored) {
      throw new MockError("Cannot restore: instance method already restored");
    }
    if (descriptor) Object.defineProperty(self, property, descriptor);
    else delete (self as Record<PropertyKey, unknown>)[property];
    restored = true;
  };
  const spy = recorder(impl, {
    original: { enumerable: true, value: original },
    restored: { enumerable: true, get: () => restored },
    restore: { enumerable: true, value: restore },
    [Symbol.dispose]: { value: restore },
    ...(verb === "stub" ? { fake: { enumerable: true, value: fake } } : {}),
  });
  Object.defineProperty(self, property, {
    configurable: true,
    enumerable: descriptor?.enumerable ?? false,
    writable: descriptor?.writable ?? false,
    value: spy,
  });
  return spy as Stub<Self>;
}

/** A no-op spy returning `undefined`. */
export function spy<
  Self = any,
  Args extends unknown[] = any[],
  Return = undefined,
>(): Spy<
  Self,
  Args,
  Return
>;
/** A spy wrapping `func`. */
export function spy<Self, Args extends unknown[], Return>(
  func: Fn<Self, Args, Return>,
): Spy<Self, Args, Return>;
/** Replaces `self[property]` with a spy; `restore()` puts it back. */
export function spy<Self, Prop extends keyof Self>(
  self: Self,
  property: Prop,
): MethodSpy<Self, ParamsOf<Self, Prop>, ReturnOf<Self, Prop>>;
export function spy(funcOrSelf?: unknown, property?: PropertyKey): Spy {
  if (funcOrSelf && property !== undefined) {
    return install(funcOrSelf as any, property, "spy");
  }
  const original = (funcOrSelf || (() => {})) as Fn<unknown, any[], unknown>;
  const restore = () => {
    throw new MockError("Cannot restore: function cannot be restored");
  };
  return recorder(original, {
    original: { enumerable: true, value: original },
    restored: { enumerable: true, get: () => false },
    restore: { enumerable: true, value: restore },
  });
}

/** Replaces `self[property]` with a stub returning `undefined`. */
export function stub<Self, Prop extends keyof Self>(
  self: Self,
  property: Prop,
): Stub<Self, ParamsOf<Self, Prop>, ReturnOf<Self, Prop>>;
/** Replaces `self[property]` with a stub calling `func`. */
export function stub<Self, Prop extends keyof Self>(
  self: Self,
  property: Prop,
  func: (this: Self, ...args: ParamsOf<Self, Prop>) => ReturnOf<Self, Prop>,
): Stub<Self, ParamsOf<Self, Prop>, ReturnOf<Self, Prop>>;
export function stub<Self>(
  self: Self,
  property: keyof Self,
  func?: Fn<Self, any[], unknown>,
): Stub<Self> {
  return install(self, property, "stub", func ?? (() => {}));
}

/** A function returning `values` one per call (throwing those that are errors). */
export function returnsNext<Return, Self = any, Args extends unknown[] = any[]>(
  values: Iterable<Return | Error>,
): Fn<Self, Args, Return> {
  const iterator = values[Symbol.iterator]();
  let calls = 0;
  return function () {
    const next = iterator.next();
    if (next.done) {
      throw new MockError(
        `Not expected to be called more than ${calls} time(s)`,
      );
    }
    calls++;
    if (next.value instanceof Error) throw next.value;
    return next.value;
  };
}

/** Runs `assertEquals`, replacing its first line with `heading`. */
function equalOr(actual: unknown, expected: unknown, heading: string) {
  try {
    assertEquals(actual, expected);
  } catch (e) {
    assertIsError(e);
    const detail = e.message.split("\n").slice(1).join("\n");
    throw new AssertionError(heading + detail);
  }
}

/** Asserts that `spy` was called exactly `expectedCalls` times. */
export function assertSpyCalls<Self, Args extends unknown[], Return>(
  spy: Spy<Self, Args, Return>,
  expectedCalls: number,
): void {
  equalOr(
    spy.calls.length,
    expectedCalls,
    spy.calls.length < expectedCalls
      ? "Spy not called as much as expected:\n"
      : "Spy called more than expected:\n",
  );
}

function getCall(spy: Spy, callIndex: number): SpyCall {
  const call = spy.calls[callIndex];
  if (!call) throw new AssertionError("Spy not called as much as expected");
  return call;
}

/** Asserts the args, self, returned value or error of one call. */
export function assertSpyCall<Self, Args extends unknown[], Return>(
  spy: Spy<Self, Args, Return>,
  callIndex: number,
  expected?: ExpectedSpyCall<Self, Args, Return>,
): void {
  const call = getCall(spy, callIndex);
  if (!expected) return;
  if (expected.args) {
    equalOr(call.args, expected.args, "Spy not called with expected args:\n");
  }
  if ("self" in expected) {
    equalOr(
      call.self,
      expected.self,
      expected.self
        ? "Spy not called as method on expected self:\n"
        : "Spy not expected to be called as method on object:\n",
    );
  }
  if ("returned" in expected) {
    if ("error" in expected) {
      throw new TypeError(
        "Do not expect error and return, only one should be expected",
      );
    }
    if (call.error) {
      throw new AssertionError(
        "Spy call did not return expected value, an error was thrown.",
      );
    }
    equalOr(
      call.returned,
      expected.returned,
      "Spy call did not return expected value:\n",
    );
  }
  if ("error" in expected) {
    if ("returned" in call) {
      throw new AssertionError(
        "Spy call did not throw an error, a value was returned.",
      );
    }
    assertIsError(
      call.error,
      expected.error?.Class,
      expected.error?.msgIncludes,
    );
  }
}

/** Asserts the args of one call; returns them. */
export function assertSpyCallArgs<E extends unknown[]>(
  spy: Spy,
  callIndex: number,
  expected: E,
): E;
/** Asserts `args.slice(argsStart)` of one call. */
export function assertSpyCallArgs<E extends unknown[]>(
  spy: Spy,
  callIndex: number,
  argsStart: number,
  expected: E,
): E;
/** Asserts `args.slice(argsStart, argsEnd)` of one call. */
export function assertSpyCallArgs<E extends unknown[]>(
  spy: Spy,
  callIndex: number,
  argsStart: number,
  argsEnd: number,
  expected: E,
): E;
export function assertSpyCallArgs(
  spy: Spy,
  callIndex: number,
  ...rest: unknown[]
): unknown[] {
  const expected = rest.pop();
  const args = getCall(spy, callIndex).args.slice(...rest as number[]);
  assertEquals(args, expected);
  return args;
}
