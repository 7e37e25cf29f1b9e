import { assert, assertEquals, AssertionError } from "@std/assert";
import type { Value } from "../../lessons/step2/01_value.ts";
import { PyRandom } from "../../support/random.ts";
import { log, neg } from "../../lessons/step2/02_more_ops.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import {
  attentionWeights,
  softmax,
  weightedSum,
} from "../../lessons/step3/04_attention.ts";
import { gradientByPaths } from "../step2/_fixtures.ts";
import { assertClose, assertVectorClose, data, values } from "./_fixtures.ts";

Deno.test("step3/04 softmax() is the guide's: exp(v − max) times (Σ exp)^−1", () => {
  const exps = [Math.exp(2 - 2), Math.exp(1 - 2), Math.exp(0 - 2)];
  const inverse = (0 + exps[0] + exps[1] + exps[2]) ** -1;
  const probs = data(softmax(values([2, 1, 0])));
  assertVectorClose(
    probs,
    exps.map((e) => e * inverse),
    1e-16,
    "softmax([2, 1, 0])",
  );
  assertVectorClose(probs, [0.665, 0.245, 0.090], 1e-3, "softmax([2, 1, 0])");
});

Deno.test("step3/04 softmax() stays finite for scores like [1000, 1001, 1002]", () => {
  const probs = data(softmax(values([1000, 1001, 1002])));
  assert(
    probs.every(Number.isFinite),
    `expected finite values, found [${probs}] (subtract the largest score first)`,
  );
  assertVectorClose(
    probs,
    data(softmax(values([0, 1, 2]))),
    1e-15,
    "softmax([1000, 1001, 1002]) against softmax([0, 1, 2])",
  );
});

Deno.test("step3/04 softmax() then −log gives the gradient probs minus one-hot", () => {
  const logits = values([0.5, -1, 2, 0]);
  const probs = softmax(logits);
  backward(neg(log(probs[2])));
  const expected = data(probs).map((p, i) => p - (i === 2 ? 1 : 0));
  assertVectorClose(
    logits.map((l) => l.grad),
    expected,
    1e-15,
    "∂(−log p₂)/∂logits",
  );
});

Deno.test("step3/04 attentionWeights(): scores q·kₜ / √d, then softmax (worked by hand)", () => {
  // d = 4, so √d = 2: scores are [4/2, 0/2, −4/2] = [2, 0, −2].
  const q = values([1, 1, 1, 1]);
  const keys = [
    values([1, 1, 1, 1]),
    values([0, 0, 0, 0]),
    values([-1, -1, -1, -1]),
  ];
  const e = [Math.exp(2), 1, Math.exp(-2)];
  const total = e[0] + e[1] + e[2];
  const w = data(attentionWeights(q, keys));
  // Without the division by √d the scores would be [4, 0, −4].
  assertVectorClose(
    w,
    e.map((x) => x / total),
    1e-15,
    "weights for scores [2, 0, −2] (q·k divided by √4 = 2)",
  );
});

Deno.test("step3/04 attention weights are positive and sum to 1", () => {
  const rng = new PyRandom(4);
  for (const count of [1, 2, 7, 16]) {
    const q = values(Array.from({ length: 16 }, () => rng.gauss(0, 1)));
    const keys = Array.from(
      { length: count },
      () => values(Array.from({ length: 16 }, () => rng.gauss(0, 1))),
    );
    const w = data(attentionWeights(q, keys));
    assertEquals(w.length, count, `one weight per cached key (${count} keys)`);
    assert(
      w.every((x) => x > 0),
      `every weight must be positive, found [${w}]`,
    );
    assertClose(
      w.reduce((s, x) => s + x, 0),
      1,
      1e-12,
      `sum of the ${count} weights`,
    );
  }
});

Deno.test("step3/04 weightedSum(): for each dimension j, Σₜ wₜ · vₜ[j] (worked by hand)", () => {
  // 3 positions, 2 dimensions: the sum runs over positions, not dimensions.
  const w = values([0.5, 0.25, 0.25]);
  const vs = [values([4, 0]), values([0, 8]), values([8, 4])];
  let out: Value[];
  try {
    out = weightedSum(w, vs);
  } catch (error) {
    if (error instanceof Error && error.name === "NotImplementedError") {
      throw error;
    }
    throw new AssertionError(
      `weightedSum() failed on 3 positions of 2 dimensions: for each dimension j, the sum runs over the positions t, with the j-th entry of each cached value (${error})`,
    );
  }
  assertVectorClose(
    data(out),
    [0.5 * 4 + 0.25 * 0 + 0.25 * 8, 0.5 * 0 + 0.25 * 8 + 0.25 * 4],
    0,
    "output (one entry per dimension of a value)",
  );
  assertEquals(gradientByPaths(out[1], w[2]), 4, "∂out₁/∂w₂ = v₂[1]");
  assertEquals(gradientByPaths(out[1], vs[2][1]), 0.25, "∂out₁/∂v₂[1] = w₂");
  assertEquals(
    gradientByPaths(out[0], vs[2][1]),
    0,
    "out₀ does not depend on dimension 1",
  );
});

Deno.test("step3/04 one key attends fully: weight 1, output = its value", () => {
  const q = values([0.3, -2]);
  const w = attentionWeights(q, [values([5, 7])]);
  assertVectorClose(data(w), [1], 1e-15, "the weight of the only key");
  assertVectorClose(
    data(weightedSum(w, [values([1.5, -3])])),
    [1.5, -3],
    1e-15,
    "output with one cached value",
  );
});
