import { assert, assertEquals } from "@std/assert";
import { Value } from "../../lessons/step2/01_value.ts";
import {
  div,
  exp,
  log,
  neg,
  pow,
  relu,
  sub,
} from "../../lessons/step2/02_more_ops.ts";
import { centralDifference, gradientByPaths } from "./_fixtures.ts";
import { assertBitExact, assertClose } from "../_assert.ts";

/** data and ∂/∂input (by the paths of the recorded graph) of a unary op at x. */
function unary(op: (a: Value) => Value, x: number): [number, number] {
  const a = new Value(x);
  const c = op(a);
  return [c.data, gradientByPaths(c, a)];
}

/** data, ∂/∂a and ∂/∂b of a binary op at (x, y). */
function binary(
  op: (a: Value, b: Value) => Value,
  x: number,
  y: number,
): [number, number, number] {
  const a = new Value(x);
  const b = new Value(y);
  const c = op(a, b);
  return [c.data, gradientByPaths(c, a), gradientByPaths(c, b)];
}

Deno.test("step2/02 pow() raises to a constant power, local gradient k·aᵏ⁻¹", () => {
  const cases: [number, number, [number, number]][] = [
    [2, 3, [9, 6]],
    [3, -2, [-8, 12]],
    [0.5, 4, [2, 0.25]],
    [-1, 2, [0.5, -0.25]],
    [1, 7, [7, 1]],
  ];
  for (const [k, x, expected] of cases) {
    assertEquals(
      unary((a) => pow(a, k), x),
      expected,
      `[value, local gradient] of pow(${x}, ${k}): [xᵏ, k·xᵏ⁻¹]`,
    );
  }
});

Deno.test("step2/02 log() is the natural log, local gradient 1/a", () => {
  assertEquals(unary(log, 1), [0, 1], "[value, local gradient] of log(1)");
  assertEquals(
    unary(log, 4),
    [Math.log(4), 0.25],
    "[value, local gradient] of log(4): [ln 4, 1/4]",
  );
  const [data, grad] = unary(log, Math.E);
  assertClose(data, 1, { what: "log(e)", tol: 1e-15 });
  assertClose(grad, 1 / Math.E, {
    what: "log's local gradient at e",
    tol: 1e-15,
  });
});

Deno.test("step2/02 exp() is eᵃ, and its local gradient is its own value", () => {
  for (const x of [0, 1, -2]) {
    assertEquals(
      unary(exp, x),
      [Math.exp(x), Math.exp(x)],
      `[value, local gradient] of exp(${x}): both eˣ`,
    );
  }
});

Deno.test("step2/02 relu() passes positive values and their gradient, blocks the rest", () => {
  const what = (x: number) => `[value, local gradient] of relu(${x})`;
  assertEquals(unary(relu, 3), [3, 1], what(3));
  assertEquals(unary(relu, 0.5), [0.5, 1], what(0.5));
  assertEquals(unary(relu, -2), [0, 0], what(-2));
  // At the kink: no gradient, like Step 1.
  assertEquals(unary(relu, 0), [0, 0], what(0) + ": 0 passes no gradient");
});

Deno.test("step2/02 neg() flips the sign, local gradient −1", () => {
  assertEquals(unary(neg, 2), [-2, -1], "[value, local gradient] of neg(2)");
  assertEquals(
    unary(neg, -0.25),
    [0.25, -1],
    "[value, local gradient] of neg(-0.25)",
  );
});

Deno.test("step2/02 sub() is a − b, gradients 1 and −1, rounded like −", () => {
  assertEquals(
    binary(sub, 5, 3),
    [2, 1, -1],
    "[value, ∂/∂a, ∂/∂b] of sub(5, 3)",
  );
  assertBitExact(binary(sub, 0.3, 0.1)[0], 0.3 - 0.1, {
    what: "sub(0.3, 0.1).data",
    note: "sub() must compute a.data - b.data, rounded like JavaScript's -.",
  });
});

