/**
 * Number formatting that prints what Python's f-strings print, so the
 * trainer's lines equal the reference program's byte for byte.
 *
 * `Number.prototype.toFixed` agrees with Python's `f"{x:.4f}"` except in
 * three corners: exact ties (toFixed rounds half away from zero, Python half
 * to even), negative zero (Python keeps the sign) and the non-finite values
 * (Python prints `nan`, `inf`, `-inf`).
 *
 * @module
 */

/**
 * Formats `x` with `digits` decimals, like Python's `f"{x:.{digits}f}"`.
 *
 * @param digits Decimals, an integer from 0 to 20.
 * @returns The text Python would print.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pyFixed } from "./format.ts";
 *
 * assertEquals(pyFixed(3.297830136557929, 6), "3.297830");
 * assertEquals(pyFixed(0.125, 2), "0.12"); // a tie: half to even
 * assertEquals(pyFixed(2.15625, 4), "2.1562"); // toFixed says 2.1563
 * assertEquals(pyFixed(-0, 4), "-0.0000");
 * assertEquals([NaN, -Infinity].map((x) => pyFixed(x, 4)), ["nan", "-inf"]);
 * ```
 */
export function pyFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const magnitude = Math.abs(x);
  let text = magnitude.toFixed(digits);
  // A tie is a value exactly halfway between two outputs: magnitude * 10^d
  // ends in .5 exactly, which (10^d = 2^d * 5^d) means magnitude * 2^(d+1)
  // is an odd integer. Only then can toFixed's "round half up" differ from
  // Python's "round half to even".
  const scaled = magnitude * 2 ** (digits + 1);
  if (Number.isInteger(scaled) && scaled % 2 === 1 && magnitude < 2 ** 52) {
    const lastDigit = Number(text[text.length - 1]);
    if (lastDigit % 2 === 1) {
      // toFixed rounded up to an odd digit: Python rounds down to the even one.
      text = (magnitude - 0.5 * 10 ** -digits).toFixed(digits);
    }
  }
  return sign + text;
}

/** The line that separates training from the samples in every program. */
export const INFERENCE_HEADER = "--- inference (new, hallucinated names) ---";

/**
 * A training step's line, as the reference programs print it.
 *
 * @param step The step, counting from 0 (printed from 1).
 * @param loss The step's loss.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stepLine } from "./format.ts";
 *
 * assertEquals(stepLine(0, 1000, 3.297830136557929), "step    1 / 1000 | loss 3.2978");
 * ```
 */
export function stepLine(step: number, steps: number, loss: number): string {
  // Python's f"{n:4d}": right-aligned, never cut.
  const column = (n: number) => String(n).padStart(4);
  return `step ${column(step + 1)} / ${column(steps)} | loss ${
    pyFixed(loss, 4)
  }`;
}

/**
 * A sample's line, as the reference programs print it.
 *
 * @param index The sample, counting from 0 (printed from 1).
 * @param name The generated name.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { sampleLine } from "./format.ts";
 *
 * assertEquals(sampleLine(0, "aylan"), "sample  1: aylan");
 * ```
 */
export function sampleLine(index: number, name: string): string {
  return `sample ${String(index + 1).padStart(2)}: ${name}`;
}
