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
 * cli 1.0.32, testing 1.0.20), from a snapshot of the denoland/std repository
 * unpacked in /tmp/std, then in this repository:
 *
 *     deno eval 'const s = "/tmp/std/", imports: Record<string, string> = {};
 *       for (const p of ["assert", "internal", "cli", "testing", "async",
 *         "data_structures", "fs", "path", "fmt"]) {
 *         const { name, exports } = JSON.parse(Deno.readTextFileSync(`${s}${p}/deno.json`));
 *         for (const [k, v] of Object.entries<string>(exports)) {
 *           imports[`${name}${k.slice(1)}`] = s + p + v.slice(1);
 *         }
 *       }
 *       console.log(JSON.stringify({ imports }, null, 2));' > /tmp/real_map.json
 *     deno test --import-map /tmp/real_map.json support/std/contract_test.ts
 *
 * (The map lists every package export, because std's modules import each
 * other through entry points such as `@std/internal/format`.)
 *
 * @module
 */
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertGreater,
  AssertionError,
  assertLess,
  assertLessOrEqual,
  assertMatch,
  assertNotEquals,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { parseArgs } from "@std/cli";
import {
  assertSpyCalls,
  MockError,
  returnsNext,
  spy,
  stub,
} from "@std/testing/mock";

// ---------------------------------------------------------------- @std/assert

/** What a call must do: pass (null), or fail with a message starting so. */
type Case = [call: () => unknown, fails: string | null];

class Point {
  constructor(public x: number, public y: number) {}
}
const boom = () => {
  throw new TypeError("bar");
};

