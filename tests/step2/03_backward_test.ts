import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { assertClose } from "../_assert.ts";
import { PyRandom } from "../../support/random.ts";
import { add, mul, Value } from "../../lessons/step2/01_value.ts";
import {
  div,
  exp,
  log,
  neg,
  pow,
  relu,
  sub,
} from "../../lessons/step2/02_more_ops.ts";
import { backward, topologicalOrder } from "../../lessons/step2/03_backward.ts";
import {
  centralDifference,
  type Instruction,
  randomProgram,
  runWithNumbers,
} from "./_fixtures.ts";

// Graphs below are built with `new Value(data, children, localGrads)` where
// only their shape matters, so these tests need no other lesson.

/** Asserts `order` is a topological order of everything under `root`. */
function assertTopological(order: Value[], root: Value, expected: Value[]) {
  assertEquals(order.length, expected.length, "one entry per node");
  assertEquals(new Set(order).size, order.length, "a node appears twice");
  for (const v of expected) assert(order.includes(v), "a node is missing");
  assertStrictEquals(order[order.length - 1], root, "the root must be last");
  for (const [k, v] of order.entries()) {
    for (const child of v.children) {
      assert(order.indexOf(child) < k, `node ${k} comes before its child`);
    }
  }
}

Deno.test("step2/03 topologicalOrder() lists every node once, children first, root last", () => {
  // A diamond: a feeds b and c, both feed d; a is also a direct child of d.
  const a = new Value(1);
  const b = new Value(2, [a], [2]);
  const c = new Value(3, [a], [3]);
  const d = new Value(5, [b, c, a], [1, 1, 1]);
  assertTopological(topologicalOrder(d), d, [a, b, c, d]);
  assertEquals(topologicalOrder(a), [a]);
});

Deno.test("step2/03 topologicalOrder() clears its marks, so it can run again", () => {
  const a = new Value(1);
  const b = new Value(2, [a, a], [1, 1]);
  const c = new Value(3, [b, a], [1, 1]);
  const first = topologicalOrder(c);
  assert([a, b, c].every((v) => !v.visited), "a visited mark was left set");
  assertEquals(topologicalOrder(c), first);
  assertEquals(topologicalOrder(b), [a, b]);
});

Deno.test("step2/03 backward() sets the root's grad to 1 and applies the chain rule (worked by hand)", () => {
  // c = a·b + a with a = 2, b = 3: ∂c/∂a = b + 1 = 4, ∂c/∂b = a = 2.
  const a = new Value(2);
  const b = new Value(3);
  const ab = new Value(6, [a, b], [3, 2]);
  const c = new Value(8, [ab, a], [1, 1]);
  backward(c);
  assertEquals(c.grad, 1, "the root's grad, ∂c/∂c, must be 1");
  assertEquals(ab.grad, 1, "∂c/∂(a·b) = 1");
  assertEquals(a.grad, 4, "∂c/∂a = b + 1: a's two uses add up (+=)");
  assertEquals(b.grad, 2, "∂c/∂b = a");
});

Deno.test("step2/03 backward() accumulates: a value used twice, a · a, gets 2a", () => {
  const a = new Value(3);
  backward(new Value(9, [a, a], [3, 3]));
  assertEquals(
    a.grad,
    6,
    "∂(a·a)/∂a = 2a: each use adds its share, child.grad += localGrad * v.grad",
  );
});

Deno.test("step2/03 backward() waits for all of a node's uses before passing its grad down", () => {
  // b = a + 1 is used three times in c = b·b + b; ∂c/∂a = 2b + 1 = 7 at a = 2.
  // A walk that hands b's grad to a too early gives a wrong a.grad.
  const a = new Value(2);
  const b = new Value(3, [a], [1]);
  const bb = new Value(9, [b, b], [3, 3]);
  const c = new Value(12, [bb, b], [1, 1]);
  backward(c);
  assertEquals(b.grad, 7, "∂c/∂b = 2b + 1, from b's three uses");
  assertEquals(
    a.grad,
    7,
    "∂c/∂a: a node may pass its grad down only after all its users " +
      "have passed theirs to it (walk the topological order backwards)",
  );
});

