import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { initModel as initNumberModel } from "../../lessons/step1/02_parameters.ts";
import { mlp as numberMlp } from "../../lessons/step1/05_mlp.ts";
import { Value } from "../../lessons/step2/01_value.ts";
import { log, neg } from "../../lessons/step2/02_more_ops.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import { fromNumbers } from "../../lessons/step2/04_parameters.ts";
import { linear, mlp, softmax, sum } from "../../lessons/step2/05_model.ts";
import { HAND_MODEL } from "../step1/_fixtures.ts";
import { gradientByPaths } from "./_fixtures.ts";

const values = (xs: number[]) => xs.map((x) => new Value(x));
const data = (vs: Value[]) => vs.map((v) => v.data);

Deno.test("step2/05 sum() adds from 0, left to right", () => {
  assertEquals(sum(values([1, 2, 3])).data, 6);
  assertEquals(sum([]).data, 0);
  // (0.1 + 0.2) + 0.3 is 0.6000000000000001, 0.1 + (0.2 + 0.3) is 0.6.
  assertEquals(sum(values([0.1, 0.2, 0.3])).data, 0.1 + 0.2 + 0.3);
});

Deno.test("step2/05 sum() gives every term a gradient of 1", () => {
  const terms = values([4, -2, 7]);
  const total = sum(terms);
  assertEquals(terms.map((t) => gradientByPaths(total, t)), [1, 1, 1]);
});

Deno.test("step2/05 linear() takes one dot product per row (worked by hand)", () => {
  const out = linear(values([1, 2]), [
    values([1, 0]),
    values([0, 1]),
    values([3, 4]),
  ]);
  assertEquals(data(out), [1, 2, 11]);
});

Deno.test("step2/05 linear() sums like Step 1, to the last bit", () => {
  const rng = new PyRandom(5);
  const x = Array.from({ length: 16 }, () => rng.gauss(0, 1));
  const w = Array.from({ length: 8 }, () => x.map(() => rng.gauss(0, 1)));
  const expected = w.map((row) => {
    let total = 0;
    for (let j = 0; j < x.length; j++) total += row[j] * x[j];
    return total;
  });
  assertEquals(data(linear(values(x), w.map(values))), expected);
});

Deno.test("step2/05 linear() records ∂out_i/∂w_ij = x_j and ∂out_i/∂x_j = w_ij", () => {
  const x = values([2, -1]);
  const w = [values([3, 5]), values([7, 11])];
  const [out0, out1] = linear(x, w);
  assertEquals(gradientByPaths(out0, w[0][0]), 2);
  assertEquals(gradientByPaths(out0, w[0][1]), -1);
  assertEquals(gradientByPaths(out1, x[1]), 11);
  assertEquals(gradientByPaths(out0, w[1][0]), 0);
});

Deno.test("step2/05 softmax() is about [0.665, 0.245, 0.090] for [2, 1, 0], exactly as Step 1 computes it", () => {
  // Subtract the largest logit, exponentiate, sum from 0, divide.
  const exps = [Math.exp(2 - 2), Math.exp(1 - 2), Math.exp(0 - 2)];
  const total = 0 + exps[0] + exps[1] + exps[2];
  const probs = data(softmax(values([2, 1, 0])));
  assertEquals(probs, exps.map((x) => x / total));
  assertAlmostEquals(probs[0], 0.665, 1e-3);
  assertAlmostEquals(probs[2], 0.090, 1e-3);
});

Deno.test("step2/05 softmax() stays finite for logits like [1000, 1001, 1002]", () => {
  const probs = data(softmax(values([1000, 1001, 1002])));
  assert(
    probs.every(Number.isFinite),
    `expected finite values, found ${probs}`,
  );
  assertEquals(probs, data(softmax(values([0, 1, 2]))));
});

Deno.test("step2/05 softmax() then −log gives Step 1's gradient: probs minus one-hot", () => {
  const logits = values([0.5, -1, 2, 0]);
  const probs = softmax(logits);
  backward(neg(log(probs[2])));
  const expected = data(probs).map((p, i) => p - (i === 2 ? 1 : 0));
  for (let i = 0; i < 4; i++) {
    assertAlmostEquals(logits[i].grad, expected[i], 1e-15, `logit ${i}`);
  }
});

Deno.test("step2/05 mlp() runs embedding → linear → ReLU → linear (worked by hand)", () => {
  const model = fromNumbers(HAND_MODEL);
  assertEquals(data(mlp(model, 0)), [1, 0, 2]);
  assertEquals(data(mlp(model, 1)), [10, 0, 0]);
  assertEquals(data(mlp(model, 2)), [0, 0, 0]);
});

Deno.test("step2/05 mlp() gives Step 1's logits to the last bit", () => {
  const numbers = initNumberModel(27, 16, new PyRandom(42));
  const model = fromNumbers(numbers);
  for (const token of [0, 7, 26]) {
    assertEquals(data(mlp(model, token)), numberMlp(numbers, token));
  }
});

Deno.test("step2/05 mlp()'s graph reaches only the input token's embedding", () => {
  const model = fromNumbers(HAND_MODEL);
  backward(sum(mlp(model, 1)));
  assertEquals(model.wte[0].map((v) => v.grad), [0, 0]);
  assertEquals(model.wte[2].map((v) => v.grad), [0, 0]);
  assert(
    model.wte[1].some((v) => v.grad !== 0),
    "token 1's row got no gradient",
  );
});
