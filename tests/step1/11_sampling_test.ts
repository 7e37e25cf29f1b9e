import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertGreater,
  assertLess,
} from "@std/assert";
import { assertSpyCalls, returnsNext, stub } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import type { Tokenizer } from "../../lessons/step1/01_tokenizer.ts";
import { initModel, type Model } from "../../lessons/step1/02_parameters.ts";
import { softmax } from "../../lessons/step1/04_softmax.ts";
import { mlp } from "../../lessons/step1/05_mlp.ts";
import { sample, temperatureSoftmax } from "../../lessons/step1/11_sampling.ts";
import { assertAllClose } from "../_helpers.ts";

const LOGITS = [2, 1, 0.5, -1];

function entropy(probs: number[]): number {
  return -probs.reduce((sum, p) => sum + (p > 0 ? p * Math.log(p) : 0), 0);
}

Deno.test("step1/11 temperatureSoftmax() at temperature 1 is plain softmax", () => {
  assertAllClose(
    temperatureSoftmax(LOGITS, 1),
    softmax(LOGITS),
    1e-15,
    "probs",
  );
});

Deno.test("step1/11 temperatureSoftmax() divides the logits by the temperature", () => {
  assertAllClose(
    temperatureSoftmax(LOGITS, 0.5),
    softmax(LOGITS.map((v) => v * 2)),
    1e-15,
    "probs",
  );
});

Deno.test("step1/11 a low temperature concentrates probability on the top token", () => {
  const temperatures = [2, 1, 0.5, 0.1];
  const top = temperatures.map((t) => temperatureSoftmax(LOGITS, t)[0]);
  for (let i = 1; i < top.length; i++) assertGreater(top[i], top[i - 1]);
  assertAlmostEquals(temperatureSoftmax(LOGITS, 0.01)[0], 1, 1e-12);
});

Deno.test("step1/11 a high temperature flattens towards uniform", () => {
  assertGreater(
    entropy(temperatureSoftmax(LOGITS, 3)),
    entropy(temperatureSoftmax(LOGITS, 1)),
  );
  assertAllClose(
    temperatureSoftmax(LOGITS, 1e6),
    [0.25, 0.25, 0.25, 0.25],
    1e-6,
    "probs",
  );
});

// The tokenizer lesson 01 builds for the names "a" and "b", written out so
// these tests need only lesson 11 (and what it calls).
const TOKENIZER: Tokenizer = { chars: ["a", "b"], bos: 2, vocabSize: 3 };

function fixedLogitsModel(logits: number[]): Model {
  // wte = 1, mlpFc1 = [[1]] → h = [1] for every token, so logits = mlpFc2 · [1].
  return {
    wte: [[1], [1], [1]],
    mlpFc1: [[1]],
    mlpFc2: logits.map((v) => [v]),
  };
}

Deno.test("step1/11 sample() starts from BOS and draws with the model's probabilities", () => {
  const model = initModel(3, 2, new PyRandom(9));
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 2]));
  assertEquals(
    sample(model, TOKENIZER, rng, { temperature: 0.5, maxLength: 16 }),
    "ab",
  );
  assertSpyCalls(draw, 3);
  const expected = [2, 0, 1].map((token) =>
    temperatureSoftmax(mlp(model, token), 0.5)
  );
  for (let i = 0; i < 3; i++) {
    assertAllClose(
      draw.calls[i].args[0] as number[],
      expected[i],
      1e-15,
      `draw ${i} probs`,
    );
  }
});

Deno.test("step1/11 sample() stops as soon as it draws BOS", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([2]));
  assertEquals(
    sample(fixedLogitsModel([0, 0, 0]), TOKENIZER, rng, {
      temperature: 1,
      maxLength: 16,
    }),
    "",
  );
  assertSpyCalls(draw, 1);
});

Deno.test("step1/11 sample() stops at maxLength characters", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(20).fill(0)));
  const name = sample(fixedLogitsModel([0, 0, 0]), TOKENIZER, rng, {
    temperature: 1,
    maxLength: 16,
  });
  assertEquals(name, "a".repeat(16));
  assertSpyCalls(draw, 16);
});

Deno.test("step1/11 sample() with a real generator follows the probabilities", () => {
  // BOS is never likely (logit -50), "b" is 4x as likely as "a": the names run
  // to maxLength, with roughly 80% b's.
  const model = fixedLogitsModel([0, Math.log(4), -50]);
  const rng = new PyRandom(42);
  const names = Array.from(
    { length: 50 },
    () => sample(model, TOKENIZER, rng, { temperature: 1, maxLength: 10 }),
  );
  assert(
    names.every((n) => n.length === 10),
    "every name should reach maxLength",
  );
  const share = [...names.join("")].filter((c) => c === "b").length / 500;
  assertLess(Math.abs(share - 0.8), 0.05, `share of b is ${share}`);
});

Deno.test("step1/11 sample() repeats itself for the same seed", () => {
  const model = initModel(3, 2, new PyRandom(9));
  const run = () => {
    const rng = new PyRandom(5);
    return Array.from(
      { length: 5 },
      () => sample(model, TOKENIZER, rng, { temperature: 1, maxLength: 16 }),
    );
  };
  assertEquals(run(), run());
});
