/**
 * Contract for the parts of `@std/assert`, `@std/cli` and `@std/testing/mock`
 * that the kata relies on. It imports only the bare specifiers, so the same
 * file runs against the offline shims in `support/std/` and against real std;
 * both runs must pass.
 *
 * Against the shims (a map naming the three `support/std/*.ts` files, as in
 * `support/maps/`):
 *
 *     deno test --import-map <shim map> support/std/contract_test.ts
 *
 * Against real std (last run with denoland/std commit ca58f94: assert 1.0.19,
 * cli 1.0.32, testing 1.0.20, internal 1.0.14), from a clone of the
 * denoland/std repository, then in this repository:
 *
 *     git -C <std clone> archive ca58f94 | (mkdir -p /tmp/std && tar -x -C /tmp/std)
 *     deno eval 'const s = "/tmp/std/", imports: Record<string, string> = {};
 *       for (const p of ["assert", "internal", "cli", "testing"]) {
 *         const { exports } = JSON.parse(Deno.readTextFileSync(`${s}${p}/deno.json`));
 *         for (const [k, v] of Object.entries<string>(exports)) {
 *           imports[`@std/${p}${k.slice(1)}`] = s + p + v.slice(1);
 *         }
 *       }
 *       console.log(JSON.stringify({ imports }, null, 2));' > /tmp/real_map.json
 *     deno test --import-map /tmp/real_map.json support/std/contract_test.ts
 *
 * (The map lists every package export, because std's modules import each
 * other through kebab-case entry points such as `@std/internal/format`.)
 *
 * @module
 */
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertGreater,
  assertInstanceOf,
  AssertionError,
  assertLess,
  assertLessOrEqual,
  assertMatch,
  assertNotEquals,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
  fail,
} from "@std/assert";
import { type Args, parseArgs, type ParseOptions } from "@std/cli";
import {
  assertSpyCalls,
  MockError,
  returnsNext,
  type Spy,
  spy,
  stub,
} from "@std/testing/mock";

/** Asserts that `fn` throws an AssertionError whose message is exactly `message`. */
function assertFailsWith(fn: () => unknown, message: string) {
  const error = assertThrows(fn, AssertionError);
  assertStrictEquals(error.message, message);
}

/** Asserts that `fn` throws an AssertionError whose message matches `pattern`. */
function assertFailsMatching(fn: () => unknown, pattern: RegExp) {
  assertMatch(assertThrows(fn, AssertionError).message, pattern);
}

// ---------------------------------------------------------------- @std/assert

Deno.test("AssertionError is an Error named AssertionError", () => {
  const cause = new Error("root");
  const error = new AssertionError("boom", { cause });
  assertInstanceOf(error, Error);
  assertStrictEquals(error.name, "AssertionError");
  assertStrictEquals(error.message, "boom");
  assertStrictEquals(error.cause, cause);
});

Deno.test("assertEquals() treats NaN as NaN and 0 as -0", () => {
  assertEquals(NaN, NaN);
  assertEquals(0, -0);
  assertEquals([0, NaN], [-0, NaN]);
  assertEquals(new Float64Array([-0, NaN]), new Float64Array([0, NaN]));
  assertEquals({ x: -0 }, { x: 0 });
});

Deno.test("assertEquals() compares floats exactly", () => {
  assertFailsMatching(
    () => assertEquals(0.1 + 0.2, 0.3),
    /^Values are not equal\.\n/,
  );
});

Deno.test("assertEquals() compares structures deeply", () => {
  assertEquals({ a: [1, { b: "c" }], d: null }, {
    d: null,
    a: [1, { b: "c" }],
  });
  assertEquals(
    new Map([["k", [1]], ["j", [2]]]),
    new Map([["j", [2]], ["k", [1]]]),
  );
  assertEquals(new Set([1, 2, 3]), new Set([3, 2, 1]));
  assertEquals(new Set([{ a: 1 }]), new Set([{ a: 1 }]));
  assertEquals(new Map([[{ k: 1 }, "v"]]), new Map([[{ k: 1 }, "v"]]));
  assertEquals(new Date(5), new Date(5));
  assertEquals(new Uint8Array([1, 2]), new Uint8Array([1, 2]));
  assertEquals(/a+/g, /a+/g);
  assertEquals(Object.assign(Object.create(null), { a: 1 }), { a: 1 });
  class Point {
    constructor(public x: number, public y: number) {}
  }
  assertEquals(new Point(1, 2), new Point(1, 2));
});

