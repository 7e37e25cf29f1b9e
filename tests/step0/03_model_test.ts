import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { addCounts, emptyCounts } from "../../lessons/step0/02_count_table.ts";
import { bigram } from "../../lessons/step0/03_model.ts";
import { assertAllClose } from "../_helpers.ts";

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

Deno.test("step0/03 bigram() of an empty table is uniform: 1/vocabSize each", () => {
  const counts = emptyCounts(27);
  for (const token of [0, 13, 26]) {
    const probs = bigram(counts, token);
    assertEquals(probs.length, 27);
    assert(
      probs.every((p) => p === 1 / 27),
      `expected every probability to be 1/27, found ${probs}`,
    );
  }
});

Deno.test("step0/03 bigram() adds one to every count: (count + 1) / (rowSum + vocabSize)", () => {
  // Row 1 is [2, 0, 1, 3]: rowSum 6, vocabSize 4, so the total is 10.
  const counts = [[0, 0, 0, 0], [2, 0, 1, 3], [0, 0, 0, 0], [0, 0, 0, 0]];
  assertAllClose(bigram(counts, 1), [0.3, 0.1, 0.2, 0.4], 1e-15, "probs");
  assertAllClose(bigram(counts, 0), [0.25, 0.25, 0.25, 0.25], 0, "probs");
});

Deno.test("step0/03 bigram() uses only the row of the current token", () => {
  const counts = [[5, 0, 0], [0, 0, 0], [0, 0, 9]];
  assertAllClose(bigram(counts, 1), [1 / 3, 1 / 3, 1 / 3], 1e-15, "row 1");
  assertAllClose(bigram(counts, 0), [6 / 8, 1 / 8, 1 / 8], 1e-15, "row 0");
  assertAllClose(bigram(counts, 2), [1 / 12, 1 / 12, 10 / 12], 1e-15, "row 2");
});

Deno.test("step0/03 bigram() gives every row positive probabilities that sum to 1", () => {
  const counts = emptyCounts(5);
  for (const ids of [[0, 1, 2], [3, 3], [1], [2, 0, 0, 0, 1], []]) {
    addCounts(counts, [4, ...ids, 4]);
  }
  for (let token = 0; token < 5; token++) {
    const probs = bigram(counts, token);
    assert(probs.every((p) => p > 0), `row ${token} has ${probs}`);
    assertAlmostEquals(
      sum(probs),
      1,
      1e-12,
      `row ${token} sums to ${sum(probs)}`,
    );
  }
});

Deno.test("step0/03 bigram() never rules out an unseen pair, and trusts large counts", () => {
  const counts = [[9000, 1000, 0], [0, 0, 0], [0, 0, 0]];
  const probs = bigram(counts, 0);
  assertEquals(
    probs[2],
    1 / 10003,
    "an unseen pair keeps 1 / (rowSum + vocabSize)",
  );
  assertAlmostEquals(probs[0], 0.9, 1e-3);
  assertAlmostEquals(probs[1], 0.1, 1e-3);
});

Deno.test("step0/03 bigram() leaves the table unchanged", () => {
  const counts = [[1, 2], [3, 4]];
  bigram(counts, 0);
  bigram(counts, 1);
  assertEquals(counts, [[1, 2], [3, 4]]);
});
