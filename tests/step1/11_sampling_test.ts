import { assert, assertEquals, assertGreater, assertLess } from "@std/assert";
import { assertSpyCalls, returnsNext, stub } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import type { Tokenizer } from "../../lessons/step1/01_tokenizer.ts";
import { initModel, type Model } from "../../lessons/step1/02_parameters.ts";
import { softmax } from "../../lessons/step1/04_softmax.ts";
import { mlp } from "../../lessons/step1/05_mlp.ts";
import { sample, temperatureSoftmax } from "../../lessons/step1/11_sampling.ts";
import {
  assertClose,
  assertVectorBitExact,
  assertVectorClose,
  plain,
} from "../_assert.ts";

const LOGITS = [2, 1, 0.5, -1];

function entropy(probs: number[]): number {
  return -probs.reduce((sum, p) => sum + (p > 0 ? p * Math.log(p) : 0), 0);
}

Deno.test("step1/11 temperatureSoftmax() at temperature 1 is plain softmax", () => {
  assertVectorClose(temperatureSoftmax(LOGITS, 1), softmax(LOGITS), {
    what: (i) => `temperatureSoftmax([${LOGITS}], 1)[${i}]`,
    tol: 1e-15,
  });
});

Deno.test("step1/11 temperatureSoftmax() divides the logits by the temperature", () => {
  assertVectorClose(
    temperatureSoftmax(LOGITS, 0.5),
    softmax(LOGITS.map((v) => v * 2)),
    {
      what: (i) =>
        `temperatureSoftmax([${LOGITS}], 0.5)[${i}] (softmax of the logits × 2)`,
      tol: 1e-15,
      note: "Divide every logit by the temperature, then softmax.",
    },
  );
});

Deno.test("step1/11 temperatureSoftmax() divides each logit by the temperature, to the last bit", () => {
  // At 0.7, v / 0.7 and v * (1 / 0.7) differ in the last bit for 0.3 and
  // -1.7; Step 2 compares its samples with these probabilities bit for bit.
  const logits = [0.3, -1.7, 2.9, 0.1];
  const t = 0.7;
  assertVectorBitExact(
    temperatureSoftmax(logits, t),
    softmax(logits.map((v) => v / t)),
    {
      what: (i) => `temperatureSoftmax([${logits}], 0.7)[${i}]`,
      note: "This test wants exactly softmax(logits.map((v) => v / " +
        "temperature)): multiplying by 1 / temperature rounds differently. " +
        "See the note on rounding in lessons/step1/11_sampling.ts.",
    },
  );
});

Deno.test("step1/11 a low temperature concentrates probability on the top token", () => {
  const temperatures = [2, 1, 0.5, 0.1];
  const top = temperatures.map((t) => temperatureSoftmax(LOGITS, t)[0]);
  for (let i = 1; i < top.length; i++) {
    assertGreater(
      top[i],
      top[i - 1],
      `the top token's probability at temperature ${temperatures[i]} ` +
        `(${plain(top[i])}) should be above the one at ` +
        `${temperatures[i - 1]} (${plain(top[i - 1])})`,
    );
  }
  assertClose(temperatureSoftmax(LOGITS, 0.01)[0], 1, {
    what: "the top token's probability at temperature 0.01",
    tol: 1e-12,
  });
});

Deno.test("step1/11 a high temperature flattens towards uniform", () => {
  assertGreater(
    entropy(temperatureSoftmax(LOGITS, 3)),
    entropy(temperatureSoftmax(LOGITS, 1)),
    "the probabilities at temperature 3 should be flatter (higher " +
      "entropy) than at temperature 1",
  );
  assertVectorClose(temperatureSoftmax(LOGITS, 1e6), [0.25, 0.25, 0.25, 0.25], {
    what: (i) => `temperatureSoftmax([${LOGITS}], 1000000)[${i}]`,
    tol: 1e-6,
  });
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

/**
 * Samples "ab" with draws stubbed to a, b, BOS at `temperature`, and checks
 * each draw's probabilities: those of the token drawn before, at that
 * temperature. When they are the probabilities at temperature 1 instead,
 * the failure says the temperature was ignored.
 */
function checkDraws(temperature: number): void {
  const model = initModel(3, 2, new PyRandom(9));
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 2]));
  assertEquals(
    sample(model, TOKENIZER, rng, { temperature, maxLength: 16 }),
    "ab",
  );
  assertEquals(draw.calls.length, 3, "draws for a, b and the closing BOS");
  const after = ["BOS", "a", "b"];
  [2, 0, 1].forEach((token, i) => {
    const probs = draw.calls[i].args[0] as number[];
    const logits = mlp(model, token);
    const ignored = temperature !== 1 &&
      probs.every((p, j) => Math.abs(p - softmax(logits)[j]) <= 1e-15);
    assertVectorClose(probs, temperatureSoftmax(logits, temperature), {
      what: (j) =>
        `draw ${i} (after ${after[i]}), temperature ${temperature}: the ` +
        `probability handed to weightedIndex for token ${j}`,
      tol: 1e-15,
      note: (ignored
        ? "These are the probabilities at temperature 1: sample() " +
          "ignores options.temperature. "
        : "") +
        "Each draw uses temperatureSoftmax(mlp(model, token), " +
        "options.temperature) for the token drawn just before (BOS first).",
    });
  });
}

Deno.test("step1/11 sample() starts from BOS and draws with the model's probabilities (temperature 1)", () => {
  checkDraws(1);
});

Deno.test("step1/11 sample() draws from temperatureSoftmax(logits, options.temperature) every time (temperature 0.5)", () => {
  checkDraws(0.5);
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
  assertEquals(
    draw.calls.length,
    16,
    "weightedIndex calls for a name that reached maxLength 16: the 16th " +
      "character ends the name with no further draw",
  );
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
    "every name should reach maxLength 10 (BOS has logit -50), found " +
      JSON.stringify(names.slice(0, 3)) + "…",
  );
  const share = [...names.join("")].filter((c) => c === "b").length / 500;
  assertLess(
    Math.abs(share - 0.8),
    0.05,
    `the share of b among 500 drawn letters is ${plain(share)}, expected ` +
      "about 0.8 (b is 4 times as likely as a)",
  );
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
