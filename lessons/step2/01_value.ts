/**
 * Lesson step2/01 · Value: a number that remembers how it was made
 * Guide: 2.1 What changes · 2.2 Value class · 2.3 Add and multiply
 *
 * Step 1 got its gradient by working out the chain rule by hand for one
 * particular model. Change the model and that derivation must be redone.
 * Step 2 makes the computer do it: every number in the forward pass becomes
 * a `Value` node that keeps
 * - `data`, the number itself;
 * - `children`, the values it was computed from;
 * - `localGrads`, how much it moves when each child moves (∂this/∂child),
 *   worked out right when the node is made, while the numbers are at hand;
 * - `grad`, filled in later by the backward pass (lesson 03): how much the
 *   final result moves when this node moves.
 * Running the model with Values therefore records a graph of the whole
 * computation, and the backward pass walks it to get every gradient.
 *
 * Each operation does two things: compute the result, and note the local
 * gradients. For a sum c = a + b both are 1 (nudge a, c moves as much). For
 * a product c = a · b, ∂c/∂a is b and ∂c/∂b is a.
 *
 * TypeScript has no operator overloading, so `a + b` cannot build a node.
 * The operations are plain functions, `add(a, b)` and `mul(a, b)`, and
 * either argument may be a Value or a number (a number becomes a constant
 * leaf). Methods (`a.add(b)`) would need mirrored forms such as `rsub` for
 * `1 - a`; functions read like the math and need none: `sub(1, a)`.
 *
 * Run this lesson's tests: deno task test tests/step2/01_value_test.ts
 *
 * @module
 */

import { todo } from "../../support/todo.ts";

/**
 * One node of the computation graph: a number, where it came from, and
 * (after the backward pass) its gradient.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "./01_value.ts";
 *
 * const leaf = new Value(3);
 * assertEquals(leaf.data, 3);
 * assertEquals(leaf.grad, 0);
 * assertEquals(leaf.children, []);
 * ```
 */
export class Value {
  /** The number itself: what the forward pass computed. */
  data: number;
  /**
   * How much the final result (the root of the backward pass) moves per
   * unit move of this value; 0 until the backward pass fills it in.
   */
  grad = 0;
  /** The values this one was computed from; none for a leaf. */
  readonly children: readonly Value[];
  /** ∂this/∂child for each child, in the same order as `children`. */
  readonly localGrads: readonly number[];
  /**
   * Bookkeeping for the backward pass (lesson 03): true only while a walk
   * of the graph is under way and has reached this node.
   */
  visited = false;

  /**
   * Makes a node. Operations call this; with only `data` it makes a leaf
   * (a parameter or a constant).
   *
   * @param data The number.
   * @param children The values it was computed from.
   * @param localGrads ∂data/∂child for each child.
   */
  constructor(
    data: number,
    children: readonly Value[] = [],
    localGrads: readonly number[] = [],
  ) {
    this.data = data;
    this.children = children;
    this.localGrads = localGrads;
  }
}

/**
 * A Value as it is, or a number wrapped as a constant leaf.
 *
 * @param x A Value or a number.
 * @returns `x` itself if it is a Value, else `new Value(x)`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertStrictEquals } from "@std/assert";
 * import { toValue, Value } from "./01_value.ts";
 *
 * const v = new Value(2);
 * assertStrictEquals(toValue(v), v);
 * assertEquals(toValue(5).data, 5);
 * ```
 */
export function toValue(x: Value | number): Value {
  todo("toValue", import.meta.url);
}

/**
 * a + b, as a node whose local gradients are 1 and 1.
 *
 * @param a A Value or a number.
 * @param b A Value or a number.
 * @returns A new Value with children `[a, b]`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { add, Value } from "./01_value.ts";
 *
 * const c = add(new Value(2), 3);
 * assertEquals(c.data, 5);
 * assertEquals(c.localGrads, [1, 1]);
 * ```
 */
export function add(a: Value | number, b: Value | number): Value {
  todo("add", import.meta.url);
}

/**
 * a · b, as a node whose local gradients are b and a.
 *
 * @param a A Value or a number.
 * @param b A Value or a number.
 * @returns A new Value with children `[a, b]`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { mul, Value } from "./01_value.ts";
 *
 * const c = mul(new Value(2), new Value(-3));
 * assertEquals(c.data, -6);
 * assertEquals(c.localGrads, [-3, 2]);
 * ```
 */
export function mul(a: Value | number, b: Value | number): Value {
  todo("mul", import.meta.url);
}
