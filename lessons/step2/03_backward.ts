/**
 * Lesson step2/03 · Backward: topological order and the chain rule
 * Guide: 2.5 Backward
 *
 * The chain rule says: if the loss L depends on a node v, and v depends on
 * its child c, then ∂L/∂c collects ∂L/∂v · ∂v/∂c. The first factor is
 * v.grad, the second the local gradient v recorded when it was made. So
 * once v.grad is final, v can pass its share down:
 * `child.grad += localGrad * v.grad` for each child. It is `+=` because a
 * value used in several places (a weight used at every position, `a` in
 * `a · a`) collects a share from every use.
 *
 * "Once v.grad is final" means: after every node that uses v has passed its
 * share down. A topological order lists each node after all of its
 * children; walking it backwards, from the root, visits every node after
 * all of its users. Start with root.grad = 1 (∂L/∂L) and the walk does the
 * rest.
 *
 * The order comes from a depth-first walk that emits a node once all its
 * children are emitted. Written recursively that is five lines, but one
 * call per level of depth: a chain of 100,000 operations would overflow the
 * call stack. So we keep our own stack of nodes, and for each, the index of
 * the next child to look at: the recursion's call stack, made explicit.
 * Each node is marked `visited` when first reached, and the marks are
 * cleared at the end so the graph can be walked again. (A Set of visited
 * nodes would do too, but a training step walks some 40,000 nodes, and a
 * flag on the node itself is several times faster.)
 *
 * The traps the tests check: the root's grad is set to 1 first; every
 * share is added (`+=`), so `a · a` gives 2a; a node passes its grad down
 * only after all its users have (a diamond-shaped graph catches an early
 * pass); `backward()` adds to grads already there and never zeroes them
 * (zeroing is the training loop's job); the visited marks are cleared, so
 * the same graph can be ordered twice; and a chain 100,000 operations deep
 * works, which no recursive walk survives.
 *
 * Run this lesson's tests: deno task test tests/step2/03_backward_test.ts
 *
 * @module
 */

import type { Value } from "./01_value.ts";

import { todo } from "../../support/todo.ts";

/**
 * Every node reachable from `root`, each exactly once, children before the
 * nodes made from them; `root` comes last. Does not recurse, so any depth
 * works. Leaves every node's `visited` mark false.
 *
 * @param root The node to start from (the loss).
 * @returns The nodes in topological order.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { add, mul, Value } from "./01_value.ts";
 * import { topologicalOrder } from "./03_backward.ts";
 *
 * const a = new Value(2);
 * const b = new Value(3);
 * const ab = mul(a, b);
 * const c = add(ab, a);
 * assertEquals(topologicalOrder(c), [a, b, ab, c]);
 * ```
 */
export function topologicalOrder(root: Value): Value[] {
  todo("topologicalOrder", import.meta.url);
}

/**
 * Fills in `grad` for every node that `root` depends on: sets root.grad to
 * 1, then walks the topological order backwards doing
 * `child.grad += localGrad * node.grad`. Gradients are added to what is
 * already there: zero the parameters' grads between steps.
 *
 * @param root The node to differentiate (the loss).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { add, mul, Value } from "./01_value.ts";
 * import { backward } from "./03_backward.ts";
 *
 * const a = new Value(2);
 * const b = new Value(3);
 * backward(add(mul(a, b), a)); // c = a·b + a
 * assertEquals(a.grad, 4); // ∂c/∂a = b + 1
 * assertEquals(b.grad, 2); // ∂c/∂b = a
 * ```
 */
export function backward(root: Value): void {
  todo("backward", import.meta.url);
}
