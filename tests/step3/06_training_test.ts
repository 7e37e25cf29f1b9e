import { assert, assertEquals, AssertionError, assertLess } from "@std/assert";
import { assertSpyCalls, spy } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import type { StepInfo } from "../../lessons/step1/10_training.ts";
import { Value } from "../../lessons/step2/01_value.ts";
import { backward, topologicalOrder } from "../../lessons/step2/03_backward.ts";
import { initModel, parameters } from "../../lessons/step3/02_parameters.ts";
import { forward, train } from "../../lessons/step3/06_training.ts";
import { assertClose, assertVectorClose, plain } from "../_assert.ts";
import { pastTheEnd, withoutCrash } from "../_guards.ts";
import {
  assertLearningRates,
  learningRatesN,
  lossN,
  mistakesOf,
  type Slip,
} from "../_reference.ts";
import {
  guardedPositions,
  guardedTokens,
  tokensOf,
  toNumbers,
  unfusedForward,
} from "./_fixtures.ts";

const DOCS = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "yuheng"]
  .map(tokensOf);

Deno.test('step3/06 forward() gives CPython\'s loss for "ava" (seed 42 weights)', () => {
  // python3, GUIDE.md's model on plain floats: random.seed(42), the nine
  // matrices, the mean of −log p(target) over the 4 positions of "ava".
  const model = initModel(27, new PyRandom(42));
  const tokens = tokensOf("ava");
  const loss = forward(model, guardedTokens(tokens));
  assert(
    loss instanceof Value,
    "forward() must return a Value (the root of the graph)",
  );
  assertClose(loss.data, 2.975273148071412, {
    what: 'the loss of "ava"',
    tol: 1e-12,
    note:
      "The mean over n = 4 positions of −log p(tokens[pos + 1]), with one fresh cache.",
    mistakes: mistakesOf(
      [
        "targetIsInput",
        "sumNotMean",
        "meanOverTokens",
        "skipFirstPosition",
        "cachePerPosition",
      ],
      (slip) => lossN(toNumbers(model), tokens, 1, slip),
    ),
  });
});

Deno.test("step3/06 each name gets a fresh cache: no name sees another's keys", () => {
  const model = initModel(27, new PyRandom(5));
  const alone = forward(model, DOCS[2]).data;
  forward(model, DOCS[0]);
  forward(model, DOCS[1]);
  assertClose(forward(model, DOCS[2]).data, alone, {
    what: 'the loss of "ava" after forward() of two other names',
    tol: 0,
    note:
      'It was different when "ava" came first: each name needs a fresh cache, emptyCache() inside forward(), or it attends to the keys of the names before it.',
  });
});

Deno.test("step3/06 a name longer than 16 letters is scored on 16 positions: n = min(blockSize, len − 1)", () => {
  // 20 letters: 21 positions, but only 16 position embeddings.
  // python3 (GUIDE.md's loop) gives the mean over positions 0-15.
  const tokens = [
    26,
    ...Array.from({ length: 20 }, (_, i) => (7 * i) % 26),
    26,
  ];
  const model = guardedPositions(
    initModel(27, new PyRandom(42)),
    "a name is scored on at most blockSize positions, n = min(blockSize, tokens.length − 1)",
  );
  const loss = withoutCrash(
    () => forward(model, guardedTokens(tokens)),
    () =>
      "forward() crashed on a 20-letter name (21 positions, 16 position embeddings)",
  );
  assertClose(loss.data, 3.4103064797523377, {
    what: "the loss of a 20-letter name, the mean over its first 16 positions",
    tol: 1e-12,
    mistakes: mistakesOf(
      ["minMinusOne"],
      (slip) => lossN(toNumbers(model), tokens, 1, slip),
    ),
  });
});