Deno.test("step2/02 div() is a / b, gradients 1/b and −a/b²", () => {
  assertEquals(
    binary(div, 3, 2),
    [1.5, 0.5, -0.75],
    "[value, ∂/∂a, ∂/∂b] of div(3, 2): [a/b, 1/b, −a/b²]",
  );
  assertEquals(
    binary(div, -1, 4),
    [-0.25, 0.25, 0.0625],
    "[value, ∂/∂a, ∂/∂b] of div(-1, 4): [a/b, 1/b, −a/b²]",
  );
});

Deno.test("step2/02 div() divides for real: 3 / 10 is 0.3, not 3 · (1/10)", () => {
  // 3 * (1 / 10) is 0.30000000000000004: multiplying by the reciprocal
  // rounds twice, and Step 2 must round like Step 1, which divides.
  const note = "div() must compute a.data / b.data: multiplying by the " +
    "reciprocal rounds twice. See the paragraph on div in " +
    "lessons/step2/02_more_ops.ts.";
  assertBitExact(div(new Value(3), new Value(10)).data, 0.3, {
    what: "div(3, 10).data",
    note,
  });
  assertBitExact(div(new Value(5), new Value(7)).data, 5 / 7, {
    what: "div(5, 7).data",
    note,
  });
  assertBitExact(div(new Value(7), 3).data, 7 / 3, {
    what: "div(7, 3).data",
    note,
  });
});

Deno.test("step2/02 every op accepts numbers on either side (no rsub or rdiv needed)", () => {
  const v = new Value(4);
  assertEquals(sub(1, v).data, -3);
  assertEquals(sub(v, 1).data, 3);
  assertEquals(div(1, v).data, 0.25);
  assertEquals(div(v, 2).data, 2);
  assertEquals(gradientByPaths(sub(1, v), v), -1);
  assertEquals(gradientByPaths(div(1, v), v), -1 / 16);
  assertEquals(pow(3, 2).data, 9);
  assertEquals(log(1).data, 0);
  assertEquals(exp(0).data, 1);
  assertEquals(relu(-1).data, 0);
  assertEquals(neg(2).data, -2);
});

Deno.test("step2/02 every op's gradient agrees with a central difference", () => {
  const unaryOps: [string, (a: Value) => Value, (x: number) => number][] = [
    ["pow 3", (a) => pow(a, 3), (x) => x ** 3],
    ["pow 0.5", (a) => pow(a, 0.5), Math.sqrt],
    ["pow -2", (a) => pow(a, -2), (x) => x ** -2],
    ["log", log, Math.log],
    ["exp", exp, Math.exp],
    ["relu", relu, (x) => Math.max(0, x)],
    ["neg", neg, (x) => -x],
  ];
  for (const [name, op, f] of unaryOps) {
    for (const x of [0.7, 1.3, 2.9]) {
      const [, grad] = unary(op, x);
      assertClose(grad, centralDifference(f, x), {
        what: `the local gradient of ${name} at ${x}`,
        tol: 1e-7,
      });
    }
  }
  const binaryOps: [
    string,
    (a: Value, b: Value) => Value,
    (x: number, y: number) => number,
  ][] = [
    ["sub", sub, (x, y) => x - y],
    ["div", div, (x, y) => x / y],
  ];
  for (const [name, op, f] of binaryOps) {
    for (const [x, y] of [[0.7, 1.3], [-2, 0.5], [3, -1.5]]) {
      const [, da, db] = binary(op, x, y);
      assertClose(da, centralDifference((t) => f(t, y), x), {
        what: `∂/∂a of ${name}(${x}, ${y})`,
        tol: 1e-7,
      });
      assertClose(db, centralDifference((t) => f(x, t), y), {
        what: `∂/∂b of ${name}(${x}, ${y})`,
        tol: 1e-7,
      });
    }
  }
});

Deno.test("step2/02 ops build new nodes and leave their inputs alone", () => {
  const a = new Value(2);
  const results = [
    pow(a, 2),
    log(a),
    exp(a),
    relu(a),
    neg(a),
    sub(a, a),
    div(a, a),
  ];
  assert(results.every((r) => r !== a), "an op returned its input");
  assertEquals([a.data, a.grad, a.children.length], [2, 0, 0]);
});