const ASSERT_CASES: Case[] = [
  // assertEquals: deep, NaN equals NaN, 0 equals -0, floats exactly.
  [() => assertEquals([0, NaN, { x: -0 }], [-0, NaN, { x: 0 }]), null],
  [
    () => assertEquals(new Float64Array([-0, NaN]), new Float64Array([0, NaN])),
    null,
  ],
  [
    () =>
      assertEquals({ a: [1, { b: "c" }], d: null }, {
        d: null,
        a: [1, { b: "c" }],
      }),
    null,
  ],
  [
    () =>
      assertEquals(
        new Map([["k", [1]], ["j", [2]]]),
        new Map([["j", [2]], ["k", [1]]]),
      ),
    null,
  ],
  [() => assertEquals(new Set([{ a: 1 }]), new Set([{ a: 1 }])), null],
  [() => assertEquals([new Date(5), /a+/g], [new Date(5), /a+/g]), null],
  [
    () => assertEquals(Object.assign(Object.create(null), { a: 1 }), { a: 1 }),
    null,
  ],
  [() => assertEquals(new Point(1, 2), new Point(1, 2)), null],
  [() => assertEquals(0.1 + 0.2, 0.3), "Values are not equal.\n"],
  [() => assertEquals(1, 2, "index 3"), "Values are not equal: index 3\n"],
  [
    () => assertEquals({ a: 1 }, { a: 1, b: undefined }),
    "Values are not equal.",
  ],
  [() => assertEquals([1, 2], [1, 2, 3]), "Values are not equal."],
  [
    () => assertEquals(new Map([["k", 1]]), new Map([["k", 2]])),
    "Values are not equal.",
  ],
  [() => assertEquals(new Set([1]), new Set([2])), "Values are not equal."],
  [() => assertEquals(new Date(1), new Date(2)), "Values are not equal."],
  [
    () => assertEquals<unknown>(new Float64Array([1, 2]), [1, 2]),
    "Values are not equal.",
  ],
  [
    () => assertEquals<unknown>({ x: 1, y: 2 }, new Point(1, 2)),
    "Values are not equal.",
  ],
  [() => assertEquals<unknown>("1", 1), "Values are not equal."],
  [() => assertNotEquals({ a: 1 }, { a: 2 }), null],
  [() => assertNotEquals(0, -0), "Expected actual: 0 not to be: -0."],
  [() => assertNotEquals(1, 1, "ctx"), "Expected actual: 1 not to be: 1: ctx"],
  // assertStrictEquals: Object.is.
  [() => assertStrictEquals(NaN, NaN), null],
  [() => assertStrictEquals(0, -0), "Values are not strictly equal."],
  [
    () => assertStrictEquals({ a: 1 }, { a: 1 }, "ctx"),
    "Values have the same structure but are not reference-equal: ctx\n",
  ],
  // assertAlmostEquals: relative default tolerance, zero at 0.
  [() => assertAlmostEquals(0.1 + 0.2, 0.3), null],
  [() => assertAlmostEquals(1000.00001, 1000), null],
  [() => assertAlmostEquals(NaN, NaN), null],
  [() => assertAlmostEquals(-0, 0), null],
  [() => assertAlmostEquals(Infinity, Infinity), null],
  [() => assertAlmostEquals(1e-12, 0, 1e-9), null],
  [() => assertAlmostEquals(0.5, 0.6, 0.1 + 1e-12), null],
  [
    () => assertAlmostEquals(1000.0002, 1000),
    'Expected actual: "1.0000002e+3" to be close to "1000": delta "1.999999999497959e-4" is greater than "9.999999999999999e-5".',
  ],
  [
    () => assertAlmostEquals(1e-12, 0),
    'Expected actual: "1e-12" to be close to "0": delta "1e-12" is greater than "0".',
  ],
  [
    () => assertAlmostEquals(1, Infinity),
    'Expected actual: "1" to be close to "Infinity": delta "Infinity" is greater than "1e-7".',
  ],
  [
    () => assertAlmostEquals(1, 2, 0.5, "w[0]"),
    'Expected actual: "1" to be close to "2": delta "1" is greater than "5e-1": w[0]',
  ],
  [() => assertAlmostEquals(NaN, 0, 1), 'Expected actual: "NaN"'],
  // The rest.
  [() => assert(1), null],
  [() => assert(0), ""],
  [() => assert(null, "must exist"), "must exist"],
  [() => assertGreater("b", "a"), null],
  [() => assertLessOrEqual(2, 2), null],
  [() => assertGreater(1, 2), "Expect 1 > 2"],
  [() => assertLess(2, 1), "Expect 2 < 1"],
  [() => assertLessOrEqual(2, 1), "Expect 2 <= 1"],
  [() => assertLess(NaN, 1), "Expect NaN < 1"],
  [() => assertMatch("lesson03", /\d+$/), null],
  [() => assertMatch("abc", /\d/), 'Expected actual: "abc" to match: "/\\d/".'],
  [
    () => assertStringIncludes("abc", "z", "ctx"),
    'Expected actual: "abc" to contain: "z": ctx',
  ],
  [() => assertThrows(boom, TypeError, "ba"), null],
  [() => assertThrows(() => {}), "Expected function to throw."],
  [() => assertThrows(() => {}, "ctx"), "Expected function to throw: ctx"],
  [
    () => assertThrows(boom, RangeError),
    'Expected error to be instance of "RangeError", but was "TypeError".',
  ],
];

Deno.test("@std/assert passes and fails as std does, with std's first sentence", () => {
  const wrong: string[] = [];
  for (const [i, [call, fails]] of ASSERT_CASES.entries()) {
    let message: string | null = null;
    try {
      call();
    } catch (error) {
      message = error instanceof AssertionError ? error.message : `${error}`;
    }
    const ok = fails === null ? message === null : message !== null &&
      (fails === "" ? message === "" : message.startsWith(fails));
    if (!ok) wrong.push(`case ${i} (${call}): ${message ?? "passed"}`);
  }
  assertEquals(wrong, []);
});

Deno.test("AssertionError is an Error, and assertThrows() returns what was thrown", () => {
  const cause = new Error("root");
  const error = new AssertionError("boom", { cause });
  assertEquals([error instanceof Error, error.name, error.cause], [
    true,
    "AssertionError",
    cause,
  ]);
  assertEquals(assertThrows(boom, TypeError).message, "bar");
  assertEquals(
    assertThrows(() => {
      throw "a string";
    }),
    "a string",
  );
});

// ------------------------------------------------------------------- @std/cli