Deno.test("assertEquals() detects differences", () => {
  const cases: [unknown, unknown][] = [
    [{ a: 1 }, { a: 1, b: undefined }],
    [[1, 2], [1, 2, 3]],
    [new Map([["k", 1]]), new Map([["k", 2]])],
    [new Set([1]), new Set([2])],
    [new Date(1), new Date(2)],
    [new Float64Array([1, 2]), [1, 2]],
    [new Float64Array([1, 2]), new Float64Array([1, 3])],
    [
      { x: 1 },
      new (class X {
        x = 1;
      })(),
    ],
    ["1", 1],
  ];
  for (const [actual, expected] of cases) {
    assertThrows(() => assertEquals(actual, expected), AssertionError);
  }
});

Deno.test("assertEquals() starts its message with std's sentence", () => {
  assertFailsMatching(
    () => assertEquals({ a: [1, 2] }, { a: [1, 3] }),
    /^Values are not equal\.\n/,
  );
  assertFailsMatching(
    () => assertEquals(1, 2, "index 3"),
    /^Values are not equal: index 3\n/,
  );
});

Deno.test("assertNotEquals() uses equal() semantics", () => {
  assertNotEquals({ a: 1 }, { a: 2 });
  assertFailsWith(
    () => assertNotEquals(0, -0),
    "Expected actual: 0 not to be: -0.",
  );
  assertFailsWith(
    () => assertNotEquals(1, 1, "ctx"),
    "Expected actual: 1 not to be: 1: ctx",
  );
});

Deno.test("assertStrictEquals() uses Object.is", () => {
  const o = { a: 1 };
  assertStrictEquals(o, o);
  assertStrictEquals(NaN, NaN);
  assertFailsMatching(
    () => assertStrictEquals(0, -0),
    /^Values are not strictly equal\./,
  );
  assertFailsMatching(
    () => assertStrictEquals({ a: 1 }, { a: 1 }, "ctx"),
    /^Values have the same structure but are not reference-equal: ctx\n/,
  );
});

Deno.test("assertAlmostEquals() uses a relative default tolerance", () => {
  assertAlmostEquals(0.1 + 0.2, 0.3);
  assertAlmostEquals(1000.00001, 1000);
  assertFailsWith(
    () => assertAlmostEquals(1000.0002, 1000),
    'Expected actual: "1.0000002e+3" to be close to "1000": ' +
      'delta "1.999999999497959e-4" is greater than "9.999999999999999e-5".',
  );
});

Deno.test("assertAlmostEquals() has zero default tolerance when expected is 0", () => {
  assertFailsWith(
    () => assertAlmostEquals(1e-12, 0),
    'Expected actual: "1e-12" to be close to "0": delta "1e-12" is greater than "0".',
  );
  assertAlmostEquals(1e-12, 0, 1e-9);
});

Deno.test("assertAlmostEquals() handles NaN, signed zero and infinities", () => {
  assertAlmostEquals(NaN, NaN);
  assertAlmostEquals(-0, 0);
  assertAlmostEquals(Infinity, Infinity);
  assertFailsWith(
    () => assertAlmostEquals(1, Infinity),
    'Expected actual: "1" to be close to "Infinity": delta "Infinity" is greater than "1e-7".',
  );
  assertThrows(() => assertAlmostEquals(NaN, 0, 1), AssertionError);
});

Deno.test("assertAlmostEquals() accepts an explicit tolerance and message", () => {
  assertAlmostEquals(0.5, 0.6, 0.1 + 1e-12);
  assertFailsWith(
    () => assertAlmostEquals(1, 2, 0.5, "w[0]"),
    'Expected actual: "1" to be close to "2": delta "1" is greater than "5e-1": w[0]',
  );
});

Deno.test("assert() checks truthiness", () => {
  assert(1);
  assertFailsWith(() => assert(0), "");
  assertFailsWith(() => assert(null, "must exist"), "must exist");
});

Deno.test("assertGreater() and friends compare with < and >", () => {
  assertGreater(2, 1);
  assertLess(1, 2);
  assertLessOrEqual(2, 2);
  assertGreater("b", "a");
  assertFailsWith(() => assertGreater(1, 2), "Expect 1 > 2");
  assertFailsWith(() => assertLess(2, 1), "Expect 2 < 1");
  assertFailsWith(() => assertLessOrEqual(2, 1), "Expect 2 <= 1");
  assertFailsWith(() => assertLess(NaN, 1), "Expect NaN < 1");
  assertFailsWith(() => assertGreater(NaN, 1, "loss"), "loss");
});

