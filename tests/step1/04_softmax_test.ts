import { assert, assertEquals } from "@std/assert";
import {
  assertClose,
  assertVectorBitExact,
  assertVectorClose,
  plain,
} from "../_assert.ts";
import { softmax } from "../../lessons/step1/04_softmax.ts";

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

Deno.test("step1/04 softmax([2, 1, 0]) is about [0.665, 0.245, 0.090]", () => {
  const e = Math.E;
  const total = e * e + e + 1;
  const probs = softmax([2, 1, 0]);
  const what = (i: number) => `softmax([2, 1, 0])[${i}]`;
  const note = "softmax: exponentiate every logit, then divide each by " +
    "the sum of the exponentials.";
  assertVectorClose(probs, [e * e / total, e / total, 1 / total], {
    what,
    tol: 1e-12,
    note,
  });
  assertVectorClose(probs, [0.665, 0.245, 0.090], { what, tol: 1e-3, note });
});

Deno.test("step1/04 softmax() gives positive probabilities that sum to 1", () => {
  for (const logits of [[0.3, -1.2, 4, 0], [-5, -5, -5], [7]]) {
    const probs = softmax(logits);
    assertEquals(probs.length, logits.length, "one probability per logit");
    assert(
      probs.every((p) => p > 0),
      `softmax([${logits}]) has a probability that is not above 0: ` +
        probs.map(plain).join(", "),
    );
    assertClose(sum(probs), 1, {
      what: `the sum of softmax([${logits}])`,
      tol: 1e-12,
    });
  }
});

Deno.test("step1/04 softmax() of equal logits is uniform", () => {
  assertVectorClose(softmax([3, 3, 3, 3]), [0.25, 0.25, 0.25, 0.25], {
    what: (i) => `softmax([3, 3, 3, 3])[${i}]`,
    tol: 1e-15,
  });
});

Deno.test("step1/04 softmax() stays finite for logits like [1000, 1001, 1002]", () => {
  const probs = softmax([1000, 1001, 1002]);
  const note = "Math.exp(1000) is Infinity: subtract the largest logit from " +
    "every logit before exponentiating.";
  assert(
    probs.every(Number.isFinite),
    `softmax([1000, 1001, 1002]) is [${probs.map(plain).join(", ")}]: ` +
      note,
  );
  assertVectorClose(probs, softmax([0, 1, 2]), {
    what: (i) => `softmax([1000, 1001, 1002])[${i}] (as for [0, 1, 2])`,
    tol: 1e-12,
    note,
  });
  assertVectorClose(softmax([-1000, 0]), [0, 1], {
    what: (i) => `softmax([-1000, 0])[${i}]`,
    tol: 1e-300,
    note,
  });
});

Deno.test("step1/04 softmax() does not change when every logit moves by the same amount", () => {
  assertVectorClose(softmax([0.5, 2, -1]), softmax([10.5, 12, 9]), {
    what: (i) => `softmax([0.5, 2, -1])[${i}] against the same +10`,
    tol: 1e-12,
  });
});

Deno.test("step1/04 softmax() leaves the logits unchanged", () => {
  const logits = [1, 2, 3];
  softmax(logits);
  assertEquals(logits, [1, 2, 3]);
});

Deno.test("step1/04 softmax() divides each exponential by their total, to the last bit", () => {
  // Later steps reproduce these numbers bit for bit, so the rounding matters:
  // e / total and e * (1 / total) differ in the last bit for these logits.
  const logits = [3, 1, 4, 1, 5];
  const max = 5;
  const exps = logits.map((v) => Math.exp(v - max));
  let total = 0;
  for (const e of exps) total += e;
  assertVectorBitExact(softmax(logits), exps.map((e) => e / total), {
    what: (i) => `softmax([3, 1, 4, 1, 5])[${i}]`,
    note: "This test wants exactly: subtract the largest logit, Math.exp, " +
      "add the exponentials up from 0 left to right, then e / total for " +
      "each (not e * (1 / total)). See the note on rounding in " +
      "lessons/step1/04_softmax.ts.",
  });
});
