import { assert, assertEquals, assertLess } from "@std/assert";
import { returnsNext, stub } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import type { Tokenizer } from "../../lessons/step1/01_tokenizer.ts";
import {
  initModel as initNumberModel,
  type Model as NumberModel,
} from "../../lessons/step1/02_parameters.ts";
import { mlp as numberMlp } from "../../lessons/step1/05_mlp.ts";
import {
  sample as numberSample,
  temperatureSoftmax,
} from "../../lessons/step1/11_sampling.ts";
import { fromNumbers } from "../../lessons/step2/04_parameters.ts";
import { sample } from "../../lessons/step2/07_sampling.ts";
import { assertVectorBitExact, plain } from "../_assert.ts";
import { softmax as numberSoftmax } from "../../lessons/step1/04_softmax.ts";

// The tokenizer lesson step1/01 builds for the names "a" and "b", written
// out; and the one for a to z.
const AB: Tokenizer = { chars: ["a", "b"], bos: 2, vocabSize: 3 };
const AZ: Tokenizer = {
  chars: [..."abcdefghijklmnopqrstuvwxyz"],
  bos: 26,
  vocabSize: 27,
};

/** A model whose logits are `logits` whatever the input token. */
function fixedLogitsModel(logits: number[]): NumberModel {
  // wte = 1, mlpFc1 = [[1]] → h = [1] for every token, so logits = mlpFc2 · [1].
  return {
    wte: [[1], [1], [1]],
    mlpFc1: [[1]],
    mlpFc2: logits.map((v) => [v]),
  };
}

Deno.test("step2/07 sample() draws with Step 1's probabilities at the given temperature, to the last bit", () => {
  // At temperature 0.7, div(v, 0.7) and mul(v, 1 / 0.7) give different
  // probabilities for these logits (at 0.5 they could not: 1 / 0.5 is
  // exact). Weights × 10, so the logits are large enough to show it.
  const temperature = 0.7;
  const numbers = initNumberModel(3, 2, new PyRandom(2));
  for (const row of [...numbers.wte, ...numbers.mlpFc1, ...numbers.mlpFc2]) {
    for (let j = 0; j < row.length; j++) row[j] *= 10;
  }
  const logitsOf = [2, 0, 1].map((token) => numberMlp(numbers, token));
  const byInverse = (logits: number[]) =>
    numberSoftmax(logits.map((v) => v * (1 / temperature)));
  assert(
    logitsOf.some((logits) =>
      byInverse(logits).some((p, j) =>
        p !== temperatureSoftmax(logits, temperature)[j]
      )
    ),
    "test set-up: these logits do not tell v / T from v * (1 / T)",
  );
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 2]));
  const name = sample(fromNumbers(numbers), AB, rng, {
    temperature,
    maxLength: 16,
  });
  assertEquals(name, "ab");
  assertEquals(draw.calls.length, 3, "draws for a, b and the closing BOS");
  const after = ["BOS", "a", "b"];
  logitsOf.forEach((logits, i) => {
    const probs = draw.calls[i].args[0];
    assert(
      probs.every((p) => typeof p === "number"),
      "weightedIndex() wants numbers (the Values' data)",
    );
    const ignored = probs.every((p, j) =>
      Math.abs(p - numberSoftmax(logits)[j]) <= 1e-15
    );
    assertVectorBitExact(probs, temperatureSoftmax(logits, temperature), {
      what: (j) =>
        `draw ${i} (after ${after[i]}), temperature ${plain(temperature)}: ` +
        `the probability handed to weightedIndex for token ${j}`,
      note: (ignored
        ? "These are the probabilities at temperature 1: sample() " +
          "ignores options.temperature. "
        : "") +
        "Divide each logit Value by the temperature with div(v, " +
        "temperature): mul(v, 1 / temperature) rounds differently. See " +
        "the note on rounding in lessons/step2/07_sampling.ts.",
    });
  });
});

Deno.test("step2/07 sample() stops as soon as it draws BOS", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([2]));
  const model = fromNumbers(fixedLogitsModel([0, 0, 0]));
  assertEquals(sample(model, AB, rng, { temperature: 1, maxLength: 16 }), "");
  assertEquals(
    draw.calls.length,
    1,
    "drawing BOS first must end the name at once, after 1 draw",
  );
});

Deno.test("step2/07 sample() stops at maxLength characters", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(20).fill(1)));
  const model = fromNumbers(fixedLogitsModel([0, 0, 0]));
  const name = sample(model, AB, rng, { temperature: 1, maxLength: 16 });
  assertEquals(name, "b".repeat(16));
  assertEquals(
    draw.calls.length,
    16,
    "weightedIndex calls for a name that reached maxLength 16: the 16th " +
      "character ends the name with no further draw",
  );
});

Deno.test("step2/07 sample() with a real generator follows the probabilities", () => {
  // BOS is never likely (logit -50), "b" is 4x as likely as "a".
  const model = fromNumbers(fixedLogitsModel([0, Math.log(4), -50]));
  const rng = new PyRandom(42);
  const names = Array.from(
    { length: 50 },
    () => sample(model, AB, rng, { temperature: 1, maxLength: 10 }),
  );
  assert(
    names.every((n) => n.length === 10),
    "every name should reach maxLength 10 (BOS has logit -50)",
  );
  const share = [...names.join("")].filter((c) => c === "b").length / 500;
  assertLess(
    Math.abs(share - 0.8),
    0.05,
    `the share of b among 500 drawn letters is ${plain(share)}, expected ` +
      "about 0.8 (b is 4 times as likely as a)",
  );
});

Deno.test("step2/07 sample() invents the same names as Step 1 from the same weights and seed", () => {
  const numbers = initNumberModel(27, 16, new PyRandom(42));
  const model = fromNumbers(numbers);
  const options = { temperature: 0.5, maxLength: 16 };
  const rng1 = new PyRandom(7);
  const rng2 = new PyRandom(7);
  const expected = Array.from(
    { length: 20 },
    () => numberSample(numbers, AZ, rng1, options),
  );
  const names = Array.from(
    { length: 20 },
    () => sample(model, AZ, rng2, options),
  );
  assertEquals(names, expected);
});