Deno.test("parseArgs() parses as minimist does, with the options the kata uses", () => {
  const cases: [string[], Parameters<typeof parseArgs>[1], unknown][] = [
    [["--lr", "0.1", "-n", "5", "7", "8"], {}, { _: [7, 8], lr: 0.1, n: 5 }],
    [["--watch", "lesson1"], {}, { _: [], watch: "lesson1" }],
    [["--lr=1e-3", "--name=x", "--flag"], {}, {
      _: [],
      lr: 0.001,
      name: "x",
      flag: true,
    }],
    [["--a", "--b", "-"], {}, { _: ["-"], a: true, b: true }],
    [["-abc"], {}, { _: [], a: true, b: true, c: true }],
    [["-ab", "x"], {}, { _: [], a: true, b: "x" }],
    [["-l", "3"], { alias: { lesson: "l" } }, { _: [], l: 3, lesson: 3 }],
    [["--watch", "x"], { boolean: ["watch", "v"] }, {
      _: ["x"],
      watch: true,
      v: false,
    }],
    [["--v=false", "--watch=yes"], { boolean: ["watch", "v"] }, {
      _: [],
      watch: true,
      v: false,
    }],
    [["--v", "false", "--watch", "true"], { boolean: ["watch", "v"] }, {
      _: [],
      watch: true,
      v: false,
    }],
    [["-w", "a"], { boolean: ["watch"], alias: { w: "watch" } }, {
      _: ["a"],
      w: true,
      watch: true,
    }],
    [["--lesson", "03", "--s"], { string: ["lesson", "s"] }, {
      _: [],
      lesson: "03",
      s: "",
    }],
    [["1", "2"], { string: ["_"] }, { _: ["1", "2"] }],
    [["--", "--lesson", "3"], {}, { _: ["--lesson", "3"] }],
    [["--no-color", "x"], {}, { _: [], "no-color": "x" }],
  ];
  for (const [args, options, expected] of cases) {
    assertEquals<unknown>(parseArgs(args, options), expected, args.join(" "));
  }
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
    unknown: (...call: unknown[]) => (seen.push(call), false),
  });
  assertEquals(args, { _: [], lesson: "3" });
  assertEquals(seen, [["--bogus", "bogus", "pos"], ["free"]]);
});

// ---------------------------------------------------------- @std/testing/mock

Deno.test("spy() records calls, results and errors", () => {
  const add = spy((a: number, b: number) => a + b);
  assertEquals([add(2, 3), add.calls], [5, [{ args: [2, 3], returned: 5 }]]);
  const fails = spy((): number => boom());
  assertThrows(() => fails(), TypeError, "bar");
  assertEquals(
    [fails.calls[0]?.error instanceof TypeError, "returned" in fails.calls[0]!],
    [true, false],
  );
});

Deno.test("stub() and returnsNext() replace a method until restored or disposed", () => {
  const original = Math.random;
  {
    using random = stub(
      Math,
      "random",
      returnsNext([0.1, new Error("second"), 0.9]),
    );
    assertEquals(Math.random(), 0.1);
    assertThrows(() => Math.random(), Error, "second");
    assertEquals([Math.random(), random.original], [0.9, original]);
    assertThrows(
      () => Math.random(),
      MockError,
      "Not expected to be called more than 3 time(s)",
    );
    assertSpyCalls(random, 4);
  }
  assertStrictEquals(Math.random, original);
  const model = {
    scale: 2,
    predict(x: number) {
      return this.scale * x;
    },
  };
  const predict = stub(model, "predict", function (x) {
    return this.scale * x + 1;
  });
  assertEquals(
    [model.predict(3), predict.calls],
    [7, [{ args: [3], self: model, returned: 7 }]],
  );
  predict.restore();
  assertEquals([predict.restored, model.predict(3)], [true, 6]);
  assertThrows(() => predict.restore(), MockError, "already restored");
});

Deno.test("assertSpyCalls() reports too few and too many calls", () => {
  const f = spy(() => {});
  f();
  assertSpyCalls(f, 1);
  assertThrows(
    () => assertSpyCalls(f, 2),
    AssertionError,
    "Spy not called as much as expected:\n",
  );
  assertThrows(
    () => assertSpyCalls(f, 0),
    AssertionError,
    "Spy called more than expected:\n",
  );
});