Deno.test("assertInstanceOf() names both types", () => {
  assertInstanceOf(new Float64Array(1), Float64Array);
  assertFailsWith(
    () => assertInstanceOf([], Float64Array),
    'Expected object to be an instance of "Float64Array" but was "Array".',
  );
  assertFailsWith(
    () => assertInstanceOf(null, Error, "ctx"),
    'Expected object to be an instance of "Error" but was "null": ctx',
  );
});

Deno.test("assertMatch() and assertStringIncludes() quote their inputs", () => {
  assertMatch("lesson03", /\d+$/);
  assertStringIncludes("softmax", "max");
  assertFailsWith(
    () => assertMatch("abc", /\d/),
    'Expected actual: "abc" to match: "/\\d/".',
  );
  assertFailsWith(
    () => assertStringIncludes("abc", "z", "ctx"),
    'Expected actual: "abc" to contain: "z": ctx',
  );
});

Deno.test("assertThrows() returns the thrown error", () => {
  const error = assertThrows(
    () => {
      throw new RangeError("digits must be >= 0");
    },
    RangeError,
    "must be",
  );
  assertStrictEquals(error.message, "digits must be >= 0");
  const thrown = assertThrows(() => {
    throw "a string";
  });
  assertStrictEquals(thrown, "a string");
});

Deno.test("assertThrows() checks class, message and throwing", () => {
  const boom = () => {
    throw new TypeError("bar");
  };
  assertFailsWith(() => assertThrows(() => {}), "Expected function to throw.");
  assertFailsWith(
    () => assertThrows(() => {}, "ctx"),
    "Expected function to throw: ctx",
  );
  assertFailsWith(
    () => assertThrows(boom, RangeError),
    'Expected error to be instance of "RangeError", but was "TypeError".',
  );
  assertFailsWith(
    () => assertThrows(boom, TypeError, "foo"),
    'Expected error message to include "foo", but got "bar".',
  );
  assertFailsWith(
    () => assertThrows(boom, TypeError, "foo", "ctx"),
    'Expected error message to include "foo", but got "bar": ctx',
  );
  assertFailsWith(
    () =>
      assertThrows(() => {
        throw 42;
      }, Error),
    "A non-Error object was thrown.",
  );
});

Deno.test("fail() always throws", () => {
  assertFailsWith(() => fail(), "Failed assertion.");
  assertFailsWith(() => fail("nope"), "Failed assertion: nope");
});

// ------------------------------------------------------------------- @std/cli

Deno.test("parseArgs() converts numbers and consumes values", () => {
  assertEquals(parseArgs(["--lr", "0.1", "-n", "5", "7", "8"]), {
    _: [7, 8],
    lr: 0.1,
    n: 5,
  });
  assertEquals(parseArgs(["--watch", "lesson1"]), { _: [], watch: "lesson1" });
  assertEquals(parseArgs(["--lr=1e-3", "--name=x"]), {
    _: [],
    lr: 0.001,
    name: "x",
  });
  assertEquals(parseArgs(["--flag"]), { _: [], flag: true });
  assertEquals(parseArgs(["--a", "--b", "-"]), { _: ["-"], a: true, b: true });
});

Deno.test("parseArgs() handles short flags", () => {
  assertEquals(parseArgs(["-abc"]), { _: [], a: true, b: true, c: true });
  assertEquals(parseArgs(["-n5"]), { _: [], n: 5 });
  assertEquals(parseArgs(["-n=5"]), { _: [], n: 5 });
  assertEquals(parseArgs(["-ab", "x"]), { _: [], a: true, b: "x" });
  assertEquals(parseArgs(["-l", "3"], { alias: { lesson: "l" } }), {
    _: [],
    l: 3,
    lesson: 3,
  });
});

Deno.test("parseArgs() handles boolean flags", () => {
  // `<unknown>`: std types these results precisely, the shim loosely.
  const options = { boolean: ["watch", "v"] };
  assertEquals<unknown>(parseArgs(["--watch", "lesson1"], options), {
    _: ["lesson1"],
    watch: true,
    v: false,
  });
  assertEquals<unknown>(parseArgs(["--v=false", "--watch=yes"], options), {
    _: [],
    watch: true,
    v: false,
  });
  assertEquals<unknown>(
    parseArgs(["--v", "false", "--watch", "true"], options),
    {
      _: [],
      watch: true,
      v: false,
    },
  );
  assertEquals(
    parseArgs(["-w", "a"], { boolean: ["watch"], alias: { w: "watch" } }),
    {
      _: ["a"],
      w: true,
      watch: true,
    },
  );
});

Deno.test("parseArgs() keeps string flags as strings", () => {
  assertEquals(
    parseArgs(["--lesson", "03", "--s"], { string: ["lesson", "s"] }),
    {
      _: [],
      lesson: "03",
      s: "",
    },
  );
  assertEquals<unknown>(parseArgs(["1", "2"], { string: ["_"] }), {
    _: ["1", "2"],
  });
});

