import { assert, assertEquals } from "@std/assert";
import { assertListEquals } from "../_assert.ts";
import {
  addCounts,
  bigrams,
  emptyCounts,
} from "../../lessons/step0/02_count_table.ts";

// Tokens for a 3-letter alphabet a, b, c (ids 0, 1, 2) and BOS = 3.
const BOS = 3;

function total(counts: number[][]): number {
  return counts.flat().reduce((sum, c) => sum + c, 0);
}

Deno.test("step0/02 emptyCounts() is a vocabSize × vocabSize table of zeros", () => {
  assertEquals(emptyCounts(3), [[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  const counts = emptyCounts(27);
  assertEquals(counts.length, 27);
  assertEquals(counts.every((row) => row.length === 27), true);
  assertEquals(counts.flat().length, 729);
  assertEquals(total(counts), 0);
});

Deno.test("step0/02 emptyCounts() gives every row its own array", () => {
  const counts = emptyCounts(3);
  assert(counts[0] !== counts[1], "rows 0 and 1 are the same array");
  counts[0][1] = 5;
  assertEquals(counts, [[0, 5, 0], [0, 0, 0], [0, 0, 0]]);
});

Deno.test("step0/02 bigrams() pairs every token with the next one, BOS included", () => {
  // "abc": BOS→a, a→b, b→c, c→BOS.
  assertListEquals(bigrams([BOS, 0, 1, 2, BOS]), [
    [BOS, 0],
    [0, 1],
    [1, 2],
    [2, BOS],
  ], { what: (i) => `bigram ${i} of "abc" (tokens ${i} and ${i + 1})` });
  assertEquals(bigrams([BOS, BOS]), [[BOS, BOS]]);
});

Deno.test("step0/02 bigrams() of a name of k letters has k + 1 pairs", () => {
  for (let k = 0; k < 6; k++) {
    const tokens = [BOS, ...new Array(k).fill(1), BOS];
    assertEquals(
      bigrams(tokens).length,
      k + 1,
      `a name of ${k} letters (${k + 2} tokens with BOS) has ${k + 1} bigrams`,
    );
  }
});

Deno.test("step0/02 addCounts() counts BOS→first, each inner pair and last→BOS", () => {
  // "cab" (c = 2, a = 0, b = 1): BOS→c, c→a, a→b, b→BOS, one each.
  const counts = emptyCounts(4);
  addCounts(counts, [BOS, 2, 0, 1, BOS]);
  assertListEquals(counts, [
    [0, 1, 0, 0],
    [0, 0, 0, 1],
    [1, 0, 0, 0],
    [0, 0, 1, 0],
  ], {
    what: (i) =>
      `row ${i} of the table (what followed ${"abc"[i] ?? "BOS"} in "cab")`,
  });
});

Deno.test("step0/02 addCounts() adds up: a pair seen twice counts 2", () => {
  const counts = emptyCounts(4);
  addCounts(counts, [BOS, 0, 0, 0, BOS]); // "aaa": a→a twice in one name
  assertEquals(counts[0][0], 2, 'a→a in "aaa": counts[0][0] must be 2');
  addCounts(counts, [BOS, 0, BOS]); // "a" once more
  assertEquals(counts[BOS][0], 2, "two names start with a");
  assertEquals(counts[0][BOS], 2, "two names end with a");
  assertEquals(counts[0][0], 2, "counting a second name reset a→a");
  assertEquals(
    total(counts),
    4 + 2,
    'the table\'s total count after "aaa" (4 bigrams) and "a" (2)',
  );
});

Deno.test("step0/02 addCounts() row BOS counts first letters, column BOS last letters", () => {
  const names = [[0, 1], [0, 2], [1, 2, 2], [2]];
  const counts = emptyCounts(4);
  for (const ids of names) addCounts(counts, [BOS, ...ids, BOS]);
  assertListEquals(counts[BOS], [2, 1, 1, 0], {
    what: (j) => `counts[BOS][${j}], names starting with ${"abc"[j] ?? "BOS"},`,
  });
  assertListEquals(counts.map((row) => row[BOS]), [0, 1, 3, 0], {
    what: (i) => `counts[${i}][BOS], names ending with ${"abc"[i] ?? "BOS"},`,
  });
  // One count per bigram: (letters + 1) for every name.
  assertEquals(
    total(counts),
    3 + 3 + 4 + 2,
    "the table's total count: one per bigram, (letters + 1) per name",
  );
});
