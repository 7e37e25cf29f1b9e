// deno-lint-ignore-file no-explicit-any
/**
 * Offline stand-in for `@std/testing/mock` (1.0.20), used only when JSR cannot
 * be reached: the import maps in `support/maps/` point the bare specifier
 * `@std/testing/mock` here. The primary dependency is the real `@std/testing`
 * named in `deno.json`. Provides the subset the kata uses (`spy`, `stub`,
 * `returnsNext`, `assertSpyCalls`, `MockError`) with std's signatures and
 * semantics. `support/std/contract_test.ts` checks both against each other.
 *
 * @module
 */
import { assertEquals, AssertionError } from "./assert.ts";

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

/** A spy on an object's method that calls `fake`; restorable, disposable. */
export interface Stub<Self = any, Args extends unknown[] = any[], Return = any>
  extends Spy<Self, Args, Return>, Disposable {
  fake: (this: Self, ...args: Args) => Return;
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

/** A spy wrapping `func`. */
export function spy<Self, Args extends unknown[], Return>(
  func: Fn<Self, Args, Return>,
): Spy<Self, Args, Return> {
  const restore = () => {
    throw new MockError("Cannot restore: function cannot be restored");
  };
  return recorder(func, {
    original: { enumerable: true, value: func },
    restored: { enumerable: true, get: () => false },
    restore: { enumerable: true, value: restore },
  });
}

/** Replaces `self[property]` with a stub calling `fake`; `restore()` puts it back. */
export function stub<Self, Prop extends keyof Self>(
  self: Self,
  property: Prop,
  fake: (this: Self, ...args: ParamsOf<Self, Prop>) => ReturnOf<Self, Prop>,
): Stub<Self, ParamsOf<Self, Prop>, ReturnOf<Self, Prop>> {
  const original = self[property];
  if (typeof original !== "function" && original !== undefined) {
    throw new MockError("Cannot stub: property is not an instance method");
  }
  if (isSpy(original)) {
    throw new MockError("Cannot stub: already spying on instance method");
  }
  const descriptor = Object.getOwnPropertyDescriptor(self, property);
  let restored = false;
  const restore = () => {
    if (restored) {
      throw new MockError("Cannot restore: instance method already restored");
    }
    if (descriptor) Object.defineProperty(self, property, descriptor);
    else delete (self as Record<PropertyKey, unknown>)[property];
    restored = true;
  };
  const spy = recorder(fake, {
    original: { enumerable: true, value: original },
    restored: { enumerable: true, get: () => restored },
    restore: { enumerable: true, value: restore },
    [Symbol.dispose]: { value: restore },
    fake: { enumerable: true, value: fake },
  });
  Object.defineProperty(self, property, {
    configurable: true,
    enumerable: descriptor?.enumerable ?? false,
    writable: descriptor?.writable ?? false,
    value: spy,
  });
  return spy as Stub<Self, ParamsOf<Self, Prop>, ReturnOf<Self, Prop>>;
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

/** Asserts that `spy` was called exactly `expectedCalls` times. */
export function assertSpyCalls<Self, Args extends unknown[], Return>(
  spy: Spy<Self, Args, Return>,
  expectedCalls: number,
): void {
  try {
    assertEquals(spy.calls.length, expectedCalls);
  } catch (e) {
    // std's heading, then assertEquals' diff.
    const heading = spy.calls.length < expectedCalls
      ? "Spy not called as much as expected:\n"
      : "Spy called more than expected:\n";
    const detail = (e as Error).message.split("\n").slice(1).join("\n");
    throw new AssertionError(heading + detail);
  }
}
