import { assertEquals, assertLess } from "@std/assert";
import { assertBitExact, assertClose, plain } from "../_assert.ts";
import { PyRandom } from "../../support/random.ts";
import { initModel } from "../../lessons/step1/02_parameters.ts";
import { forward } from "../../lessons/step1/06_forward.ts";
import {
  gradientCheck,
  maxAbsDiff,
} from "../../lessons/step1/09_gradient_check.ts";

Deno.test("step1/09 maxAbsDiff() finds the largest gap, whatever its sign", () => {
  const cases: [number[], number[], number][] = [
    [[1, 2, 3], [1, 5, 2], 3],
    [[-4, 0], [4, 0.5], 8],
    [[0.25], [0.25], 0],
    [[], [], 0],
  ];
  for (const [a, b, expected] of cases) {
    assertBitExact(maxAbsDiff(a, b), expected, {
      what: `maxAbsDiff([${a}], [${b}])`,
      note: "The largest |a[i] − b[i]|: the sign of a difference does not " +
        "matter, and empty vectors give 0.",
    });
  }
});

Deno.test("step1/09 gradientCheck() reports two equal losses and a tiny gap", () => {
  const model = initModel(27, 16, new PyRandom(5));
  const tokens = [26, 0, 21, 0, 26];
  const check = gradientCheck(model, tokens);
  assertClose(check.lossNumerical, forward(model, tokens), {
    what: "lossNumerical",
    tol: 1e-12,
  });
  assertClose(check.lossAnalytic, forward(model, tokens), {
    what: "lossAnalytic",
    tol: 1e-12,
  });
  // The one-sided difference with eps 1e-5 is off by ~1e-9 on this model;
  // a real backprop mistake shows up as 1e-3 or more.
  assertLess(
    check.maxDiff,
    1e-7,
    `maxDiff is ${plain(check.maxDiff)}, expected below 0.0000001`,
  );
  assertLess(
    0,
    check.maxDiff,
    "maxDiff is 0: the two gradients cannot agree to the last bit; " +
      "is one gradient compared with itself?",
  );
});

Deno.test("step1/09 gradientCheck() leaves the model unchanged", () => {
  const model = initModel(4, 2, new PyRandom(5));
  const before = structuredClone(model);
  gradientCheck(model, [3, 1, 2, 3]);
  assertEquals(model, before);
});
