/**
 * Lesson step1/03 · Linear layer: one dot product per row
 * Guide: 1.3 Linear & softmax
 *
 * A linear layer multiplies a vector by a matrix: output i is the dot product
 * of row i of the weights with the input. It is how the model mixes its input
 * numbers into new ones, and nearly all of a GPT's arithmetic is linear
 * layers. Ours has no bias, like the guide's.
 *
 * Run this lesson's tests: deno task test tests/step1/03_linear_test.ts
 *
 * @module
 */

import type { Matrix } from "./02_parameters.ts";

import { todo } from "../../support/todo.ts";

/**
 * Multiplies the vector `x` by the matrix `w`: one dot product per row.
 *
 * @param x The input, of length `w[0].length`.
 * @param w The weights, one row per output.
 * @returns A vector of length `w.length`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { linear } from "./03_linear.ts";
 *
 * assertEquals(linear([1, 2], [[1, 0], [0, 1], [3, 4]]), [1, 2, 11]);
 * ```
 */
export function linear(x: number[], w: Matrix): number[] {
  todo("linear", import.meta.url);
}
