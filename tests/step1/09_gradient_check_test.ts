import { assertAlmostEquals, assertEquals, assertLess } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { initModel } from "../../lessons/step1/02_parameters.ts";
import { forward } from "../../lessons/step1/06_forward.ts";
import {
  gradientCheck,
  maxAbsDiff,
} from "../../lessons/step1/09_gradient_check.ts";

Deno.test("step1/09 maxAbsDiff() finds the largest gap, whatever its sign", () => {
  assertEquals(maxAbsDiff([1, 2, 3], [1, 5, 2]), 3);
  assertEquals(maxAbsDiff([-4, 0], [4, 0.5]), 8);
  assertEquals(maxAbsDiff([0.25], [0.25]), 0);
  assertEquals(maxAbsDiff([], []), 0);
});

Deno.test("step1/09 gradientCheck() reports two equal losses and a tiny gap", () => {
  const model = initModel(27, 16, new PyRandom(5));
  const tokens = [26, 0, 21, 0, 26];
  const check = gradientCheck(model, tokens);
  assertAlmostEquals(check.lossNumerical, forward(model, tokens), 1e-12);
  assertAlmostEquals(check.lossAnalytic, forward(model, tokens), 1e-12);
  // The one-sided difference with eps 1e-5 is off by ~1e-9 on this model;
  // a real backprop mistake shows up as 1e-3 or more.
  assertLess(check.maxDiff, 1e-7);
  assertLess(
    0,
    check.maxDiff,
    "the two gradients cannot agree to the last bit",
  );
});

Deno.test("step1/09 gradientCheck() leaves the model unchanged", () => {
  const model = initModel(4, 2, new PyRandom(5));
  const before = structuredClone(model);
  gradientCheck(model, [3, 1, 2, 3]);
  assertEquals(model, before);
});
