/**
 * Lesson step1/04 · Softmax: scores to probabilities
 * Guide: 1.3 Linear & softmax
 *
 * The model's last layer gives one score (a "logit") per token: any real
 * number, larger meaning "more likely". Softmax turns the scores into
 * probabilities: exponentiate each (all become positive), then divide by the
 * sum (they add up to 1).
 *
 * One trap: Math.exp(1000) is Infinity. Because softmax gives the same answer
 * when the same number is subtracted from every logit, subtract the largest
 * one first; then the largest exponent is exp(0) = 1 and nothing overflows.
 * Then divide each exponential by the total (multiplying by 1 / total
 * rounds differently in the last bit, and later steps compare to the bit).
 *
 * Run this lesson's tests: deno task test tests/step1/04_softmax_test.ts
 *
 * @module
 */

/**
 * Converts logits into probabilities that are positive and sum to 1.
 *
 * @param logits The scores, at least one.
 * @returns One probability per logit.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { softmax } from "./04_softmax.ts";
 *
 * const probs = softmax([2, 1, 0]);
 * assertAlmostEquals(probs[0], 0.665, 1e-3);
 * assertAlmostEquals(probs[2], 0.090, 1e-3);
 * ```
 */
export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const probs: number[] = [];
  let total = 0;
  for (const v of logits) {
    const e = Math.exp(v - max);
    probs.push(e);
    total += e;
  }
  // Dividing by the total makes them add up to 1.
  for (let i = 0; i < probs.length; i++) probs[i] /= total;
  return probs;
}
