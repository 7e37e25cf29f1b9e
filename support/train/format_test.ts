import { assertEquals } from "@std/assert";
import { pyFixed, pyInt } from "./format.ts";

// Expected texts printed by CPython 3.11: f"{x:.{d}f}".
Deno.test("pyFixed() prints what Python's f-strings print", () => {
  const cases: [number, number, string][] = [
    [3.297830136557929, 6, "3.297830"],
    [2.029518201499686e-9, 8, "0.00000000"],
    [2.5680412, 4, "2.5680"],
    [0.125, 2, "0.12"], // a tie: Python rounds half to even, toFixed up
    [0.375, 2, "0.38"],
    [2.5, 0, "2"],
    [3.5, 0, "4"],
    [1.03125, 4, "1.0312"],
    [-1.03125, 4, "-1.0312"],
    [-0, 4, "-0.0000"],
    [-0.00001, 4, "-0.0000"],
    [0, 4, "0.0000"],
    [1234.5, 1, "1234.5"],
  ];
  for (const [x, digits, expected] of cases) {
    assertEquals(pyFixed(x, digits), expected, `${x} with ${digits} decimals`);
  }
});

Deno.test("pyFixed() prints nan and inf like Python", () => {
  assertEquals(pyFixed(NaN, 4), "nan");
  assertEquals(pyFixed(Infinity, 4), "inf");
  assertEquals(pyFixed(-Infinity, 6), "-inf");
});

Deno.test("pyInt() pads to a width and never cuts", () => {
  assertEquals(pyInt(1, 4), "   1");
  assertEquals(pyInt(1000, 4), "1000");
  assertEquals(pyInt(30000, 4), "30000");
  assertEquals(pyInt(3, 2), " 3");
});
