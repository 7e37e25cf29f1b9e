import { assert, assertEquals, assertLess } from "@std/assert";
import { assertSpyCalls, spy } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import type { StepInfo } from "../../lessons/step1/10_training.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import { initModel, parameters } from "../../lessons/step4/02_parameters.ts";
import { forward } from "../../lessons/step4/04_training.ts";
import { adamState, adamUpdate } from "../../lessons/step5/02_adam.ts";
import { train } from "../../lessons/step5/03_training.ts";
import { assertClose, assertVectorClose } from "../_assert.ts";
import {
  assertLearningRates,
  learningRatesN,
  lossN,
  mistakesOf,
  type Slip,
  SLIPS,
} from "../_reference.ts";
import {
  centralGradient,
  flatNumbers,
  fromNumbers,
  smallModel,
  tokenize,
} from "../step4/_fixtures.ts";

// Small-model names over a, b, c, d (ids 0-3) with BOS = 4.
const SMALL_DOCS = [[4, 0, 1, 0, 4], [4, 2, 2, 3, 1, 4], [4, 3, 4]];

/**
 * Trains a fresh small model by hand, as train() must: forward, backward,
 * adamUpdate with lr0 · (1 − s/steps) and one Adam state for the run; or
 * with one training mistake switched on.
 */
function trainByHand(seed: number, steps: number, lr0: number, slip?: Slip) {
  const model = fromNumbers(smallModel(seed));
  const params = parameters(model);
  let state = adamState(params.length);
  for (let s = 0; s < steps; s++) {
    const loss = forward(model, SMALL_DOCS[s % SMALL_DOCS.length]);
    if (slip !== "noBackward") backward(loss);
    const lr = learningRatesN(steps, lr0, 0.01, slip)[s];
    if (slip === "freshAdamState") state = adamState(params.length);
    if (slip === "sgdNotAdam") {
      for (const p of params) {
        p.data -= lr * p.grad;
        p.grad = 0;
      }
    } else {
      adamUpdate(params, state, lr, slip === "stepPlusOne" ? s + 1 : s);
    }
  }
  return params.map((p) => p.data);
}

Deno.test("step5/03 train() runs Adam with one state for the run and lr0 · (1 − s/steps) (4 steps, lr0 = 0.05)", () => {
  const model = fromNumbers(smallModel(2));
  train(model, SMALL_DOCS, { steps: 4, lr0: 0.05 });
  assertVectorClose(
    parameters(model).map((p) => p.data),
    trainByHand(2, 4, 0.05),
    {
      what: (i) => `parameter ${i} after 4 steps`,
      list: "the parameters after 4 steps",
      tol: 1e-12,
      mistakes: mistakesOf(
        [
          "noDecay",
          "decayOneEarly",
          "fixedLr",
          "freshAdamState",
          "sgdNotAdam",
          "stepPlusOne",
          "noBackward",
        ],
        (slip) => trainByHand(2, 4, 0.05, slip),
      ),
    },
  );
});

Deno.test("step5/03 train()'s first step moves every parameter with a gradient by about lr0", () => {
  const numbers = smallModel(1);
  const grad = centralGradient(numbers, (m) => lossN(m, SMALL_DOCS[0], 4));
  const before = flatNumbers(numbers);
  const model = fromNumbers(numbers);
  train(model, SMALL_DOCS, { steps: 1, lr0: 0.05 });
  const after = parameters(model).map((p) => p.data);
  let checked = 0;
  for (let i = 0; i < before.length; i++) {
    const g = grad[i];
    if (Math.abs(g) < 1e-5) continue; // unused weights: no gradient, no move
    checked++;
    assertClose(before[i] - after[i], 0.05 * Math.sign(g), {
      what: `the move of parameter ${i} (gradient ${g.toFixed(6)}) at step 0`,
      tol: 0.05 * 2e-3,
      note:
        "Adam's first step is about lr0 = 0.05 against the gradient's sign, whatever the gradient's size.",
      mistakes: [{ gives: 0.05 * g, says: SLIPS.sgdNotAdam }],
    });
  }
  assert(checked > 100, `only ${checked} parameters had a gradient`);
});

Deno.test("step5/03 train() reports every step once, before its update, with lr0 · (1 − s / steps)", () => {
  const model = fromNumbers(smallModel(3));
  const first = forward(fromNumbers(smallModel(3)), SMALL_DOCS[0]).data;
  const onStep = spy((_info: StepInfo) => {});
  const losses = train(model, SMALL_DOCS, { steps: 5, lr0: 0.05, onStep });
  assertSpyCalls(onStep, 5);
  const reported = onStep.calls.map((c) => c.args[0].lr!);
  assertLearningRates(reported, 0.05, 0.01);
  assertEquals(onStep.calls[0].args[0], { step: 0, loss: first, lr: 0.05 });
  for (let s = 0; s < 5; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s);
    assertEquals(
      info.loss,
      losses[s],
      "onStep and the returned losses disagree",
    );
  }
});

Deno.test("step5/03 train() leaves every grad at 0", () => {
  const model = fromNumbers(smallModel(4));
  train(model, SMALL_DOCS, { steps: 3, lr0: 0.01 });
  assert(
    parameters(model).every((p) => p.grad === 0),
    "a grad was left set after the last update: adamUpdate sets every grad back to 0",
  );
});

Deno.test("step5/03 train() lowers the loss on a few names", () => {
  const model = initModel(27, new PyRandom(5));
  const docs = ["emma", "ava", "mia"].map(tokenize);
  const total = () => docs.reduce((sum, d) => sum + forward(model, d).data, 0);
  const before = total();
  train(model, docs, { steps: 60, lr0: 0.01 });
  const after = total();
  assertLess(
    after,
    before * 0.8,
    `the summed loss of 3 names went from ${before.toFixed(4)} to ${
      after.toFixed(4)
    }`,
  );
});
