/**
 * Lesson step3/03 · RMSNorm: every vector back to a common scale
 * Guide: 3.3 RMSNorm
 *
 * @module
 */

import { add, mul, type Value } from "../step2/01_value.ts";
import { pow } from "../step2/02_more_ops.ts";
import { dot } from "./01_fused_nodes.ts";

import { todo } from "../../support/todo.ts";

/** Keeps the scale finite when every entry is 0; it sits inside the root. */
export const RMS_EPS = 1e-5;

/**
 * Divides a vector by its root mean square: ms = (x₀² + x₁² + …) / n,
 * scale = (ms + 1e-5)^−0.5, then every xᵢ · scale. No learned gain.
 *
 * @param x The vector, at least one entry.
 * @returns A new vector whose root mean square is (almost exactly) 1.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { rmsnorm } from "./03_rmsnorm.ts";
 *
 * const y = rmsnorm([new Value(3), new Value(4)]);
 * // ms = (9 + 16) / 2 = 12.5, so each entry is divided by √12.50001.
 * assertAlmostEquals(y[0].data, 3 / Math.sqrt(12.5), 1e-6);
 * ```
 */
export function rmsnorm(x: readonly Value[]): Value[] {
  todo("rmsnorm", import.meta.url);
}