Deno.test("step2/03 backward() of a leaf sets its grad to 1", () => {
  const a = new Value(5);
  backward(a);
  assertEquals(a.grad, 1, "backward(leaf) sets the leaf's grad to 1");
});

Deno.test("step2/03 backward() adds to grads already there (zeroing is the caller's job)", () => {
  const a = new Value(2);
  a.grad = 10;
  backward(new Value(6, [a], [3]));
  assertEquals(
    a.grad,
    13,
    "a.grad was 10 before backward(), which adds 3: backward() must not " +
      "reset the leaves' grads (the training loop zeroes them)",
  );
});

Deno.test("step2/03 backward() walks a chain of 100,000 operations without recursion", () => {
  // A plain recursive walk overflows Deno's call stack at about 11,000
  // levels, so a 10,000-long chain would not catch it; 100,000 does.
  // x₀ = a, xₖ₊₁ = xₖ + a: the root is 100,001·a, so ∂root/∂a = 100,001.
  const a = new Value(0.5);
  let x = a;
  for (let k = 0; k < 100_000; k++) {
    x = new Value(x.data + a.data, [x, a], [1, 1]);
  }
  backward(x);
  assertEquals(a.grad, 100_001, "∂root/∂a for the 100,000-long chain");
  assertEquals(
    topologicalOrder(x).length,
    100_001,
    "nodes in the topological order of the 100,000-long chain",
  );
});

Deno.test("step2/03 backward() on a 10,000-step chain of multiplications", () => {
  // xₖ₊₁ = xₖ · 1.0001: ∂x/∂a = 1.0001^10000 ≈ e (to about 5e-5).
  const a = new Value(1);
  let x = a;
  for (let k = 0; k < 10_000; k++) {
    x = new Value(x.data * 1.0001, [x], [1.0001]);
  }
  backward(x);
  assertClose(a.grad, 1.0001 ** 10_000, {
    what: "∂x/∂a for 10,000 multiplications by 1.0001",
    tol: 1e-9,
  });
  assertClose(a.grad, Math.E, { what: "∂x/∂a (about e)", tol: 2e-4 });
});

/** Builds a random expression with the lesson's operations. */
function runWithValues(program: Instruction[], leaves: Value[]): Value {
  const nodes = [...leaves];
  for (const { op, a, b, k } of program) {
    const x = nodes[a];
    const y = nodes[b];
    const onePlusSquare = (v: Value) => add(1, mul(v, v));
    nodes.push({
      add: () => add(x, y),
      sub: () => sub(x, y),
      mul: () => mul(x, y),
      div: () => div(x, onePlusSquare(y)),
      neg: () => neg(x),
      log: () => log(onePlusSquare(x)),
      exp: () => exp(x),
      relu: () => relu(x),
      pow: () => pow(x, k),
    }[op]());
  }
  return nodes[nodes.length - 1];
}

Deno.test("step2/03 backward() matches central differences on 30 random expressions", () => {
  const rng = new PyRandom(2024);
  for (let trial = 0; trial < 30; trial++) {
    const xs = Array.from({ length: 3 }, () => rng.random() * 3 - 1.5);
    const program = randomProgram(rng, xs, 12);
    const leaves = xs.map((x) => new Value(x));
    const root = runWithValues(program, leaves);
    const f = (values: number[]) => runWithNumbers(program, values).at(-1)!;
    assertEquals(root.data, f(xs), `trial ${trial}: the expression's value`);
    backward(root);
    for (let i = 0; i < xs.length; i++) {
      const numeric = centralDifference(
        (t) => f(xs.map((x, j) => (j === i ? t : x))),
        xs[i],
      );
      const tolerance = 1e-6 * Math.max(1, Math.abs(numeric));
      assertClose(leaves[i].grad, numeric, {
        what: `trial ${trial}: ∂root/∂leaf ${i}`,
        tol: tolerance,
        note: `The expression: ${JSON.stringify(program)}`,
      });
    }
  }
});
