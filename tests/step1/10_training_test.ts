import { assertAlmostEquals, assertEquals, assertLess } from "@std/assert";
import { assertSpyCall, assertSpyCalls, spy } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import {
  flatten,
  initModel,
  type Model,
} from "../../lessons/step1/02_parameters.ts";
import { forward } from "../../lessons/step1/06_forward.ts";
import { analyticGradient } from "../../lessons/step1/08_analytic_gradient.ts";
import {
  learningRate,
  sgdUpdate,
  type StepInfo,
  train,
} from "../../lessons/step1/10_training.ts";
import { assertAllClose } from "../_helpers.ts";

// Three tiny "names" over a vocabulary of 3 letters + BOS (id 3).
const DOCS = [[3, 0, 1, 3], [3, 2, 3], [3, 1, 1, 0, 3]];

Deno.test("step1/10 learningRate() falls in a straight line from lr0 to 0", () => {
  assertEquals(learningRate(0, 1000, 1.0), 1.0);
  assertEquals(learningRate(500, 1000, 1.0), 0.5);
  assertAlmostEquals(learningRate(999, 1000, 1.0), 0.001, 1e-15);
  assertEquals(learningRate(1000, 1000, 1.0), 0);
  assertEquals(learningRate(0, 10, 0.1), 0.1);
  assertAlmostEquals(learningRate(5, 10, 0.1), 0.05, 1e-15);
});

Deno.test("step1/10 sgdUpdate() subtracts lr · grad in flat parameter order", () => {
  const model: Model = { wte: [[1, 2]], mlpFc1: [[3], [4]], mlpFc2: [[5, 6]] };
  sgdUpdate(model, [1, 1, 2, 2, -4, 0], 0.5);
  assertEquals(model, {
    wte: [[0.5, 1.5]],
    mlpFc1: [[2], [3]],
    mlpFc2: [[7, 6]],
  });
});

Deno.test("step1/10 train() reports every step once, before its update", () => {
  const model = initModel(4, 3, new PyRandom(1));
  const first = forward(model, DOCS[0]);
  const onStep = spy((_info: StepInfo) => {});
  const losses = train(model, DOCS, { steps: 5, lr0: 0.5, onStep });
  assertSpyCalls(onStep, 5);
  assertSpyCall(onStep, 0, { args: [{ step: 0, loss: first, lr: 0.5 }] });
  for (let s = 0; s < 5; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s);
    assertAlmostEquals(info.lr, 0.5 * (1 - s / 5), 1e-15);
    assertEquals(
      info.loss,
      losses[s],
      "onStep and the returned losses disagree",
    );
  }
});

Deno.test("step1/10 train() takes name s % docs.length at step s", () => {
  // Replay the loop by hand with the gradient from lesson 08 and compare.
  const model = initModel(4, 3, new PyRandom(2));
  const replay = structuredClone(model);
  const losses = train(model, DOCS, { steps: 4, lr0: 1 });
  const expected: number[] = [];
  for (let s = 0; s < 4; s++) {
    const { loss, grad } = analyticGradient(replay, DOCS[s % 3]);
    expected.push(loss);
    const lr = 1 - s / 4;
    let k = 0;
    for (const matrix of [replay.wte, replay.mlpFc1, replay.mlpFc2]) {
      for (const row of matrix) {
        for (let j = 0; j < row.length; j++) row[j] -= lr * grad[k++];
      }
    }
  }
  assertAllClose(losses, expected, 1e-12, "losses");
  assertAllClose(flatten(model), flatten(replay), 1e-12, "parameters");
});

Deno.test("step1/10 train() lowers the loss on a tiny dataset", () => {
  const model = initModel(4, 4, new PyRandom(3));
  const before = DOCS.map((d) => forward(model, d)).reduce((a, b) => a + b);
  train(model, DOCS, { steps: 300, lr0: 1 });
  const after = DOCS.map((d) => forward(model, d)).reduce((a, b) => a + b);
  assertLess(after, before * 0.8, `loss went from ${before} to ${after}`);
});

Deno.test("step1/10 train() with 0 steps changes nothing", () => {
  const model = initModel(4, 2, new PyRandom(4));
  const before = structuredClone(model);
  assertEquals(train(model, DOCS, { steps: 0, lr0: 1 }), []);
  assertEquals(model, before);
});
