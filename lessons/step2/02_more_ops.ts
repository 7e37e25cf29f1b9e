/**
 * Lesson step2/02 · More operations: pow, log, exp, relu, neg, sub, div
 * Guide: 2.4 More ops
 *
 * The model and its loss need a few more operations than + and ·. Each one
 * follows the recipe of lesson 01: compute the result and record the local
 * derivative of the result with respect to each input.
 *
 * | operation | result    | local gradient(s)      |
 * |-----------|-----------|------------------------|
 * | pow(a, k) | aᵏ        | k·aᵏ⁻¹ (k is a number) |
 * | log(a)    | ln a      | 1/a                    |
 * | exp(a)    | eᵃ        | eᵃ (the result itself) |
 * | relu(a)   | max(0, a) | 1 if a > 0, else 0     |
 * | neg(a)    | −a        | −1                     |
 * | sub(a, b) | a − b     | 1 and −1               |
 * | div(a, b) | a / b     | 1/b and −a/b²          |
 *
 * neg and sub could be built from mul and add (−a = a·(−1)), and micrograd
 * builds a / b as a·b⁻¹. We give div its own node on purpose: a·(1/b)
 * rounds differently from a / b in the last bit, and Step 2 is meant to
 * reproduce Step 1's numbers exactly, and Step 1 divides.
 *
 * Run this lesson's tests: deno task test tests/step2/02_more_ops_test.ts
 *
 * @module
 */

import { toValue, Value } from "./01_value.ts";

import { todo } from "../../support/todo.ts";

/**
 * aᵏ for a constant exponent k.
 *
 * @param a A Value or a number.
 * @param k The exponent, a plain number.
 * @returns A new Value with local gradient k·aᵏ⁻¹.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { pow } from "./02_more_ops.ts";
 *
 * const c = pow(new Value(3), 2);
 * assertEquals(c.data, 9);
 * assertEquals(c.localGrads, [6]);
 * ```
 */
export function pow(a: Value | number, k: number): Value {
  todo("pow", import.meta.url);
}

/**
 * The natural logarithm, ln a.
 *
 * @param a A positive Value or number.
 * @returns A new Value with local gradient 1/a.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { log } from "./02_more_ops.ts";
 *
 * const c = log(new Value(4));
 * assertEquals(c.data, Math.log(4));
 * assertEquals(c.localGrads, [0.25]);
 * ```
 */
export function log(a: Value | number): Value {
  todo("log", import.meta.url);
}

/**
 * The exponential, eᵃ.
 *
 * @param a A Value or a number.
 * @returns A new Value whose local gradient is its own data.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { exp } from "./02_more_ops.ts";
 *
 * const c = exp(new Value(1));
 * assertEquals(c.data, Math.E);
 * assertEquals(c.localGrads, [Math.E]);
 * ```
 */
export function exp(a: Value | number): Value {
  todo("exp", import.meta.url);
}

/**
 * The rectified linear unit, max(0, a).
 *
 * @param a A Value or a number.
 * @returns A new Value with local gradient 1 where a > 0, else 0.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { relu } from "./02_more_ops.ts";
 *
 * assertEquals(relu(new Value(-2)).data, 0);
 * assertEquals(relu(new Value(3)).localGrads, [1]);
 * ```
 */
export function relu(a: Value | number): Value {
  todo("relu", import.meta.url);
}

/**
 * −a.
 *
 * @param a A Value or a number.
 * @returns A new Value with local gradient −1.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { neg } from "./02_more_ops.ts";
 *
 * assertEquals(neg(new Value(2)).data, -2);
 * ```
 */
export function neg(a: Value | number): Value {
  todo("neg", import.meta.url);
}

/**
 * a − b.
 *
 * @param a A Value or a number.
 * @param b A Value or a number.
 * @returns A new Value with local gradients 1 and −1.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { sub } from "./02_more_ops.ts";
 *
 * assertEquals(sub(1, new Value(0.25)).data, 0.75);
 * ```
 */
export function sub(a: Value | number, b: Value | number): Value {
  todo("sub", import.meta.url);
}

/**
 * a / b, computed as a real division (not a·b⁻¹).
 *
 * @param a A Value or a number.
 * @param b A non-zero Value or number.
 * @returns A new Value with local gradients 1/b and −a/b².
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 * import { div } from "./02_more_ops.ts";
 *
 * const c = div(new Value(3), new Value(2));
 * assertEquals(c.data, 1.5);
 * assertEquals(c.localGrads, [0.5, -0.75]);
 * ```
 */
export function div(a: Value | number, b: Value | number): Value {
  todo("div", import.meta.url);
}
