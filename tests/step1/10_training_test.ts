import { assertEquals, assertLess } from "@std/assert";
import { assertSpyCalls, spy } from "@std/testing/mock";
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
import {
  assertBitExact,
  assertClose,
  assertListEquals,
  assertVectorClose,
  plain,
} from "../_assert.ts";
import { parameterNames } from "./_fixtures.ts";

// Three tiny "names" over a vocabulary of 3 letters + BOS (id 3).
const DOCS = [[3, 0, 1, 3], [3, 2, 3], [3, 1, 1, 0, 3]];

Deno.test("step1/10 learningRate() falls in a straight line from lr0 to 0", () => {
  const what = (s: number, steps: number, lr0: number) =>
    `learningRate(${s}, ${steps}, ${lr0})`;
  const note = "learningRate(s, steps, lr0) is lr0 * (1 - s / steps).";
  assertBitExact(learningRate(0, 1000, 1.0), 1.0, {
    what: what(0, 1000, 1),
    note,
  });
  assertBitExact(learningRate(500, 1000, 1.0), 0.5, {
    what: what(500, 1000, 1),
    note,
  });
  assertClose(learningRate(999, 1000, 1.0), 0.001, {
    what: what(999, 1000, 1),
    tol: 1e-15,
    note,
  });
  assertBitExact(learningRate(1000, 1000, 1.0), 0, {
    what: what(1000, 1000, 1),
    note,
  });
  assertBitExact(learningRate(0, 10, 0.1), 0.1, {
    what: what(0, 10, 0.1),
    note,
  });
  assertClose(learningRate(5, 10, 0.1), 0.05, {
    what: what(5, 10, 0.1),
    tol: 1e-15,
    note,
  });
});

Deno.test("step1/10 sgdUpdate() subtracts lr · grad in flat parameter order", () => {
  const model: Model = { wte: [[1, 2]], mlpFc1: [[3], [4]], mlpFc2: [[5, 6]] };
  const before = structuredClone(model);
  sgdUpdate(model, [1, 1, 2, 2, -4, 0], 0.5);
  assertListEquals(flatten(model), [0.5, 1.5, 2, 3, 7, 6], {
    what: (k) => `${parameterNames(before)(k)} after the update`,
    note: "Parameter k (flat order: wte, mlpFc1, mlpFc2, row by row) " +
      "becomes p - lr * grad[k]: 1 - 0.5 * 1 = 0.5, …, 5 - 0.5 * -4 = 7.",
  });
});

Deno.test("step1/10 train() reports every step once, before its update", () => {
  const model = initModel(4, 3, new PyRandom(1));
  const first = forward(model, DOCS[0]);
  const onStep = spy((_info: StepInfo) => {});
  const losses = train(model, DOCS, { steps: 5, lr0: 0.5, onStep });
  assertSpyCalls(onStep, 5);
  const info0 = onStep.calls[0].args[0];
  assertBitExact(info0.loss, first, {
    what: "the loss onStep reports for step 0",
    note: "Step 0 measures docs[0] with the weights as they are, before " +
      "its update: forward(model, docs[0]).",
  });
  assertBitExact(info0.lr, 0.5, {
    what: "the lr onStep reports for step 0 (lr0 0.5)",
  });
  for (let s = 0; s < 5; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s, `onStep call ${s} reports the wrong step`);
    assertClose(info.lr, 0.5 * (1 - s / 5), {
      what: `the lr onStep reports for step ${s} of 5 (lr0 0.5)`,
      tol: 1e-15,
      note: "Each step's rate is learningRate(s, steps, lr0).",
    });
    assertEquals(
      info.loss,
      losses[s],
      "onStep and the returned losses disagree",
    );
  }
});

