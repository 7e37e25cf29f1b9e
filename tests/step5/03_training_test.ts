import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertLess,
} from "@std/assert";
import { assertSpyCalls, spy } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import {
  learningRate,
  type StepInfo,
} from "../../lessons/step1/10_training.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import { initModel, parameters } from "../../lessons/step4/02_parameters.ts";
import { forward } from "../../lessons/step4/04_training.ts";
import { adamState, adamUpdate } from "../../lessons/step5/02_adam.ts";
import { train } from "../../lessons/step5/03_training.ts";
import { assertAllClose } from "../_helpers.ts";
import {
  centralGradient,
  flatNumbers,
  fromNumbers,
  lossN,
  smallModel,
  tokenize,
} from "../step4/_fixtures.ts";

// Small-model names over a, b, c, d (ids 0-3) with BOS = 4.
const SMALL_DOCS = [[4, 0, 1, 0, 4], [4, 2, 2, 3, 1, 4], [4, 3, 4]];

Deno.test("step5/03 train() uses Adam with lr0 = 0.01: the first step moves every parameter with a gradient by about 0.01", () => {
  const numbers = smallModel(1);
  const grad = centralGradient(numbers, (m) => lossN(m, SMALL_DOCS[0], 4));
  const before = flatNumbers(numbers);
  const model = fromNumbers(numbers);
  train(model, SMALL_DOCS, { steps: 1, lr0: 0.01 });
  const after = parameters(model).map((p) => p.data);
  let checked = 0;
  for (let i = 0; i < before.length; i++) {
    const g = grad[i];
    const move = before[i] - after[i];
    if (Math.abs(g) < 1e-5) continue; // unused weights: no gradient, no move
    checked++;
    const sgd = Math.abs(move - 0.01 * g) < 1e-9;
    assert(
      !sgd || Math.abs(g) > 0.99 && Math.abs(g) < 1.01,
      `parameter ${i} (gradient ${g}) moved by ${move} = lr0 · gradient: that is SGD's step; Step 5 updates with adamUpdate`,
    );
    assertAlmostEquals(
      move,
      0.01 * Math.sign(g),
      0.01 * 2e-3,
      `parameter ${i} (gradient ${g}) moved by ${move}; Adam's first step is about lr0 = 0.01 against the gradient's sign`,
    );
  }
  assert(checked > 100, `only ${checked} parameters had a gradient`);
});

Deno.test("step5/03 train() keeps one Adam state for the whole run (m and v carry over from step to step)", () => {
  const options = { steps: 4, lr0: 0.01 };
  const model = fromNumbers(smallModel(2));
  train(model, SMALL_DOCS, options);
  // The same four steps by hand, with one state, and with a fresh state
  // at every step (the mistake to recognise).
  const run = (freshEachStep: boolean) => {
    const m = fromNumbers(smallModel(2));
    const params = parameters(m);
    let state = adamState(params.length);
    for (let s = 0; s < options.steps; s++) {
      backward(forward(m, SMALL_DOCS[s % SMALL_DOCS.length]));
      if (freshEachStep) state = adamState(params.length);
      adamUpdate(params, state, learningRate(s, options.steps, options.lr0), s);
    }
    return params.map((p) => p.data);
  };
  const actual = parameters(model).map((p) => p.data);
  const fresh = run(true);
  assert(
    !actual.every((x, i) => Math.abs(x - fresh[i]) < 1e-12),
    "the parameters match a run that makes a new adamState at every step: Adam's m and v must remember the earlier steps (make the state once, before the loop)",
  );
  assertAllClose(
    actual,
    run(false),
    1e-12,
    "parameters after 4 steps (forward, backward, adamUpdate with one state)",
  );
});

Deno.test("step5/03 train() reports every step once, before its update, with lr0 · (1 − s / steps)", () => {
  const model = fromNumbers(smallModel(3));
  const first = forward(fromNumbers(smallModel(3)), SMALL_DOCS[0]).data;
  const onStep = spy((_info: StepInfo) => {});
  const losses = train(model, SMALL_DOCS, { steps: 5, lr0: 0.01, onStep });
  assertSpyCalls(onStep, 5);
  assertEquals(onStep.calls[0].args[0], { step: 0, loss: first, lr: 0.01 });
  for (let s = 0; s < 5; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s);
    assertAlmostEquals(info.lr, 0.01 * (1 - s / 5), 1e-15, `lr at step ${s}`);
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
    "a grad was left set after the last update",
  );
});

Deno.test("step5/03 train() lowers the loss on a few names", () => {
  const model = initModel(27, new PyRandom(5));
  const docs = ["emma", "ava", "mia"].map(tokenize);
  const total = () => docs.reduce((sum, d) => sum + forward(model, d).data, 0);
  const before = total();
  train(model, docs, { steps: 60, lr0: 0.01 });
  const after = total();
  assertLess(after, before * 0.8, `loss went from ${before} to ${after}`);
});
