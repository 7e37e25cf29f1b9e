/**
 * Lesson step3/03 · RMSNorm: every vector back to a common scale
 * Guide: 3.3 RMSNorm
 *
 * A vector that goes through many sums of products can grow or shrink a
 * lot, and the next layer (and its gradients) then sees numbers of a size
 * it was not made for. RMSNorm puts every vector back to the same size:
 * it divides the vector by its root mean square, so the result has a root
 * mean square of 1 whatever came in (a hair under 1: ε makes it
 * √(ms / (ms + ε)), 0.999 for entries of size 0.1). The model applies it
 * to the input and before each block.
 *
 * ms = (x₀² + x₁² + …) / n, scale = (ms + ε)^−0.5, and every xᵢ · scale,
 * with ε = 1e-5 and no learned gain. The trap is where ε goes: inside the
 * root. That keeps an all-zero vector finite (0 · 1e-5^−0.5 = 0), and
 * changes a small vector's scale noticeably: for ms = 1e-5, (ms + ε)^−0.5
 * is √(1/2e-5) ≈ 223.6, while ms^−0.5 + ε would be about 316.2.
 *
 * Write it as the guide's Python does, so the numbers match to the last
 * bit: the sum of squares as `dot(x, x)` (one fused node), the division by
 * n as a multiplication, `mul(·, 1 / n)`, and the root as a power,
 * `pow(·, -0.5)` (1 / Math.sqrt rounds differently in the last bit).
 *
 * Run this lesson's tests: deno task test tests/step3/03_rmsnorm_test.ts
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
