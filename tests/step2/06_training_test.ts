import { assert, assertEquals, assertLess } from "@std/assert";
import { spy } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import {
  flatten,
  initModel as initNumberModel,
  type Model as NumberModel,
} from "../../lessons/step1/02_parameters.ts";
import { forward as numberForward } from "../../lessons/step1/06_forward.ts";
import { analyticGradient } from "../../lessons/step1/08_analytic_gradient.ts";
import {
  learningRate,
  type StepInfo,
  train as numberTrain,
} from "../../lessons/step1/10_training.ts";
import { Value } from "../../lessons/step2/01_value.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import {
  fromNumbers,
  initModel,
  parameters,
  toNumbers,
} from "../../lessons/step2/04_parameters.ts";
import { forward, sgdUpdate, train } from "../../lessons/step2/06_training.ts";
import {
  assertBitExact,
  assertClose,
  assertListEquals,
  assertVectorClose,
  plain,
} from "../_assert.ts";
import { gradientNames, parameterNames } from "../step1/_fixtures.ts";
import { centralDifference, HAND_MODEL } from "../step1/_fixtures.ts";

// Some names, tokenized for a to z (ids 0-25) with BOS = 26.
const NAMES = [
  "emma",
  "olivia",
  "ava",
  "isabella",
  "sophia",
  "mia",
  "charlotte",
  "amelia",
  "harper",
  "evelyn",
  "yuheng",
  "zoe",
];
const DOCS = NAMES.map((name) => [
  26,
  ...[...name].map((ch) => ch.charCodeAt(0) - 97),
  26,
]);

/** The gradient of forward() by the lesson's backward, in flat order. */
function autogradGradient(model: NumberModel, tokens: number[]): number[] {
  const values = fromNumbers(model);
  backward(forward(values, tokens));
  return parameters(values).map((p) => p.grad);
}

Deno.test("step2/06 forward() averages −log p(target) over the positions (worked by hand)", () => {
  // tokens [1, 0, 1]: logits for token 1 are [10, 0, 0], for token 0 [1, 0, 2].
  const e = Math.E;
  const loss0 = -Math.log(e ** 10 / (e ** 10 + 2));
  const loss1 = -Math.log(1 / (e + 1 + e * e));
  const loss = forward(fromNumbers(HAND_MODEL), [1, 0, 1]);
  assert(loss instanceof Value, "forward() must return a Value");
  assertClose(loss.data, (loss0 + loss1) / 2, {
    what: "the loss of tokens [1, 0, 1] under HAND_MODEL (2 positions)",
    tol: 1e-12,
    note: "The mean over the n positions of −log probs[target].",
  });
});

Deno.test("step2/06 forward() gives Step 1's loss to the last bit", () => {
  const numbers = initNumberModel(27, 16, new PyRandom(42));
  const model = fromNumbers(numbers);
  DOCS.forEach((tokens, i) => {
    assertBitExact(
      forward(model, tokens).data,
      numberForward(numbers, tokens),
      {
        what: `the loss of "${NAMES[i]}"`,
        note: "This test wants Step 1's loss to the last bit: the mean as " +
          "mul(1 / n, sum(losses)), the sum from 0 in position order, and " +
          "Step 1's order inside softmax and linear. See the note on the " +
          "order of operations in lessons/step2/05_model.ts.",
      },
    );
  });
});

Deno.test("step2/06 backward(forward()) gives Step 1's hand-derived gradient", () => {
  const numbers = initNumberModel(27, 16, new PyRandom(42));
  for (const tokens of DOCS.slice(0, 4)) {
    // Same math, different rounding steps: equal to about 1e-17.
    assertVectorClose(
      autogradGradient(numbers, tokens),
      analyticGradient(numbers, tokens).grad,
      {
        what: (k) => `${gradientNames(numbers)(k)} for tokens [${tokens}]`,
        tol: 1e-15,
      },
    );
  }
});

Deno.test("step2/06 backward(forward()) matches central differences", () => {
  // Larger weights than 0.08, so ReLU cuts through and gradients are not tiny.
  const numbers = initNumberModel(5, 2, new PyRandom(3));
  for (const row of [...numbers.wte, ...numbers.mlpFc1, ...numbers.mlpFc2]) {
    for (let j = 0; j < row.length; j++) row[j] *= 10;
  }
  const tokens = [4, 2, 2, 0, 4]; // token 2 used twice
  const reference = centralDifference(
    numbers,
    (m) => forward(fromNumbers(m), tokens).data,
  );
  assertVectorClose(autogradGradient(numbers, tokens), reference, {
    what: gradientNames(numbers),
    tol: 1e-6,
  });
});

Deno.test("step2/06 sgdUpdate() moves each parameter by −lr · grad, then zeroes the grad", () => {
  const params = [new Value(1), new Value(2), new Value(-3)];
  params.forEach((p, i) => (p.grad = [4, -2, 0.5][i]));
  sgdUpdate(params, 0.5);
  assertListEquals(params.map((p) => p.data), [-1, 3, -3.25], {
    what: (i) => `parameter ${i}'s data after the update`,
    note: "p.data -= lr * p.grad: 1 - 0.5·4 = -1, 2 - 0.5·(-2) = 3, " +
      "-3 - 0.5·0.5 = -3.25.",
  });
  assertListEquals(params.map((p) => p.grad), [0, 0, 0], {
    what: (i) => `parameter ${i}'s grad after the update`,
    note: "sgdUpdate() sets every grad back to 0: backward() adds to grad.",
  });
});

