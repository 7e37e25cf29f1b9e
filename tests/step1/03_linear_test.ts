import { assertEquals } from "@std/assert";
import { assertListEquals } from "../_assert.ts";
import { linear } from "../../lessons/step1/03_linear.ts";

Deno.test("step1/03 linear() takes one dot product per row", () => {
  const output = (i: number) => `output ${i} (row ${i} of w · x)`;
  assertListEquals(linear([1, 2], [[1, 0], [0, 1], [3, 4]]), [1, 2, 11], {
    what: output,
  });
  assertListEquals(linear([2, -1, 0.5], [[1, 1, 1], [0, 2, 4]]), [1.5, 0], {
    what: output,
  });
});

Deno.test("step1/03 linear() with the identity returns the input", () => {
  assertListEquals(linear([5, -3], [[1, 0], [0, 1]]), [5, -3], {
    what: (i) => `output ${i} of the identity times [5, -3]`,
  });
});

Deno.test("step1/03 linear() has one output per row of w", () => {
  const w = Array.from({ length: 64 }, () => new Array(16).fill(0.5));
  const out = linear(new Array(16).fill(1), w);
  assertEquals(out.length, 64, "one output per row of w (64 rows)");
  assertEquals(out[0], 8, "output 0: 16 products of 0.5 · 1");
});

Deno.test("step1/03 linear() leaves its inputs unchanged", () => {
  const x = [1, 2];
  const w = [[3, 4], [5, 6]];
  linear(x, w);
  assertEquals(x, [1, 2]);
  assertEquals(w, [[3, 4], [5, 6]]);
});
