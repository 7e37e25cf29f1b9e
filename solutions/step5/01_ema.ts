/**
 * Lesson step5/01 · Moving averages and their bias correction
 * Guide: 5.1 What changes · 5.2 Momentum and adaptive rates
 *
 * Step 5 changes one thing: how a gradient becomes a step. SGD moves each
 * weight by lr · gradient, so a gradient that jumps around from name to
 * name makes the weights jump too, and weights with tiny gradients hardly
 * move at all. Adam (next lesson) smooths both with two running averages
 * per weight: of its gradient ("momentum": where has it been pointing
 * lately?) and of its squared gradient (how large are its gradients
 * usually?).
 *
 * The running average is an exponential moving average (EMA): keep β of
 * the old average, add (1 − β) of the new number. With β = 0.85 the last
 * few numbers dominate; with β = 0.99 about the last hundred count.
 *
 * The trap: the averages start at 0, so early on they are too small. After
 * one update of x the average is (1 − β)·x, only 0.15·x for β = 0.85.
 * After t updates of a constant x it is (1 − β^t)·x, so dividing by
 * (1 − β^t) gives x back exactly: that is the bias correction. t counts
 * updates from 1; training counts steps from 0, so at step s it is s + 1.
 *
 * Run this lesson's tests: deno task test tests/step5/01_ema_test.ts
 *
 * @module
 */

/**
 * One step of an exponential moving average: β·average + (1 − β)·x.
 *
 * @param average The average so far (0 before the first step).
 * @param x The new number.
 * @param beta How much of the old average to keep, 0 ≤ β < 1.
 * @returns The new average.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { ema } from "./01_ema.ts";
 *
 * assertAlmostEquals(ema(0, 10, 0.9), 1, 1e-12);
 * ```
 */
export function ema(average: number, x: number, beta: number): number {
  return beta * average + (1 - beta) * x;
}

/**
 * Undoes the pull towards 0 of an average that started at 0: after t
 * updates, average / (1 − β^t).
 *
 * @param average The moving average after `t` updates.
 * @param beta Its β.
 * @param t How many updates it has had, t ≥ 1: at training step s
 *   (counting from 0), t = s + 1.
 * @returns The corrected average.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { biasCorrected, ema } from "./01_ema.ts";
 *
 * // One update of 10 gives 1; corrected, it is 10 again.
 * assertAlmostEquals(biasCorrected(ema(0, 10, 0.9), 0.9, 1), 10, 1e-12);
 * ```
 */
export function biasCorrected(
  average: number,
  beta: number,
  t: number,
): number {
  return average / (1 - beta ** t);
}
