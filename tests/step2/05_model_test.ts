import { assert, assertEquals } from "@std/assert";
import {
  assertBitExact,
  assertClose,
  assertListEquals,
  assertVectorBitExact,
  assertVectorClose,
} from "../_assert.ts";
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

const ORDER_NOTE = "This test wants Step 1's numbers to the last bit: sums " +
  "from 0, left to right; softmax subtracts the largest logit, " +
  "exponentiates, sums, then divides. See the note on the order of " +
  "operations in lessons/step2/05_model.ts.";

Deno.test("step2/05 sum() adds from 0, left to right", () => {
  assertBitExact(sum(values([1, 2, 3])).data, 6, { what: "sum of 1, 2, 3" });
  assertBitExact(sum([]).data, 0, { what: "sum of no values" });
  // (0.1 + 0.2) + 0.3 is 0.6000000000000001, 0.1 + (0.2 + 0.3) is 0.6.
  assertBitExact(sum(values([0.1, 0.2, 0.3])).data, 0.1 + 0.2 + 0.3, {
    what: "sum of 0.1, 0.2, 0.3",
    note: ORDER_NOTE,
  });
});

Deno.test("step2/05 sum() gives every term a gradient of 1", () => {
  const terms = values([4, -2, 7]);
  const total = sum(terms);
  assertListEquals(terms.map((t) => gradientByPaths(total, t)), [1, 1, 1], {
    what: (i) => `∂sum/∂term ${i} (through the recorded graph)`,
    note: "Build the sum with add(), so every term is in the graph.",
  });
});

Deno.test("step2/05 linear() takes one dot product per row (worked by hand)", () => {
  const out = linear(values([1, 2]), [
    values([1, 0]),
    values([0, 1]),
    values([3, 4]),
  ]);
  assertListEquals(data(out), [1, 2, 11], {
    what: (i) => `output ${i} (row ${i} of w · x)`,
  });
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
  assertVectorBitExact(data(linear(values(x), w.map(values))), expected, {
    what: (i) => `output ${i} of linear()`,
    note: ORDER_NOTE,
  });
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
  assertVectorBitExact(probs, exps.map((x) => x / total), {
    what: (i) => `softmax([2, 1, 0])[${i}]`,
    note: ORDER_NOTE,
  });
  assertClose(probs[0], 0.665, { what: "softmax([2, 1, 0])[0]", tol: 1e-3 });
  assertClose(probs[2], 0.090, { what: "softmax([2, 1, 0])[2]", tol: 1e-3 });
});

Deno.test("step2/05 softmax() stays finite for logits like [1000, 1001, 1002]", () => {
  const probs = data(softmax(values([1000, 1001, 1002])));
  assert(
    probs.every(Number.isFinite),
    `softmax([1000, 1001, 1002]) gave ${probs}: subtract the largest ` +
      "logit before exp()",
  );
  assertVectorBitExact(probs, data(softmax(values([0, 1, 2]))), {
    what: (i) => `softmax([1000, 1001, 1002])[${i}] (as for [0, 1, 2])`,
  });
});

/** How many distinct nodes under `roots` have `target` as a child. */
function countUsers(roots: Value[], target: Value): number {
  const seen = new Set<Value>();
  const stack = [...roots];
  let users = 0;
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    if (v.children.includes(target)) users++;
    stack.push(...v.children);
  }
  return users;
}

Deno.test("step2/05 softmax() subtracts the largest logit as a plain number, not as a Value in the graph", () => {
  // With max a constant, the largest logit (3) feeds only its own
  // exp(sub(v, max)). Subtracting the Value itself would make it a child
  // of every sub node: the same numbers, but extra graph and extra rounding
  // in backward.
  const logits = values([0.5, 3, -1, 2]);
  const users = countUsers(softmax(logits), logits[1]);
  assertEquals(
    users,
    1,
    `the largest logit (3) is a child of ${users} nodes of softmax()'s ` +
      "graph, expected 1 (its own sub(v, max)): take max as a plain " +
      "number, the largest .data, and subtract that. See the lesson's " +
      "note on the largest logit.",
  );
});

Deno.test("step2/05 softmax() then −log gives Step 1's gradient: probs minus one-hot", () => {
  const logits = values([0.5, -1, 2, 0]);
  const probs = softmax(logits);
  backward(neg(log(probs[2])));
  const expected = data(probs).map((p, i) => p - (i === 2 ? 1 : 0));
  assertVectorClose(logits.map((l) => l.grad), expected, {
    what: (i) => `∂(−log probs[2])/∂logit ${i}`,
    tol: 1e-15,
    note: "Expected probs − onehot(2): build softmax from exp, sub, sum " +
      "and div so backward() can walk it.",
  });
});

Deno.test("step2/05 mlp() runs embedding → linear → ReLU → linear (worked by hand)", () => {
  const model = fromNumbers(HAND_MODEL);
  const logit = (token: number) => (i: number) =>
    `logit ${i} for token ${token} (HAND_MODEL, tests/step1/_fixtures.ts)`;
  assertListEquals(data(mlp(model, 0)), [1, 0, 2], { what: logit(0) });
  assertListEquals(data(mlp(model, 1)), [10, 0, 0], { what: logit(1) });
  assertListEquals(data(mlp(model, 2)), [0, 0, 0], { what: logit(2) });
});

Deno.test("step2/05 mlp() gives Step 1's logits to the last bit", () => {
  const numbers = initNumberModel(27, 16, new PyRandom(42));
  const model = fromNumbers(numbers);
  for (const token of [0, 7, 26]) {
    assertVectorBitExact(data(mlp(model, token)), numberMlp(numbers, token), {
      what: (i) => `logit ${i} for token ${token}`,
      note: ORDER_NOTE,
    });
  }
});

Deno.test("step2/05 mlp()'s graph reaches only the input token's embedding", () => {
  const model = fromNumbers(HAND_MODEL);
  backward(sum(mlp(model, 1)));
  assertListEquals(model.wte[0].map((v) => v.grad), [0, 0], {
    what: (j) => `wte[0][${j}].grad (token 0 was not the input)`,
  });
  assertListEquals(model.wte[2].map((v) => v.grad), [0, 0], {
    what: (j) => `wte[2][${j}].grad (token 2 was not the input)`,
  });
  assert(
    model.wte[1].some((v) => v.grad !== 0),
    "token 1's row got no gradient",
  );
});
