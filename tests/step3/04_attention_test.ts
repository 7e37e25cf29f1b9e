import { assert, assertEquals } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { log, neg } from "../../lessons/step2/02_more_ops.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import {
  attentionWeights,
  softmax,
  weightedSum,
} from "../../lessons/step3/04_attention.ts";
import {
  assertClose,
  assertListEquals,
  assertVectorClose,
  plain,
} from "../_assert.ts";
import { withoutCrash } from "../_guards.ts";
import { attentionWeightsN, mistakesOf, softmaxN } from "../_reference.ts";
import { gradientByPaths } from "../step2/_fixtures.ts";
import { data, values } from "./_fixtures.ts";

/**
 * Attention weights are a softmax of the scores: every one positive, and
 * together summing to 1. Scores returned as they are (no softmax) fail here,
 * whatever their scale.
 */
function assertWeightsAreSoftmax(w: number[], what: string): void {
  const total = w.reduce((s, x) => s + x, 0);
  const rule =
    "attention weights are softmax(scores), positive and summing to 1: " +
    "attentionWeights() returns softmax of the scores q·kₜ / √d, not the " +
    "scores themselves.";
  assert(
    w.every((x) => x > 0),
    `${what} are [${w.map(plain).join(", ")}], summing to ${plain(total)}: ` +
      `${w.filter((x) => !(x > 0)).length} of them not above 0. The ${rule}`,
  );
  assertClose(total, 1, {
    what: `the sum of ${what}`,
    tol: 1e-12,
    note: `They are [${w.map(plain).join(", ")}]. The ${rule}`,
  });
}

/** Probabilities sum to 1: each exp is divided by the total of the exps. */
function assertSumsToOne(probs: number[], what: string): void {
  assertClose(probs.reduce((a, b) => a + b, 0), 1, {
    what: `the sum of ${what}`,
    tol: 1e-12,
    note:
      "Probabilities sum to 1: each exp(v − max) is divided by their total, Σ exp(v − max).",
  });
}

Deno.test("step3/04 softmax([1000, 1001, 1002]) stays finite: subtract the largest score first", () => {
  // exp(1002) overflows to Infinity; exp(1002 − 1002) = 1 does not.
  const probs = data(softmax(values([1000, 1001, 1002])));
  assert(
    probs.every(Number.isFinite),
    `softmax([1000, 1001, 1002]) is [${probs}]: exp(1002) overflows. ` +
      "Subtract the largest score (its .data, a plain number) from every " +
      "score before exp: exp(v − max) gives the same probabilities, and " +
      "the largest exponent is exp(0) = 1.",
  );
  assertSumsToOne(probs, "softmax([1000, 1001, 1002])");
  const e = [Math.exp(-2), Math.exp(-1), 1];
  const inverse = (0 + e[0] + e[1] + e[2]) ** -1;
  assertVectorClose(probs, e.map((x) => x * inverse), {
    what: "softmax([1000, 1001, 1002])",
    tol: 1e-15,
    mistakes: mistakesOf(
      ["notNormalized"],
      (slip) => softmaxN([1000, 1001, 1002], slip),
    ),
  });
});

Deno.test("step3/04 softmax() is the guide's: exp(v − max) times (Σ exp)^−1", () => {
  const exps = [Math.exp(2 - 2), Math.exp(1 - 2), Math.exp(0 - 2)];
  const inverse = (0 + exps[0] + exps[1] + exps[2]) ** -1;
  const probs = data(softmax(values([2, 1, 0])));
  assertVectorClose(probs, exps.map((e) => e * inverse), {
    what: "softmax([2, 1, 0])",
    tol: 1e-16,
    note: "The guide's softmax([2, 1, 0]) ≈ [0.665, 0.245, 0.090].",
    mistakes: mistakesOf(
      ["notNormalized"],
      (slip) => softmaxN([2, 1, 0], slip),
    ),
  });
});

Deno.test("step3/04 softmax() then −log gives the gradient probs minus one-hot", () => {
  const logits = values([0.5, -1, 2, 0]);
  const probs = softmax(logits);
  backward(neg(log(probs[2])));
  const expected = data(probs).map((p, i) => p - (i === 2 ? 1 : 0));
  assertVectorClose(logits.map((l) => l.grad), expected, {
    what: (i) => `∂(−log p₂)/∂logit ${i}`,
    tol: 1e-15,
  });
});

Deno.test("step3/04 attentionWeights(): scores q·kₜ / √d, then softmax (worked by hand)", () => {
  // d = 4, so √d = 2: scores are [4/2, 0/2, −4/2] = [2, 0, −2].
  const q = [1, 1, 1, 1];
  const keys = [[1, 1, 1, 1], [0, 0, 0, 0], [-1, -1, -1, -1]];
  const e = [Math.exp(2), 1, Math.exp(-2)];
  const total = e[0] + e[1] + e[2];
  const w = data(attentionWeights(values(q), keys.map(values)));
  assertWeightsAreSoftmax(w, "the weights of 3 keys for q = [1, 1, 1, 1]");
  assertVectorClose(w, e.map((x) => x / total), {
    what: "the weights of 3 keys for q = [1, 1, 1, 1] (d = 4)",
    tol: 1e-15,
    note: "The scores q·kₜ are [4, 0, −4], divided by √d = √4 = 2: [2, 0, −2].",
    mistakes: mistakesOf(
      ["noScale", "scaleByD", "scaleByKeyCount", "scaleUp"],
      (slip) => attentionWeightsN(q, keys, slip),
    ),
  });
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
    assertWeightsAreSoftmax(w, `the weights of ${count} random keys`);
  }
});

Deno.test("step3/04 weightedSum(): for each dimension j, Σₜ wₜ · vₜ[j] (worked by hand)", () => {
  // 3 positions, 2 dimensions: the sum runs over positions, not dimensions.
  const w = values([0.5, 0.25, 0.25]);
  const vs = [values([4, 0]), values([0, 8]), values([8, 4])];
  const rule =
    "for each dimension j, the sum runs over the positions t, with the j-th " +
    "entry of each cached value: out[j] = Σₜ w[t] · values[t][j], one " +
    "output per dimension";
  const out = withoutCrash(
    () => weightedSum(w, vs),
    () => `weightedSum() of 3 positions with 2 dimensions crashed: ${rule}`,
  );
  assertVectorClose(
    data(out),
    [0.5 * 4 + 0.25 * 0 + 0.25 * 8, 0.5 * 0 + 0.25 * 8 + 0.25 * 4],
    {
      what: "weightedSum() of 3 positions with 2 dimensions",
      tol: 0,
      note: rule,
    },
  );
  assertListEquals(
    [
      gradientByPaths(out[1], w[2]),
      gradientByPaths(out[1], vs[2][1]),
      gradientByPaths(out[0], vs[2][1]),
    ],
    [4, 0.25, 0],
    {
      what: (i) =>
        ["∂out₁/∂w₂ (= v₂[1])", "∂out₁/∂v₂[1] (= w₂)", "∂out₀/∂v₂[1]"][i],
    },
  );
});

Deno.test("step3/04 one key attends fully: weight 1, output = its value", () => {
  const q = values([0.3, -2]);
  const w = attentionWeights(q, [values([5, 7])]);
  assertVectorClose(data(w), [1], {
    what: "the weight of the only key",
    tol: 1e-15,
  });
  assertVectorClose(data(weightedSum(w, [values([1.5, -3])])), [1.5, -3], {
    what: "the output with one cached value",
    tol: 1e-15,
  });
});
