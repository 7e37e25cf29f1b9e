import { assert, assertEquals } from "@std/assert";
import { addCounts, emptyCounts } from "../../lessons/step0/02_count_table.ts";
import { bigram } from "../../lessons/step0/03_model.ts";
import { assertClose, assertVectorClose, plain } from "../_assert.ts";

const SMOOTHING =
  "Add-one smoothing: p = (count + 1) / (rowSum + vocabSize), " +
  "vocabSize being the row's length.";

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
  assertVectorClose(bigram(counts, 1), [0.3, 0.1, 0.2, 0.4], {
    what: (j) => `p(next = ${j} | current = 1), row [2, 0, 1, 3],`,
    tol: 1e-15,
    note: SMOOTHING,
  });
  assertVectorClose(bigram(counts, 0), [0.25, 0.25, 0.25, 0.25], {
    what: (j) => `p(next = ${j} | current = 0), an empty row,`,
    tol: 0,
    note: SMOOTHING,
  });
});

Deno.test("step0/03 bigram() uses only the row of the current token", () => {
  const counts = [[5, 0, 0], [0, 0, 0], [0, 0, 9]];
  const row = (token: number) => (j: number) =>
    `p(next = ${j} | current = ${token})`;
  const note = "bigram(counts, t) reads only row t of the table.";
  assertVectorClose(bigram(counts, 1), [1 / 3, 1 / 3, 1 / 3], {
    what: row(1),
    tol: 1e-15,
    note,
  });
  assertVectorClose(bigram(counts, 0), [6 / 8, 1 / 8, 1 / 8], {
    what: row(0),
    tol: 1e-15,
    note,
  });
  assertVectorClose(bigram(counts, 2), [1 / 12, 1 / 12, 10 / 12], {
    what: row(2),
    tol: 1e-15,
    note,
  });
});

Deno.test("step0/03 bigram() gives every row positive probabilities that sum to 1", () => {
  const counts = emptyCounts(5);
  for (const ids of [[0, 1, 2], [3, 3], [1], [2, 0, 0, 0, 1], []]) {
    addCounts(counts, [4, ...ids, 4]);
  }
  for (let token = 0; token < 5; token++) {
    const probs = bigram(counts, token);
    assert(
      probs.every((p) => p > 0),
      `p(next | current = ${token}) has a probability that is not above 0: ` +
        `${probs.map(plain).join(", ")}`,
    );
    assertClose(sum(probs), 1, {
      what: `the sum of p(next | current = ${token})`,
      tol: 1e-12,
      note: SMOOTHING,
    });
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
  assertClose(probs[0], 0.9, {
    what: "p(next = 0), seen 9000 times,",
    tol: 1e-3,
  });
  assertClose(probs[1], 0.1, {
    what: "p(next = 1), seen 1000 times,",
    tol: 1e-3,
  });
});

Deno.test("step0/03 bigram() leaves the table unchanged", () => {
  const counts = [[1, 2], [3, 4]];
  bigram(counts, 0);
  bigram(counts, 1);
  assertEquals(counts, [[1, 2], [3, 4]]);
});
