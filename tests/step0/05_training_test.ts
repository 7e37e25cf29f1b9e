import { assertEquals, assertLess } from "@std/assert";
import {
  assertClose,
  assertListEquals,
  assertVectorClose,
  plain,
} from "../_assert.ts";
import { spy } from "@std/testing/mock";
import { addCounts, emptyCounts } from "../../lessons/step0/02_count_table.ts";
import { forward } from "../../lessons/step0/04_loss.ts";
import { type StepInfo, train } from "../../lessons/step0/05_training.ts";

// Three tiny "names" over a vocabulary of 3 letters + BOS (id 3).
const DOCS = [[3, 0, 1, 3], [3, 2, 3], [3, 1, 1, 0, 3]];

function total(counts: number[][]): number {
  return counts.flat().reduce((sum, c) => sum + c, 0);
}

Deno.test("step0/05 train() reports every step once, measured before counting", () => {
  const counts = emptyCounts(4);
  // Look at the table while onStep runs: this step's name must not be in it yet.
  const seen: number[] = [];
  const onStep = spy((_info: StepInfo) => {
    seen.push(total(counts));
  });
  const losses = train(counts, DOCS, { steps: 4, onStep });
  assertEquals(onStep.calls.length, 4, "onStep must run once per step");
  // Counts so far: nothing, then 3, 3 + 2 and 3 + 2 + 4 bigrams.
  assertListEquals(seen, [0, 3, 5, 9], {
    what: (s) => `the table's total count when onStep ran for step ${s}`,
    note: "Each step measures its name and calls onStep before it counts " +
      "the name's bigrams: measure, then count.",
  });
  for (let s = 0; s < 4; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s, `onStep call ${s} reports the wrong step`);
    assertEquals(
      info.loss,
      losses[s],
      "onStep and the returned losses disagree",
    );
  }
});

Deno.test("step0/05 train() starts at ln(vocabSize): the first name meets an empty table", () => {
  const losses = train(emptyCounts(4), DOCS, { steps: 1 });
  assertEquals(losses.length, 1, "train() returns one loss per step");
  assertClose(losses[0], Math.log(4), {
    what: "the loss at step 0 (an empty table of 4 tokens: ln 4)",
    tol: 1e-12,
    note: "Measure the name before counting it.",
  });
});

Deno.test("step0/05 train() takes name s % docs.length at step s", () => {
  // Replay the loop by hand with lessons 02 and 04, and compare.
  const counts = emptyCounts(4);
  const replay = emptyCounts(4);
  const losses = train(counts, DOCS, { steps: 7 });
  const expected: number[] = [];
  for (let s = 0; s < 7; s++) {
    expected.push(forward(replay, DOCS[s % 3]));
    addCounts(replay, DOCS[s % 3]);
  }
  assertVectorClose(losses, expected, {
    what: (s) => `the loss at step ${s} (of name ${s % 3})`,
    tol: 1e-12,
    note: "Step s measures, then counts, docs[s % docs.length].",
  });
  assertListEquals(counts, replay, {
    what: (i) => `row ${i} of the table after 7 steps`,
  });
  // Name 0 (3 bigrams) was counted three times, names 1 (2) and 2 (4) twice.
  assertEquals(
    total(counts),
    3 * 3 + 2 * 2 + 2 * 4,
    "the table's total count after 7 steps over 3 names",
  );
});

Deno.test("step0/05 train() lowers the loss of a name it keeps seeing", () => {
  const losses = train(emptyCounts(4), [DOCS[2]], { steps: 5 });
  for (let s = 1; s < 5; s++) {
    assertLess(
      losses[s],
      losses[s - 1],
      `step ${s}'s loss ${plain(losses[s])} is not below step ${s - 1}'s ${
        plain(losses[s - 1])
      }: is the name counted after it is measured?`,
    );
  }
});

Deno.test("step0/05 train() with 0 steps changes nothing", () => {
  const counts = emptyCounts(4);
  assertEquals(train(counts, DOCS, { steps: 0 }), []);
  assertEquals(counts, emptyCounts(4));
});
