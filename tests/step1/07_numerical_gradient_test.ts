import { assert, assertEquals } from "@std/assert";
import {
  assertClose,
  assertListEquals,
  assertVectorBitExact,
  assertVectorClose,
} from "../_assert.ts";
import { PyRandom } from "../../support/random.ts";
import { flatten, initModel } from "../../lessons/step1/02_parameters.ts";
import { forward } from "../../lessons/step1/06_forward.ts";
import { numericalGradient } from "../../lessons/step1/07_numerical_gradient.ts";
import {
  centralDifference,
  gradientNames,
  parameterNames,
} from "./_fixtures.ts";

const TOKENS = [4, 0, 1, 0, 4];

Deno.test("step1/07 numericalGradient() returns the unchanged loss and one entry per parameter", () => {
  const model = initModel(5, 2, new PyRandom(7));
  const { loss, grad } = numericalGradient(model, TOKENS);
  assertClose(loss, forward(model, TOKENS), {
    what: "the loss numericalGradient() returns",
    tol: 1e-15,
    note: "It is the loss with every weight as it was, forward(model, tokens).",
  });
  assertEquals(
    grad.length,
    flatten(model).length,
    "one gradient entry per parameter",
  );
});

Deno.test("step1/07 numericalGradient() puts every parameter back", () => {
  const model = initModel(5, 2, new PyRandom(7));
  const before = structuredClone(model);
  numericalGradient(model, TOKENS);
  assertVectorBitExact(flatten(model), flatten(before), {
    what: parameterNames(before),
    note: "Every nudged parameter must be put back as it was.",
  });
});

Deno.test("step1/07 numericalGradient() restores each parameter to the remembered value, not by subtracting eps", () => {
  // For these values (old + eps) - eps is not old: 0.0625 + 0.00001 - 0.00001
  // is 0.06249999999999999. Only row[j] = old gives the old value back.
  const model = initModel(5, 2, new PyRandom(7));
  model.wte[0][1] = 0.0625;
  model.wte[4][0] = 0.0000180866;
  model.mlpFc1[3][0] = 0.5;
  model.mlpFc2[2][5] = 0.0312456;
  const before = structuredClone(model);
  numericalGradient(model, TOKENS);
  assertVectorBitExact(flatten(model), flatten(before), {
    what: parameterNames(before),
    note: "Remember the old value and put it back with row[j] = old. " +
      "row[j] += eps, then row[j] -= eps, rounds twice and does not " +
      "always give the old value back (here 0.0625 becomes " +
      "0.06249999999999999). See the lesson's note on restoring.",
  });
});

Deno.test("step1/07 numericalGradient() is 0 for embeddings of tokens the name does not use", () => {
  const model = initModel(5, 2, new PyRandom(7));
  const { grad } = numericalGradient(model, TOKENS);
  // wte is 5×2 and comes first: rows 2 and 3 (tokens 2, 3) are entries 4..7.
  assertListEquals(grad.slice(4, 8), [0, 0, 0, 0], {
    what: (k) =>
      gradientNames(model)(4 + k) + " (token 2 or 3, not in the name)",
  });
  assert(
    grad.slice(0, 4).some((g) => g !== 0),
    "expected used rows to move the loss",
  );
});

Deno.test("step1/07 numericalGradient() agrees with a central difference", () => {
  const model = initModel(5, 2, new PyRandom(11));
  const { grad } = numericalGradient(model, TOKENS);
  const reference = centralDifference(model, (m) => forward(m, TOKENS));
  // A one-sided difference is off by about eps·f''/2: well under 1e-5 here.
  assertVectorClose(grad, reference, {
    what: gradientNames(model),
    tol: 1e-5,
    note: "Each entry is (loss with that one parameter + eps − loss) / eps.",
  });
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
