/**
 * Lesson step5/01 · Moving averages and their bias correction
 * Guide: 5.1 What changes · 5.2 Momentum and adaptive rates
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
 * @param t How many updates it has had, t ≥ 1 (step s + 1).
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