Deno.test("step2/06 train() reports every step once, before its update", () => {
  const model = initModel(27, 4, new PyRandom(1));
  const first = forward(model, DOCS[0]).data;
  const onStep = spy((_info: StepInfo) => {});
  const losses = train(model, DOCS, { steps: 5, lr0: 0.5, onStep });
  assertEquals(onStep.calls.length, 5, "onStep must run once per step");
  assertEquals(onStep.calls[0].args[0], { step: 0, loss: first, lr: 0.5 });
  for (let s = 0; s < 5; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s, `onStep call ${s} reports the wrong step`);
    assertClose(info.lr, 0.5 * (1 - s / 5), {
      what: `the lr onStep reports for step ${s} of 5 (lr0 0.5)`,
      tol: 1e-15,
      note: "Each step's rate is Step 1's learningRate(s, steps, lr0).",
    });
    assertEquals(
      info.loss,
      losses[s],
      "onStep and the returned losses disagree",
    );
  }
});

Deno.test("step2/06 train() updates step s with the decayed rate learningRate(s, steps, lr0), not lr0", () => {
  // When onStep runs, backward() has filled the grads and the update has
  // not happened: snapshot both; how far the weights then move along the
  // gradient is the rate the step used.
  const model = initModel(27, 4, new PyRandom(5));
  const params = parameters(model);
  const steps = 4;
  const lr0 = 1;
  const snapshots: number[][] = [];
  const grads: number[][] = [];
  train(model, [DOCS[0]], {
    steps,
    lr0,
    onStep: () => {
      snapshots.push(params.map((p) => p.data));
      grads.push(params.map((p) => p.grad));
    },
  });
  snapshots.push(params.map((p) => p.data));
  for (let s = 0; s < steps; s++) {
    let moved = 0;
    let norm = 0;
    grads[s].forEach((g, k) => {
      moved += (snapshots[s][k] - snapshots[s + 1][k]) * g;
      norm += g * g;
    });
    const used = moved / norm;
    const expected = learningRate(s, steps, lr0);
    assertClose(used, expected, {
      what: `the learning rate step ${s} of ${steps} updated with ` +
        "(measured from how far the weights moved)",
      tol: 1e-9,
      note: (Math.abs(used - lr0) < 1e-9 ? "That is lr0 itself. " : "") +
        "The learning-rate schedule: step s updates with Step 1's " +
        `learningRate(s, steps, lr0) = ${plain(expected)} here, falling ` +
        "to 0 over the run; pass that rate to sgdUpdate, not lr0.",
    });
  }
});

Deno.test("step2/06 train() leaves every grad at 0", () => {
  const model = initModel(27, 4, new PyRandom(2));
  train(model, DOCS, { steps: 3, lr0: 1 });
  assert(parameters(model).every((p) => p.grad === 0), "a grad was left set");
});

Deno.test("step2/06 train() reproduces Step 1's training: same losses, same weights", () => {
  // Step 1 on plain numbers, Step 2 on Values, from the same start.
  const numbers = initNumberModel(27, 8, new PyRandom(42));
  const model = fromNumbers(numbers);
  const options = { steps: 80, lr0: 1 };
  const losses = train(model, DOCS, options);
  const expected = numberTrain(numbers, DOCS, options);
  // The first step's forward pass is the same arithmetic in the same order.
  assertBitExact(losses[0], expected[0], {
    what: "the loss at step 0",
    note: "See the note on the order of operations in " +
      "lessons/step2/05_model.ts.",
  });
  // After it, the two gradients are the same math rounded in a different
  // order (~1e-17 apart); the losses then agree to ~1e-15, not to the bit.
  // Forgetting to zero the grads would be off by far more.
  assertVectorClose(losses, expected, {
    what: (s) => `the loss at step ${s} (Step 1's, replayed)`,
    tol: 1e-12,
    note: "Step s: forward, backward, update with learningRate(s, steps, " +
      "lr0), zero every grad.",
  });
  assertVectorClose(flatten(toNumbers(model)), flatten(numbers), {
    what: (k) => `${parameterNames(numbers)(k)} after 80 steps`,
    tol: 1e-12,
  });
});

Deno.test("step2/06 train() lowers the loss on a few names", () => {
  const model = initModel(27, 4, new PyRandom(3));
  const docs = DOCS.slice(0, 3);
  const total = () => docs.reduce((sum, d) => sum + forward(model, d).data, 0);
  const before = total();
  train(model, docs, { steps: 100, lr0: 1 });
  const after = total();
  assertLess(
    after,
    before * 0.8,
    `the total loss of 3 names went from ${plain(before)} to ${
      plain(after)
    } in 100 steps: expected a drop of at least 20%`,
  );
});

Deno.test("step2/06 train() with 0 steps changes nothing", () => {
  const model = initModel(27, 2, new PyRandom(4));
  const before = toNumbers(model);
  assertEquals(train(model, DOCS, { steps: 0, lr0: 1 }), []);
  assertEquals(toNumbers(model), before);
});
