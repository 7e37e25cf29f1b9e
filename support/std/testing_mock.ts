// deno-lint-ignore-file no-explicit-any
/**
 * Offline stand-in for `@std/testing/mock` (1.0.20), used only when JSR cannot
 * be reached: the import maps in `support/maps/` point the bare specifier
 * `@std/testing/mock` here. The primary dependency is the real `@std/testing`
 * named in `deno.json`. Provides the subset the kata's tests use (`spy` and its
 * `calls`, `stub` restored by `using` or `restore()`, `returnsNext`,
 * `assertSpyCalls`) with std's signatures and semantics. `support/std/contract_test.ts` checks both against each other.
 *
 * @module
 */
import { assertEquals, AssertionError } from "./assert.ts";

/** Error thrown when a mock is misused (e.g. `returnsNext` runs out). */
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

/** A function that records its calls. */
export interface Spy<Self = any, Args extends unknown[] = any[], Return = any> {
  (this: Self, ...args: Args): Return;
  calls: SpyCall<Self, Args, Return>[];
}

/** A spy put in place of an object's method, until restored or disposed. */
export interface Stub<Self = any, Args extends unknown[] = any[], Return = any>
  extends Spy<Self, Args, Return>, Disposable {
  original: (this: Self, ...args: Args) => Return;
  restored: boolean;
  restore(): void;
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

/** Wraps `func` in a spy that records every call. */
export function spy<Self, Args extends unknown[], Return>(
  func: Fn<Self, Args, Return>,
): Spy<Self, Args, Return> {
  const calls: SpyCall<Self, Args, Return>[] = [];
  const recorder = function (this: Self, ...args: Args): Return {
    const call: SpyCall<Self, Args, Return> = { args };
    if (this) call.self = this;
    try {
      call.returned = func.apply(this, args);
      return call.returned;
    } catch (error) {
      call.error = error as Error;
      throw error;
    } finally {
      calls.push(call);
    }
  };
  return Object.assign(recorder, { calls });
}

/** Replaces `self[property]` with a spy of `fake` until it is restored. */
export function stub<Self, Prop extends keyof Self>(
  self: Self,
  property: Prop,
  fake: (this: Self, ...args: ParamsOf<Self, Prop>) => ReturnOf<Self, Prop>,
): Stub<Self, ParamsOf<Self, Prop>, ReturnOf<Self, Prop>> {
  const descriptor = Object.getOwnPropertyDescriptor(self, property);
  const restore = () => {
    if (stubbed.restored) {
      throw new MockError("Cannot restore: instance method already restored");
    }
    if (descriptor) Object.defineProperty(self, property, descriptor);
    else delete self[property];
    stubbed.restored = true;
  };
  const stubbed = Object.assign(spy(fake), {
    original: self[property] as Stub<Self>["original"],
    restored: false,
    restore,
    [Symbol.dispose]: restore,
  });
  Object.defineProperty(self, property, {
    configurable: true,
    writable: true,
    value: stubbed,
  });
  return stubbed;
}

/** A function returning `values` in order (throwing those that are Errors). */
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
export function assertSpyCalls(spy: Spy, expectedCalls: number): void {
  try {
    assertEquals(spy.calls.length, expectedCalls);
  } catch (error) {
    const heading = spy.calls.length < expectedCalls
      ? "Spy not called as much as expected:\n"
      : "Spy called more than expected:\n";
    const detail = (error as Error).message.split("\n").slice(1).join("\n");
    throw new AssertionError(heading + detail);
  }
}
