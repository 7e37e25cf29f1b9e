import { assert, assertEquals, assertLess } from "@std/assert";
import { assertSpyCalls, returnsNext, stub } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import type { Tokenizer } from "../../lessons/step0/01_tokenizer.ts";
import { addCounts, emptyCounts } from "../../lessons/step0/02_count_table.ts";
import { bigram } from "../../lessons/step0/03_model.ts";
import { sample } from "../../lessons/step0/06_sampling.ts";
import { assertVectorClose } from "../_assert.ts";

// A tokenizer for "a", "b" with BOS = 2 (built by hand: lesson 01 stays out of it).
const TOKENIZER: Tokenizer = { chars: ["a", "b"], bos: 2, vocabSize: 3 };
const BOS = 2;

/** A table that has seen "ab", "abb" and "b". */
function trainedCounts(): number[][] {
  const counts = emptyCounts(3);
  for (const tokens of [[BOS, 0, 1, BOS], [BOS, 0, 1, 1, BOS], [BOS, 1, BOS]]) {
    addCounts(counts, tokens);
  }
  return counts;
}

Deno.test("step0/06 sample() starts from BOS and draws with the model's probabilities", () => {
  const counts = trainedCounts();
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 1, BOS]));
  assertEquals(sample(counts, TOKENIZER, rng, { maxLength: 16 }), "abb");
  assertSpyCalls(draw, 4);
  // Each draw gets the probabilities after the token drawn before it.
  const expected = [BOS, 0, 1, 1].map((token) => bigram(counts, token));
  const after = ["BOS", "a", "b", "b"];
  for (let i = 0; i < 4; i++) {
    assertVectorClose(draw.calls[i].args[0] as number[], expected[i], {
      what: (j) =>
        `draw ${i} (after ${after[i]}): the probability handed to ` +
        `weightedIndex for token ${j}`,
      tol: 1e-15,
      note: "Each draw uses bigram(counts, token) of the token drawn just " +
        "before (BOS for the first).",
    });
  }
});

Deno.test("step0/06 sample() stops as soon as it draws BOS", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([BOS]));
  assertEquals(sample(trainedCounts(), TOKENIZER, rng, { maxLength: 16 }), "");
  assertEquals(
    draw.calls.length,
    1,
    "drawing BOS first must end the name at once, after 1 draw",
  );
});

Deno.test("step0/06 sample() stops at maxLength characters, without a further draw", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(20).fill(1)));
  const name = sample(emptyCounts(3), TOKENIZER, rng, { maxLength: 16 });
  assertEquals(name, "b".repeat(16));
  // A 17th draw would shift every later name off the guide's.
  assertEquals(
    draw.calls.length,
    16,
    "weightedIndex calls for a name that reached maxLength 16: the 16th " +
      "character ends the name with no further draw (one draw per " +
      "character; a 17th draw would shift every later name off the guide's)",
  );
});

Deno.test("step0/06 sample() with a real generator follows the probabilities", () => {
  // Only row BOS has counts: a name starts with b with probability 4/6, with
  // a 1/6, and is empty 1/6 of the time.
  const counts = emptyCounts(3);
  counts[BOS][1] = 3;
  const rng = new PyRandom(42);
  const firsts = Array.from(
    { length: 600 },
    () => sample(counts, TOKENIZER, rng, { maxLength: 1 }),
  );
  assert(firsts.every((n) => n.length <= 1), "maxLength 1 was exceeded");
  const share = (s: string) => firsts.filter((n) => n === s).length / 600;
  assertLess(Math.abs(share("b") - 4 / 6), 0.05, `share of b is ${share("b")}`);
  assertLess(Math.abs(share("a") - 1 / 6), 0.05, `share of a is ${share("a")}`);
  assertLess(Math.abs(share("") - 1 / 6), 0.05, `share of "" is ${share("")}`);
});

Deno.test("step0/06 sample() repeats itself for the same seed", () => {
  const counts = trainedCounts();
  const run = () => {
    const rng = new PyRandom(5);
    return Array.from(
      { length: 8 },
      () => sample(counts, TOKENIZER, rng, { maxLength: 16 }),
    );
  };
  const names = run();
  assertEquals(run(), names);
  assert(new Set(names).size > 1, `expected different names, found ${names}`);
});

Deno.test("step0/06 sample() leaves the table unchanged", () => {
  const counts = trainedCounts();
  const rng = new PyRandom(3);
  for (let i = 0; i < 5; i++) sample(counts, TOKENIZER, rng, { maxLength: 16 });
  assertEquals(counts, trainedCounts());
});