Deno.test("parseArgs() leaves words after -- unparsed", () => {
  assertEquals(parseArgs(["--", "--lesson", "3"]), { _: ["--lesson", "3"] });
  assertEquals(parseArgs(["--no-color", "x"]), { _: [], "no-color": "x" });
  assertEquals(parseArgs(["--opt.lr=0.5"]), { _: [], opt: { lr: 0.5 } });
  assertThrows(
    () => parseArgs([], { alias: { x: undefined } }),
    TypeError,
    "Alias value must be defined",
  );
});

Deno.test("parseArgs() lets unknown() drop undeclared flags and positionals", () => {
  const seen: unknown[][] = [];
  const args = parseArgs(["--bogus", "pos", "--lesson", "3", "free"], {
    string: ["lesson"],
    unknown: (...call: unknown[]) => {
      seen.push(call);
      return false;
    },
  });
  assertEquals(args, { _: [], lesson: "3" });
  assertEquals(seen, [["--bogus", "bogus", "pos"], ["free"]]);
});

Deno.test("parseArgs() ignores __proto__ and constructor keys", () => {
  const args = parseArgs(["--__proto__.polluted", "1", "--constructor.x", "2"]);
  assertEquals(({} as Record<string, unknown>).polluted, undefined);
  assertEquals(args._, []);
});

Deno.test("parseArgs() result type accepts loose use", () => {
  const options: ParseOptions = { string: ["lesson"], alias: { l: "lesson" } };
  const args: Args = parseArgs(["-l", "03", "x"], options);
  const positionals: Array<string | number> = args._;
  assertEquals(positionals, ["x"]);
  assertEquals(args.lesson, "03");
});

// ---------------------------------------------------------- @std/testing/mock

Deno.test("spy() records calls of a wrapped function", () => {
  const add: Spy<unknown, [number, number], number> = spy((
    a: number,
    b: number,
  ) => a + b);
  assertStrictEquals(add(2, 3), 5);
  assertEquals(add.calls, [{ args: [2, 3], returned: 5 }]);
  assertStrictEquals(add.restored, false);
  assertThrows(() => add.restore(), MockError, "function cannot be restored");

  const boom = spy((): number => {
    throw new RangeError("bad");
  });
  assertThrows(() => boom(), RangeError, "bad");
  assertInstanceOf(boom.calls[0]?.error, RangeError);
  assertStrictEquals("returned" in boom.calls[0]!, false);
});

Deno.test("stub() replaces a method until restored or disposed", () => {
  const original = Math.random;
  {
    using random = stub(Math, "random", returnsNext([0.1, 0.9]));
    assertStrictEquals(Math.random(), 0.1);
    assertStrictEquals(Math.random(), 0.9);
    assertSpyCalls(random, 2);
    assertStrictEquals(random.original, original);
  }
  assertStrictEquals(Math.random, original);

  const model = {
    scale: 2,
    predict(x: number): number {
      return this.scale * x;
    },
  };
  const predict = stub(model, "predict", function (x) {
    return this.scale * x + 1;
  });
  assertStrictEquals(model.predict(3), 7);
  assertEquals(predict.calls, [{ args: [3], self: model, returned: 7 }]);
  assertStrictEquals(predict.fake.call(model, 1), 3);
  assertThrows(
    () => stub(model, "predict", () => 0),
    MockError,
    "already spying",
  );
  assertThrows(
    () => stub(model, "scale", () => 0),
    MockError,
    "not an instance method",
  );
  predict.restore();
  assert(predict.restored);
  assertStrictEquals(model.predict(3), 6);
  assertThrows(() => predict.restore(), MockError, "already restored");
});

Deno.test("returnsNext() returns values in order, throws errors, then fails", () => {
  const next = returnsNext<number>([1, new Error("second"), 3]);
  assertStrictEquals(next(), 1);
  assertThrows(() => next(), Error, "second");
  assertStrictEquals(next(), 3);
  assertThrows(
    () => next(),
    MockError,
    "Not expected to be called more than 3 time(s)",
  );
});

Deno.test("assertSpyCalls() reports too few and too many calls", () => {
  const f = spy(() => {});
  f();
  assertSpyCalls(f, 1);
  assertFailsMatching(
    () => assertSpyCalls(f, 2),
    /^Spy not called as much as expected:\n/,
  );
  assertFailsMatching(
    () => assertSpyCalls(f, 0),
    /^Spy called more than expected:\n/,
  );
});
