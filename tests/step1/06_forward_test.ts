import { assertEquals } from "@std/assert";
import { assertBitExact, assertClose } from "../_assert.ts";
import { PyRandom } from "../../support/random.ts";
import { initModel, zerosLike } from "../../lessons/step1/02_parameters.ts";
import { softmax } from "../../lessons/step1/04_softmax.ts";
import { mlp } from "../../lessons/step1/05_mlp.ts";
import { crossEntropy, forward } from "../../lessons/step1/06_forward.ts";
import { HAND_MODEL } from "./_fixtures.ts";

Deno.test("step1/06 crossEntropy() is -log of the target's probability", () => {
  const what = (probs: number[], target: number) =>
    `crossEntropy([${probs}], ${target}), -log(${probs[target]}),`;
  assertClose(crossEntropy([0.25, 0.75], 1), -Math.log(0.75), {
    what: what([0.25, 0.75], 1),
    tol: 1e-15,
  });
  assertClose(crossEntropy([0.25, 0.75], 0), Math.log(4), {
    what: what([0.25, 0.75], 0),
    tol: 1e-15,
  });
  assertClose(crossEntropy([0, 1, 0], 1), 0, {
    what: what([0, 1, 0], 1),
    tol: 1e-15,
  });
  assertEquals(
    crossEntropy([1, 0], 1),
    Infinity,
    "crossEntropy([1, 0], 1), -log(0), must be Infinity",
  );
});

Deno.test("step1/06 forward() averages the loss over the positions (worked by hand)", () => {
  // tokens [1, 0, 1]: position 0 predicts 0 from 1, position 1 predicts 1 from 0.
  // Logits for token 1 are [10, 0, 0]; for token 0 they are [1, 0, 2].
  const e = Math.E;
  const loss0 = -Math.log(e ** 10 / (e ** 10 + 2));
  const loss1 = -Math.log(1 / (e + 1 + e * e));
  const note = "The loss of a name is the mean of -log p(target) over its " +
    "n = tokens.length - 1 positions; position i predicts tokens[i + 1] " +
    "from tokens[i].";
  assertClose(forward(HAND_MODEL, [1, 0, 1]), (loss0 + loss1) / 2, {
    what: "the loss of tokens [1, 0, 1] under HAND_MODEL (2 positions)",
    tol: 1e-12,
    note,
    mistakes: [
      { gives: loss0 + loss1, says: "the sum of the losses, not their mean" },
      {
        gives: (loss0 + loss1) / 3,
        says: "the sum divided by tokens.length (3), not by the 2 positions",
      },
    ],
  });
  assertClose(forward(HAND_MODEL, [1, 0]), loss0, {
    what: "the loss of tokens [1, 0] under HAND_MODEL (1 position)",
    tol: 1e-12,
    note,
  });
});

Deno.test("step1/06 forward() of an all-zero model is exactly ln(vocabSize)", () => {
  const zero = zerosLike(initModel(27, 16, new PyRandom(1)));
  assertClose(forward(zero, [26, 0, 21, 0, 26]), Math.log(27), {
    what: 'the loss of "ava" under an all-zero model (ln 27)',
    tol: 1e-12,
  });
});

Deno.test("step1/06 forward() starts near ln 27 ≈ 3.2958 with small random weights", () => {
  const model = initModel(27, 16, new PyRandom(42));
  assertClose(forward(model, [26, 0, 21, 0, 26]), Math.log(27), {
    what: 'the loss of "ava" with seed 42\'s random weights (near ln 27)',
    tol: 0.05,
  });
});

Deno.test("step1/06 forward() takes the mean as (1 / n) * sum, like the guide, to the last bit", () => {
  // For [0, 0, 0, 0], (1 / 3) * sum and sum / 3 differ in the last bit; the
  // guide's Python (and Step 2) compute (1 / n) * sum.
  const perPosition = crossEntropy(softmax(mlp(HAND_MODEL, 0)), 0);
  const sum = 0 + perPosition + perPosition + perPosition;
  assertBitExact(forward(HAND_MODEL, [0, 0, 0, 0]), (1 / 3) * sum, {
    what: "the loss of tokens [0, 0, 0, 0] under HAND_MODEL",
    note: "This test wants the mean as (1 / n) * sum, with the sum added " +
      "from 0 in position order: sum / n rounds differently. See the note " +
      "on the mean in lessons/step1/06_forward.ts.",
  });
});
