/**
 * Lesson step3/01 · Fused nodes: a dot product as one node
 * Guide: the kata's own page, before 3.1 (why real frameworks fuse operations)
 *
 * Step 3's model is mostly dot products: every row of every matrix, every
 * attention score, every weighted sum. Step 2 built a dot product of 16
 * pairs as 33 nodes: a 0 to start from, then 16 multiplies and 16 adds.
 * Measured with Step 2's `topologicalOrder` on the loss of one real
 * training step (seed 42): the name "yuheng" (7 positions) makes 58,842
 * nodes that way and 7,098 with fused nodes; over names.txt's average name
 * (7.2 positions) about 60,300 against 7,200. Eight times fewer objects to
 * make and to walk: forward plus backward of a step takes about 35 ms
 * with Step 2-style nodes and 2 ms fused here, so the 1000 training steps
 * of Steps 3 to 5 take about 30 s instead of 1 to 2 s (the reference
 * solutions on an idle machine). Allocation is most of the cost: a `dot`
 * that builds its arrays with `map`, spread or `concat` makes several
 * copies per node and can be a few times slower; sizing each array once
 * (`new Array(2 * n)`, then filling it by index) avoids that. The trainer
 * prints your steps per second beside the solutions'.
 *
 * That is why real frameworks fuse operations: PyTorch records a whole
 * matrix multiply as one node with a hand-written backward. Ours are
 * smaller: `dot` is one node whose children are a₀, b₀, a₁, b₁, … with the
 * local gradients the chain rule would give through the small nodes it
 * replaces (∂/∂aⱼ = bⱼ, ∂/∂bⱼ = aⱼ), and `fusedSum` is one node whose local
 * gradients are all 1. The data is the same sum, from 0, left to right, so
 * the numbers do not change in the last bit; only the graph gets smaller.
 *
 * The trap: a vector used twice, as in dot(x, x) for a sum of squares.
 * Push xⱼ twice, each time with local gradient xⱼ; backward's `+=` then
 * gives 2xⱼ. Skipping the "duplicate" would halve the gradient.
 *
 * Run this lesson's tests: deno task test tests/step3/01_fused_nodes_test.ts
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
