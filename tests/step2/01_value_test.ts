import { assertEquals, assertStrictEquals } from "@std/assert";
import { add, mul, toValue, Value } from "../../lessons/step2/01_value.ts";
import { gradientByPaths } from "./_fixtures.ts";

Deno.test("step2/01 toValue() wraps a number as a leaf and passes a Value through", () => {
  const leaf = toValue(3);
  assertEquals(leaf.data, 3);
  assertEquals(leaf.grad, 0);
  assertEquals(leaf.children, []);
  assertEquals(leaf.localGrads, []);
  const v = new Value(-1.5);
  assertStrictEquals(toValue(v), v);
});

Deno.test("step2/01 add() computes a + b and records local gradients 1 and 1", () => {
  const a = new Value(2);
  const b = new Value(-3.5);
  const c = add(a, b);
  assertEquals(c.data, -1.5, "add(2, -3.5).data");
  assertEquals(c.grad, 0, "a new node's grad starts at 0");
  assertEquals(c.children.length, 2, "add() records both inputs as children");
  assertStrictEquals(c.children[0], a);
  assertStrictEquals(c.children[1], b);
  assertEquals(c.localGrads, [1, 1], "add()'s local gradients ∂c/∂a, ∂c/∂b");
});

Deno.test("step2/01 mul() computes a · b and records local gradients b and a", () => {
  const a = new Value(2);
  const b = new Value(-3);
  const c = mul(a, b);
  assertEquals(c.data, -6, "mul(2, -3).data");
  assertEquals(c.grad, 0, "a new node's grad starts at 0");
  assertStrictEquals(c.children[0], a);
  assertStrictEquals(c.children[1], b);
  assertEquals(
    c.localGrads,
    [-3, 2],
    "mul()'s local gradients: ∂c/∂a = b's data, ∂c/∂b = a's data",
  );
});

Deno.test("step2/01 add() and mul() round exactly like + and *", () => {
  assertEquals(add(new Value(0.1), new Value(0.2)).data, 0.1 + 0.2);
  assertEquals(mul(new Value(0.1), new Value(3)).data, 0.1 * 3);
});

Deno.test("step2/01 add() and mul() accept a number on either side", () => {
  const v = new Value(5);
  for (const c of [add(v, 2), add(2, v), mul(v, 2), mul(2, v)]) {
    assertEquals(c.children.length, 2);
    assertEquals(
      c.children.map((child) => child.data).sort((a, b) => a - b),
      [2, 5],
    );
  }
  assertEquals(add(2, v).data, 7);
  assertEquals(mul(2, v).data, 10);
  // The number became a constant leaf; v is still the same object.
  assertStrictEquals(add(2, v).children[1], v);
  assertEquals(add(2, v).children[0].children, []);
  assertEquals(mul(v, 4).localGrads, [4, 5]);
});

Deno.test("step2/01 operations leave their inputs unchanged", () => {
  const a = new Value(2);
  const b = new Value(3);
  mul(add(a, b), a);
  for (const [v, data] of [[a, 2], [b, 3]] as const) {
    assertEquals(v.data, data);
    assertEquals(v.grad, 0);
    assertEquals(v.children, []);
  }
});

Deno.test("step2/01 a value used twice appears twice: a · a has gradient 2a", () => {
  const a = new Value(3);
  const c = mul(a, a);
  assertEquals(c.data, 9);
  assertStrictEquals(c.children[0], a);
  assertStrictEquals(c.children[1], a);
  assertEquals(
    gradientByPaths(c, a),
    6,
    "∂(a·a)/∂a through the graph: a must appear as both children",
  );
});

Deno.test("step2/01 the graph of a · b + c holds the chain rule's gradients (worked by hand)", () => {
  const a = new Value(2);
  const b = new Value(-3);
  const c = new Value(10);
  const d = add(mul(a, b), c); // d = a·b + c = 4
  assertEquals(d.data, 4);
  assertEquals(gradientByPaths(d, a), -3, "∂d/∂a = b");
  assertEquals(gradientByPaths(d, b), 2, "∂d/∂b = a");
  assertEquals(gradientByPaths(d, c), 1, "∂d/∂c = 1");
});