Deno.test("step1/10 train() measures step s on name s % docs.length", () => {
  // When onStep runs the model is not yet updated, so the loss it reports
  // must be forward() of that step's name on the current weights.
  const model = initModel(4, 3, new PyRandom(2));
  const names: number[] = [];
  train(model, DOCS, {
    steps: 7,
    lr0: 1,
    onStep: ({ step, loss }) => {
      const expected = forward(model, DOCS[step % DOCS.length]);
      assertClose(loss, expected, {
        what: `the loss reported at step ${step}`,
        tol: 1e-12,
        note: `Step ${step} must measure docs[${step} % ${DOCS.length}] = ` +
          `docs[${step % DOCS.length}] with the weights as they are ` +
          "before its update.",
      });
      names.push(step % DOCS.length);
    },
  });
  assertEquals(names.length, 7, "onStep must run once per step");
});

/** What a measured rate `used` says of the update, when it is not `expected`. */
function rateSlip(used: number, expected: number, lr0: number): string {
  if (Math.abs(used - lr0) < 1e-9) {
    return "That is lr0 itself: pass learningRate(s, steps, lr0) to sgdUpdate, not the starting rate.";
  }
  if (Math.abs(used + expected) < 1e-9) {
    return "That is minus the rate: the weights moved up the gradient; the update subtracts, p - lr * grad.";
  }
  return "The weights did not move by a rate times this step's gradient: is the gradient this step's own (fresh, not added to an earlier step's)?";
}

Deno.test("step1/10 train() updates step s with the decayed rate learningRate(s, steps, lr0), not lr0", () => {
  // Snapshot the weights and the gradient as each step begins; how far the
  // weights then move, measured along the gradient, is the rate used. One
  // name only, so that this test does not depend on which name a step takes.
  const docs = [DOCS[2]];
  const model = initModel(4, 3, new PyRandom(2));
  const steps = 4;
  const lr0 = 1;
  const snapshots: number[][] = [];
  const grads: number[][] = [];
  train(model, docs, {
    steps,
    lr0,
    onStep: () => {
      snapshots.push(flatten(model));
      grads.push(analyticGradient(model, docs[0]).grad);
    },
  });
  snapshots.push(flatten(model));
  for (let s = 0; s < steps; s++) {
    const g = grads[s];
    let moved = 0;
    let norm = 0;
    for (let k = 0; k < g.length; k++) {
      moved += (snapshots[s][k] - snapshots[s + 1][k]) * g[k];
      norm += g[k] * g[k];
    }
    const used = moved / norm;
    const expected = learningRate(s, steps, lr0);
    assertClose(used, expected, {
      what: `the learning rate step ${s} of ${steps} updated with ` +
        "(measured from how far the weights moved)",
      tol: 1e-9,
      note: `${rateSlip(used, expected, lr0)} The learning-rate schedule: ` +
        `step s updates with learningRate(s, steps, lr0) = ${plain(lr0)} * ` +
        `(1 - ${s} / ${steps}) = ${
          plain(expected)
        }, falling to 0 over the run.`,
    });
  }
});

Deno.test("step1/10 train() replayed by hand: name s % docs.length, gradient, update with the decayed rate", () => {
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
  assertVectorClose(losses, expected, {
    what: (s) => `the loss at step ${s} (name ${s % 3})`,
    tol: 1e-12,
  });
  assertVectorClose(flatten(model), flatten(replay), {
    what: (k) => `${parameterNames(replay)(k)} after 4 steps`,
    tol: 1e-12,
  });
});

Deno.test("step1/10 train() lowers the loss on a tiny dataset", () => {
  const model = initModel(4, 4, new PyRandom(3));
  const before = DOCS.map((d) => forward(model, d)).reduce((a, b) => a + b);
  train(model, DOCS, { steps: 300, lr0: 1 });
  const after = DOCS.map((d) => forward(model, d)).reduce((a, b) => a + b);
  assertLess(
    after,
    before * 0.8,
    `the total loss of the 3 names went from ${plain(before)} to ${
      plain(after)
    } in 300 steps: expected a drop of at least 20%`,
  );
});

Deno.test("step1/10 train() with 0 steps changes nothing", () => {
  const model = initModel(4, 2, new PyRandom(4));
  const before = structuredClone(model);
  assertEquals(train(model, DOCS, { steps: 0, lr0: 1 }), []);
  assertEquals(model, before);
});
