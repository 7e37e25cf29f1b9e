import { assertAlmostEquals, assertEquals } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { flatten, initModel } from "../../lessons/step1/02_parameters.ts";
import { forward } from "../../lessons/step1/06_forward.ts";
import { analyticGradient } from "../../lessons/step1/08_analytic_gradient.ts";
import { centralDifference, HAND_MODEL } from "./_fixtures.ts";

Deno.test("step1/08 analyticGradient() returns forward()'s loss", () => {
  const model = initModel(27, 16, new PyRandom(42));
  const tokens = [26, 24, 20, 7, 4, 13, 6, 26];
  assertAlmostEquals(
    analyticGradient(model, tokens).loss,
    forward(model, tokens),
    1e-12,
  );
});

Deno.test("step1/08 analyticGradient() matches finite differences on random small models", () => {
  const cases = [
    { seed: 1, vocab: 5, nEmbd: 2, tokens: [4, 0, 1, 4] },
    { seed: 2, vocab: 6, nEmbd: 3, tokens: [5, 2, 2, 2, 0, 5] }, // a token used three times
    { seed: 3, vocab: 4, nEmbd: 4, tokens: [3, 3] }, // the empty name
  ];
  for (const { seed, vocab, nEmbd, tokens } of cases) {
    // Larger weights than 0.08 so ReLU cuts through and the gradient is far from 0.
    const model = initModel(vocab, nEmbd, new PyRandom(seed));
    for (const row of [...model.wte, ...model.mlpFc1, ...model.mlpFc2]) {
      for (let j = 0; j < row.length; j++) row[j] *= 10;
    }
    const { grad } = analyticGradient(model, tokens);
    const reference = centralDifference(model, (m) => forward(m, tokens));
    assertEquals(
      grad.length,
      reference.length,
      "one gradient entry per parameter",
    );
    for (let k = 0; k < grad.length; k++) {
      assertAlmostEquals(
        grad[k],
        reference[k],
        1e-6,
        `seed ${seed}: grad[${k}]`,
      );
    }
  }
});

Deno.test("step1/08 analyticGradient() leaves the model unchanged", () => {
  const model = structuredClone(HAND_MODEL);
  analyticGradient(model, [1, 0, 1]);
  assertEquals(model, HAND_MODEL);
});

Deno.test("step1/08 analyticGradient() sends nothing through a unit ReLU switched off", () => {
  // In HAND_MODEL token 0 gives hPre = [1, -1, 0, -1]: units 1, 2 and 3 are off
  // (ReLU passes only hPre > 0), so their mlpFc1 rows get no gradient, and
  // with h = [1, 0, 0, 0] only column 0 of mlpFc2 does.
  const { grad } = analyticGradient(HAND_MODEL, [0, 2]);
  const g = grad.slice(6); // skip wte (3×2)
  assertEquals(g.slice(2, 8), [0, 0, 0, 0, 0, 0], "mlpFc1 rows 1..3");
  const fc2 = g.slice(8);
  for (const i of [0, 1, 2]) {
    assertEquals(fc2.slice(i * 4 + 1, i * 4 + 4), [0, 0, 0], `mlpFc2 row ${i}`);
  }
  // Logits [1, 0, 2], target 2: dlogits = softmax - onehot(2), times h[0] = 1.
  const e = Math.E;
  const total = e + 1 + e * e;
  assertAlmostEquals(fc2[0], e / total, 1e-12);
  assertAlmostEquals(fc2[4], 1 / total, 1e-12);
  assertAlmostEquals(fc2[8], e * e / total - 1, 1e-12);
  assertEquals(flatten(HAND_MODEL).length, grad.length);
});
