import { assertEquals } from "@std/assert";
import {
  assertClose,
  assertListEquals,
  assertVectorClose,
} from "../_assert.ts";
import { PyRandom } from "../../support/random.ts";
import { flatten, initModel } from "../../lessons/step1/02_parameters.ts";
import { forward } from "../../lessons/step1/06_forward.ts";
import { analyticGradient } from "../../lessons/step1/08_analytic_gradient.ts";
import { centralDifference, gradientNames, HAND_MODEL } from "./_fixtures.ts";

const BACKPROP_NOTE = "Compare the first entry named with the lesson's " +
  "bullets: wte, mlpFc1 and mlpFc2 are filled by different lines.";

Deno.test("step1/08 analyticGradient() returns forward()'s loss", () => {
  const model = initModel(27, 16, new PyRandom(42));
  const tokens = [26, 24, 20, 7, 4, 13, 6, 26];
  assertClose(analyticGradient(model, tokens).loss, forward(model, tokens), {
    what: 'the loss analyticGradient() returns for "yuheng"',
    tol: 1e-12,
    note: "It is the same mean loss as forward(): (1 / n) times the sum.",
  });
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
    const name = gradientNames(model);
    // A token read at several positions gets a gradient from each.
    const inputs = tokens.slice(0, -1);
    const again = inputs.find((t, i) => inputs.indexOf(t) !== i);
    const reads = inputs.filter((t) => t === again).length;
    assertVectorClose(grad, reference, {
      what: (k) => `${name(k)} for tokens [${tokens}] (seed ${seed})`,
      tol: 1e-6,
      note: BACKPROP_NOTE +
        (again === undefined
          ? ""
          : ` Token ${again} is read at ${reads} positions here: each adds its share to wte[${again}] (+=, not =), as every position adds to mlpFc1 and mlpFc2.`),
    });
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
  const name = gradientNames(HAND_MODEL);
  assertListEquals(g.slice(2, 8), [0, 0, 0, 0, 0, 0], {
    what: (k) => `${name(8 + k)}, of a hidden unit switched off,`,
    note: "ReLU passes the gradient only where hPre > 0; units 1, 2 and 3 " +
      "have hPre ≤ 0 for token 0.",
  });
  const fc2 = g.slice(8);
  for (const i of [0, 1, 2]) {
    assertListEquals(fc2.slice(i * 4 + 1, i * 4 + 4), [0, 0, 0], {
      what: (k) => `${name(14 + i * 4 + 1 + k)}, where h is 0,`,
      note: "mlpFc2[i][j] gets dlogits[i] · h[j]: nothing where h[j] = 0.",
    });
  }
  // Logits [1, 0, 2], target 2: dlogits = softmax - onehot(2), times h[0] = 1.
  const e = Math.E;
  const total = e + 1 + e * e;
  const note = "One position (n = 1): dlogits = probs − onehot(target), " +
    "and mlpFc2[i][0] gets dlogits[i] · h[0] with h[0] = 1.";
  assertClose(fc2[0], e / total, { what: name(14), tol: 1e-12, note });
  assertClose(fc2[4], 1 / total, { what: name(18), tol: 1e-12, note });
  assertClose(fc2[8], e * e / total - 1, {
    what: `${name(22)}, the target's row,`,
    tol: 1e-12,
    note,
  });
  assertEquals(
    flatten(HAND_MODEL).length,
    grad.length,
    "one gradient entry per parameter",
  );
});
