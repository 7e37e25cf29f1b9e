import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { assertAllClose } from "../_helpers.ts";
import { softmax } from "../../lessons/step1/04_softmax.ts";

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

Deno.test("step1/04 softmax([2, 1, 0]) is about [0.665, 0.245, 0.090]", () => {
  const e = Math.E;
  const total = e * e + e + 1;
  const probs = softmax([2, 1, 0]);
  assertAllClose(probs, [e * e / total, e / total, 1 / total], 1e-12, "probs");
  assertAllClose(probs, [0.665, 0.245, 0.090], 1e-3, "probs");
});

Deno.test("step1/04 softmax() gives positive probabilities that sum to 1", () => {
  for (const logits of [[0.3, -1.2, 4, 0], [-5, -5, -5], [7]]) {
    const probs = softmax(logits);
    assertEquals(probs.length, logits.length);
    assert(probs.every((p) => p > 0), `non-positive probability in ${probs}`);
    assertAlmostEquals(sum(probs), 1, 1e-12);
  }
});

Deno.test("step1/04 softmax() of equal logits is uniform", () => {
  assertAllClose(softmax([3, 3, 3, 3]), [0.25, 0.25, 0.25, 0.25], 1e-15);
});

Deno.test("step1/04 softmax() stays finite for logits like [1000, 1001, 1002]", () => {
  const probs = softmax([1000, 1001, 1002]);
  assert(
    probs.every(Number.isFinite),
    `expected finite values, found ${probs}`,
  );
  assertAllClose(probs, softmax([0, 1, 2]), 1e-12, "probs");
  assertAllClose(softmax([-1000, 0]), [0, 1], 1e-300, "probs");
});

Deno.test("step1/04 softmax() does not change when every logit moves by the same amount", () => {
  assertAllClose(softmax([0.5, 2, -1]), softmax([10.5, 12, 9]), 1e-12, "probs");
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
  assertEquals(softmax(logits), exps.map((e) => e / total));
});
