import { assert, assertEquals } from "@std/assert";
import { AssertionError } from "@std/assert";
import { assertSpyCalls, returnsNext, stub } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import type { Tokenizer } from "../../lessons/step1/01_tokenizer.ts";
import { initModel } from "../../lessons/step3/02_parameters.ts";
import { emptyCache, gpt } from "../../lessons/step3/05_gpt.ts";
import { sample } from "../../lessons/step3/07_sampling.ts";
import { assertVectorClose, data, decimal } from "./_fixtures.ts";

// The tokenizer lesson step1/01 builds for a to z, written out.
const AZ: Tokenizer = {
  chars: [..."abcdefghijklmnopqrstuvwxyz"],
  bos: 26,
  vocabSize: 27,
};

/** softmax(logits · (1/T)) on plain numbers: the probabilities to draw from. */
function probabilities(logits: number[], temperature: number): number[] {
  const scaled = logits.map((l) => l * temperature ** -1);
  const max = Math.max(...scaled);
  const exps = scaled.map((l) => Math.exp(l - max));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

Deno.test("step3/07 sample() draws from softmax(logits / temperature) of gpt() at each position", () => {
  const model = initModel(27, new PyRandom(9));
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 26]));
  assertEquals(
    sample(model, AZ, rng, { temperature: 0.5, maxLength: 16 }),
    "ab",
  );
  assertSpyCalls(draw, 3);
  const cache = emptyCache();
  [26, 0, 1].forEach((token, pos) => {
    const probs = draw.calls[pos].args[0];
    assert(
      probs.every((p) => typeof p === "number"),
      "weightedIndex() wants numbers (the Values' data)",
    );
    const expected = probabilities(data(gpt(model, token, pos, cache)), 0.5);
    assertVectorClose(
      probs,
      expected,
      1e-15,
      `probabilities of draw ${pos} (token ${token} at position ${pos}, temperature 0.5)`,
    );
  });
});

Deno.test("step3/07 sample() invents CPython's names from the untrained seed-42 model", () => {
  // python3, GUIDE.md's sampling loop: random.seed(42), the nine matrices,
  // then 5 names at temperature 0.5 with random.choices. The third one runs
  // into blockSize: 16 letters, no BOS.
  const rng = new PyRandom(42);
  const model = initModel(27, rng);
  const names = Array.from(
    { length: 5 },
    () => sample(model, AZ, rng, { temperature: 0.5, maxLength: 16 }),
  );
  assertEquals(names, [
    "",
    "ffobunoomte",
    "vmtafriqfqgmsmof",
    "vivffdmgbiglkd",
    "cvbm",
  ]);
});

Deno.test("step3/07 sample() stops as soon as it draws BOS", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([26]));
  assertEquals(
    sample(initModel(27, new PyRandom(2)), AZ, rng, {
      temperature: 1,
      maxLength: 16,
    }),
    "",
  );
  assertSpyCalls(draw, 1);
});

Deno.test("step3/07 sample() stops at maxLength characters", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(20).fill(4)));
  assertEquals(
    sample(initModel(27, new PyRandom(3)), AZ, rng, {
      temperature: 1,
      maxLength: 5,
    }),
    "eeeee",
  );
  assertSpyCalls(draw, 5);
});

Deno.test("step3/07 sampling stops at blockSize (16 positions), even with a larger maxLength", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(40).fill(4)));
  let name: string;
  try {
    name = sample(initModel(27, new PyRandom(4)), AZ, rng, {
      temperature: 1,
      maxLength: 30,
    });
  } catch (error) {
    if (error instanceof Error && error.name === "NotImplementedError") {
      throw error;
    }
    throw new AssertionError(
      `sample() with maxLength 30 failed: there are only 16 position embeddings, so stop after min(maxLength, blockSize) = 16 positions (${error})`,
    );
  }
  assertEquals(name, "e".repeat(16), "16 letters, then no position left");
  assertSpyCalls(draw, 16);
});

Deno.test("step3/07 each sample starts from a fresh cache", () => {
  // The same draws twice: the second name must see the same probabilities
  // as the first. A cache kept from the first name changes them.
  const model = initModel(27, new PyRandom(5));
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 26, 0, 1, 26]));
  const options = { temperature: 0.5, maxLength: 16 };
  assertEquals([
    sample(model, AZ, rng, options),
    sample(model, AZ, rng, options),
  ], ["ab", "ab"]);
  for (let i = 0; i < 3; i++) {
    const first = draw.calls[i].args[0];
    const second = draw.calls[i + 3].args[0];
    const k = first.findIndex((p, j) => p !== second[j]);
    if (k === -1) continue;
    throw new AssertionError(
      `draw ${i} of the second name differs from draw ${i} of the first (same model, same tokens): probability of token ${k} is ${
        decimal(second[k], 10)
      }, was ${
        decimal(first[k], 10)
      }. Each name needs its own emptyCache(): the second name attended to the first one's keys`,
    );
  }
});
