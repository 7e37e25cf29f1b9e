import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { flatten, initModel } from "../../lessons/step1/02_parameters.ts";
import { forward } from "../../lessons/step1/06_forward.ts";
import { numericalGradient } from "../../lessons/step1/07_numerical_gradient.ts";
import { centralDifference } from "./_fixtures.ts";

const TOKENS = [4, 0, 1, 0, 4];

Deno.test("step1/07 numericalGradient() returns the unchanged loss and one entry per parameter", () => {
  const model = initModel(5, 2, new PyRandom(7));
  const { loss, grad } = numericalGradient(model, TOKENS);
  assertAlmostEquals(loss, forward(model, TOKENS), 1e-15);
  assertEquals(grad.length, flatten(model).length);
});

Deno.test("step1/07 numericalGradient() puts every parameter back", () => {
  const model = initModel(5, 2, new PyRandom(7));
  const before = structuredClone(model);
  numericalGradient(model, TOKENS);
  assertEquals(model, before);
});

Deno.test("step1/07 numericalGradient() is 0 for embeddings of tokens the name does not use", () => {
  const model = initModel(5, 2, new PyRandom(7));
  const { grad } = numericalGradient(model, TOKENS);
  // wte is 5×2 and comes first: rows 2 and 3 (tokens 2, 3) are entries 4..7.
  assertEquals(grad.slice(4, 8), [0, 0, 0, 0]);
  assert(
    grad.slice(0, 4).some((g) => g !== 0),
    "expected used rows to move the loss",
  );
});

Deno.test("step1/07 numericalGradient() agrees with a central difference", () => {
  const model = initModel(5, 2, new PyRandom(11));
  const { grad } = numericalGradient(model, TOKENS);
  const reference = centralDifference(model, (m) => forward(m, TOKENS));
  for (let k = 0; k < grad.length; k++) {
    // A one-sided difference is off by about eps·f''/2: well under 1e-5 here.
    assertAlmostEquals(grad[k], reference[k], 1e-5, `grad[${k}]`);
  }
});

Deno.test("step1/07 numericalGradient() uses the eps it is given", () => {
  const model = initModel(5, 2, new PyRandom(11));
  const coarse = numericalGradient(model, TOKENS, 0.5).grad;
  const fine = numericalGradient(model, TOKENS).grad;
  assert(
    coarse.some((g, k) => Math.abs(g - fine[k]) > 1e-4),
    "eps had no effect",
  );
});
