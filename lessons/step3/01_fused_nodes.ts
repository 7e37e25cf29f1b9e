/**
 * Lesson step3/01 · Fused nodes: a dot product as one node
 * Guide: Speed, measured (the kata's page before 3.1)
 *
 * Fusing keeps the data and gradients of Step 2's graph but makes one node
 * where Step 2 made many.
 *
 * @module
 */

import { Value } from "../step2/01_value.ts";
import type { Matrix } from "../step2/04_parameters.ts";

import { todo } from "../../support/todo.ts";

/**
 * The dot product a₀·b₀ + a₁·b₁ + … as ONE node, summed from 0 left to
 * right. Its children are a₀, b₀, a₁, b₁, … and the local gradient of aⱼ
 * is bⱼ's data (and of bⱼ, aⱼ's data).
 *
 * @param a The first vector.
 * @param b The second vector, as long as `a`.
 * @returns A new Value with 2·a.length children.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { dot } from "./01_fused_nodes.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const d = dot(values([1, 2, 3]), values([4, 5, 6]));
 * assertEquals(d.data, 32);
 * assertEquals(d.children.length, 6);
 * ```
 */
export function dot(a: readonly Value[], b: readonly Value[]): Value {
  todo("dot", import.meta.url);
}

/**
 * The sum v₀ + v₁ + … as ONE node, from 0 left to right; every local
 * gradient is 1.
 *
 * @param values The terms (possibly none).
 * @returns A new Value with the terms as its children.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { fusedSum } from "./01_fused_nodes.ts";
 *
 * const s = fusedSum([new Value(1), new Value(2), new Value(3)]);
 * assertEquals(s.data, 6);
 * assertEquals(s.children.length, 3);
 * ```
 */
export function fusedSum(values: readonly Value[]): Value {
  todo("fusedSum", import.meta.url);
}

/**
 * Multiplies the vector `x` by the matrix `w`: one fused dot node per row.
 *
 * @param x The input, of length `w[0].length`.
 * @param w The weights, one row per output.
 * @returns A vector of length `w.length`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { linear } from "./01_fused_nodes.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const out = linear(values([1, 2]), [values([1, 0]), values([3, 4])]);
 * assertEquals(out.map((v) => v.data), [1, 11]);
 * ```
 */
export function linear(x: readonly Value[], w: Matrix): Value[] {
  todo("linear", import.meta.url);
}
