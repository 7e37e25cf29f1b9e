/**
 * Small helpers shared by the lesson tests. The assertions with readable
 * failures live in `./_assert.ts`.
 *
 * @module
 */

import { assertVectorClose } from "./_assert.ts";

/**
 * Asserts two vectors have the same length and every pair of entries differs
 * by at most `tolerance` (absolute). The message names the first bad index
 * in plain decimals. (Shorthand for {@linkcode assertVectorClose}, which can
 * also say what each entry means.)
 *
 * @param actual What the lesson computed.
 * @param expected What it should be.
 * @param tolerance The largest absolute difference allowed.
 * @param what A name for the vector, or what entry `i` is.
 *
 * @example Usage
 * ```ts ignore
 * import { assertAllClose } from "./_helpers.ts";
 *
 * assertAllClose([0.1 + 0.2], [0.3], 1e-15, "sums");
 * ```
 */
export function assertAllClose(
  actual: readonly number[],
  expected: readonly number[],
  tolerance: number,
  what: string | ((i: number) => string) = "vector",
): void {
  assertVectorClose(actual, expected, { what, tol: tolerance });
}

/**
 * A deep copy of plain nested number arrays and objects (a model, say).
 *
 * @param value What to copy.
 * @returns The copy.
 *
 * @example Usage
 * ```ts ignore
 * import { assertEquals } from "@std/assert";
 * import { deepCopy } from "./_helpers.ts";
 *
 * assertEquals(deepCopy([[1, 2]]), [[1, 2]]);
 * ```
 */
export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}
