/**
 * Small helpers shared by the lesson tests.
 *
 * @module
 */

import { assertAlmostEquals, assertEquals } from "@std/assert";

/**
 * Asserts two vectors have the same length and every pair of entries differs
 * by at most `tolerance` (absolute). The message names the first bad index.
 */
export function assertAllClose(
  actual: readonly number[],
  expected: readonly number[],
  tolerance: number,
  what = "vector",
): void {
  assertEquals(
    actual.length,
    expected.length,
    `${what}: expected ${expected.length} entries, found ${actual.length}`,
  );
  for (let i = 0; i < expected.length; i++) {
    assertAlmostEquals(
      actual[i],
      expected[i],
      tolerance,
      `${what}[${i}] is ${actual[i]}, expected ${expected[i]} (± ${tolerance})`,
    );
  }
}

/** A deep copy of plain nested number arrays and objects (a model, say). */
export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}
