import { assertEquals, assertLess } from "@std/assert";
import { assertClose, plain } from "../_assert.ts";
import { addCounts, emptyCounts } from "../../lessons/step0/02_count_table.ts";
import { crossEntropy, forward } from "../../lessons/step0/04_loss.ts";

// Letters a = 0, b = 1 and BOS = 2.
const AB = [2, 0, 1, 2];
const BA = [2, 1, 0, 2];
const A = [2, 0, 2];

Deno.test("step0/04 crossEntropy() is -log of the target's probability", () => {
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

Deno.test("step0/04 forward() of an empty table is ln(vocabSize): ln 27 ≈ 3.2958", () => {
  // A name of n + 1 tokens has n predictions: the loss is their mean.
  const slips = (loss: number, n: number) => [
    { gives: loss * n, says: "the sum of the losses, not their mean" },
    {
      gives: loss * n / (n + 1),
      says: `the sum divided by tokens.length (${
        n + 1
      }), not by the ${n} predictions, n = tokens.length - 1`,
    },
  ];
  const counts = emptyCounts(27);
  const loss = forward(counts, [26, 0, 21, 0, 26]);
  assertClose(loss, Math.log(27), {
    what: 'the loss of "ava" under an empty table of 27 tokens (ln 27)',
    tol: 1e-12,
    mistakes: slips(Math.log(27), 4),
  });
  assertEquals(loss.toFixed(4), "3.2958");
  assertClose(forward(emptyCounts(5), [4, 0, 4]), Math.log(5), {
    what: 'the loss of "a" under an empty table of 5 tokens (ln 5)',
    tol: 1e-12,
    mistakes: slips(Math.log(5), 2),
  });
});

Deno.test("step0/04 forward() is a mean: an empty table scores short and long names alike", () => {
  const counts = emptyCounts(27);
  for (
    const tokens of [[26, 26], [26, 1, 26], [26, ...new Array(15).fill(7), 26]]
  ) {
    assertClose(forward(counts, tokens), Math.log(27), {
      what: `the loss of a name of ${tokens.length - 2} letters (empty table)`,
      tol: 1e-12,
      note: "The loss of a name is the mean over its n = tokens.length - 1 " +
        "positions, not the sum.",
    });
  }
});

Deno.test("step0/04 forward() after counting ab (worked by hand)", () => {
  // After "ab", rows BOS, a and b each hold one count: total 1 + 3 = 4, so a
  // seen pair has probability 2/4 and an unseen one 1/4.
  const counts = emptyCounts(3);
  addCounts(counts, AB);
  // ab: BOS→a, a→b, b→BOS are all seen: ln 2 at each of the 3 positions.
  assertClose(forward(counts, AB), Math.log(2), {
    what: 'the loss of "ab" after counting "ab" (ln 2)',
    tol: 1e-12,
  });
  // ba: BOS→b, b→a, a→BOS are all unseen: ln 4 at each position.
  assertClose(forward(counts, BA), Math.log(4), {
    what: 'the loss of "ba" after counting "ab" (ln 4)',
    tol: 1e-12,
  });
  // a: BOS→a seen (ln 2), a→BOS unseen (ln 4); the mean of the two.
  assertClose(forward(counts, A), (Math.log(2) + Math.log(4)) / 2, {
    what: 'the loss of "a" after counting "ab" ((ln 2 + ln 4) / 2)',
    tol: 1e-12,
  });
});

Deno.test("step0/04 forward() falls once the name has been counted", () => {
  const counts = emptyCounts(27);
  const emma = [26, 4, 12, 12, 0, 26];
  const before = forward(counts, emma);
  addCounts(counts, emma);
  const after = forward(counts, emma);
  assertLess(
    after,
    before,
    `the loss of "emma" went from ${plain(before)} to ${
      plain(after)
    } when the table counted it`,
  );
});

Deno.test("step0/04 forward() leaves the table unchanged", () => {
  const counts = emptyCounts(3);
  addCounts(counts, AB);
  const before = structuredClone(counts);
  forward(counts, BA);
  assertEquals(counts, before);
});