Deno.test("step3/06 fused forward() = Step 2's unfused graph: same loss, same gradients, ~8 times fewer nodes", () => {
  const model = initModel(27, new PyRandom(42));
  const tokens = tokensOf("yuheng");
  const fused = forward(model, tokens);
  const fusedCount = topologicalOrder(fused).length;
  backward(fused);
  const params = parameters(model);
  const fusedGrads = params.map((p) => p.grad);
  params.forEach((p) => (p.grad = 0));
  const unfused = unfusedForward(model, tokens);
  const unfusedCount = topologicalOrder(unfused).length;
  backward(unfused);
  assertClose(fused.data, unfused.data, {
    what: 'the loss of "yuheng", fused against one node per multiply and add',
    tol: 1e-15,
  });
  assertVectorClose(fusedGrads, params.map((p) => p.grad), {
    what: (i) => `∂loss/∂(parameter ${i}), fused against unfused`,
    tol: 1e-13,
  });
  // Measured: 7,098 nodes fused, 58,842 unfused (8.3 times).
  assertLess(
    fusedCount * 5,
    unfusedCount,
    `fused: ${fusedCount} nodes, unfused: ${unfusedCount} (${
      (unfusedCount / fusedCount).toFixed(2)
    } times as many); expected at least 5 times fewer: use dot, fusedSum and linear from lesson 01`,
  );
});

/**
 * Trains a fresh seed-6 model by hand, as train() must: forward, backward,
 * p −= lr · grad with lr = lr0 · (1 − s/steps), grads back to 0; or with
 * one training mistake switched on.
 */
function trainByHand(steps: number, lr0: number, slip?: Slip): number[] {
  const model = initModel(27, new PyRandom(6));
  const params = parameters(model);
  for (let s = 0; s < steps; s++) {
    const loss = forward(model, DOCS[s % 3]);
    if (slip !== "noBackward") backward(loss);
    const lr = learningRatesN(steps, lr0, 0.1, slip)[s];
    for (const p of params) {
      p.data -= lr * p.grad;
      if (slip !== "notZeroed") p.grad = 0;
    }
  }
  return params.map((p) => p.data);
}

Deno.test("step3/06 train() updates with lr0 · (1 − s/steps) from fresh gradients, cycling through the names", () => {
  // 4 steps over 3 names: step 3 trains on docs[3 % 3] = docs[0].
  const docs = pastTheEnd(
    DOCS.slice(0, 3),
    (i) =>
      `train() read docs[${i}] of a list of 3 names: step s trains on docs[s % docs.length], so the names come round again`,
  );
  const model = initModel(27, new PyRandom(6));
  train(model, docs, { steps: 4, lr0: 0.5 });
  assertVectorClose(parameters(model).map((p) => p.data), trainByHand(4, 0.5), {
    what: (i) => `parameter ${i} after 4 steps`,
    list: "the parameters after 4 steps",
    tol: 1e-12,
    mistakes: mistakesOf(
      ["noDecay", "decayOneEarly", "fixedLr", "notZeroed", "noBackward"],
      (slip) => trainByHand(4, 0.5, slip),
    ),
  });
  const dirty = parameters(model).findIndex((p) => p.grad !== 0);
  if (dirty !== -1) {
    throw new AssertionError(
      `after train(), parameter ${dirty} still has grad ${
        plain(parameters(model)[dirty].grad)
      }: the update sets every grad back to zero (Step 2's sgdUpdate does)`,
    );
  }
});

Deno.test("step3/06 train() reports each step before its update, with lr0 · (1 − s/steps)", () => {
  const model = initModel(27, new PyRandom(7));
  const first = forward(model, DOCS[0]).data;
  const onStep = spy((_info: StepInfo) => {});
  const losses = train(model, DOCS, { steps: 4, lr0: 0.5, onStep });
  assertSpyCalls(onStep, 4);
  const reported = onStep.calls.map((c) => c.args[0].lr!);
  assertLearningRates(reported, 0.5, 0.1);
  assertEquals(onStep.calls[0].args[0], { step: 0, loss: first, lr: 0.5 });
  for (let s = 0; s < 4; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s);
    assertEquals(
      info.loss,
      losses[s],
      `step ${s}: onStep and the returned losses disagree`,
    );
  }
});

Deno.test("step3/06 train() lowers the loss on a few names", () => {
  const model = initModel(27, new PyRandom(8));
  const docs = DOCS.slice(0, 2);
  const total = () => docs.reduce((sum, d) => sum + forward(model, d).data, 0);
  const before = total();
  train(model, docs, { steps: 30, lr0: 0.5 });
  const after = total();
  assertLess(
    after,
    before * 0.8,
    `the summed loss of 2 names went from ${before.toFixed(4)} to ${
      after.toFixed(4)
    }`,
  );
});
