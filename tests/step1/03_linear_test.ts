import { assertEquals } from "@std/assert";
import { linear } from "../../lessons/step1/03_linear.ts";

Deno.test("step1/03 linear() takes one dot product per row", () => {
  assertEquals(linear([1, 2], [[1, 0], [0, 1], [3, 4]]), [1, 2, 11]);
  assertEquals(linear([2, -1, 0.5], [[1, 1, 1], [0, 2, 4]]), [1.5, 0]);
});

Deno.test("step1/03 linear() with the identity returns the input", () => {
  assertEquals(linear([5, -3], [[1, 0], [0, 1]]), [5, -3]);
});

Deno.test("step1/03 linear() has one output per row of w", () => {
  const w = Array.from({ length: 64 }, () => new Array(16).fill(0.5));
  const out = linear(new Array(16).fill(1), w);
  assertEquals(out.length, 64);
  assertEquals(out[0], 8);
});

Deno.test("step1/03 linear() leaves its inputs unchanged", () => {
  const x = [1, 2];
  const w = [[3, 4], [5, 6]];
  linear(x, w);
  assertEquals(x, [1, 2]);
  assertEquals(w, [[3, 4], [5, 6]]);
});
