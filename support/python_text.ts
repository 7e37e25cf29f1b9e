/**
 * Text read the way the guide's Python reads it, so that the kata's
 * programs see the same names, the same vocabulary and the same order as
 * the reference programs, byte for byte:
 *
 *     text = open(path, "r", encoding="utf-8").read()
 *     docs = [l.strip() for l in text.strip().split("\n") if l.strip()]
 *     uchars = sorted(set("".join(docs)))
 *
 * Three details differ from JavaScript's habits: text mode turns `\r\n` and
 * a lone `\r` into `\n` (universal newlines); `str.strip()` removes
 * Python's whitespace set, which is not JavaScript's `trim()` set (it has
 * U+001C–U+001F and U+0085, and lacks U+FEFF); `sorted()` orders strings by
 * code point, while JavaScript's `sort()` compares UTF-16 units, which
 * differ for characters beyond U+FFFF. A UTF-8 byte-order mark is kept, as
 * Python's "utf-8" codec keeps it, as the character U+FEFF.
 *
 * @module
 */

/** Python's `str.isspace()` characters (CPython 3.11, all of Unicode). */
export const PYTHON_WHITESPACE: ReadonlySet<string> = new Set(
  "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004" +
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
);

/**
 * Python's `s.strip()`: removes Python's whitespace from both ends.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pythonStrip } from "./python_text.ts";
 *
 * assertEquals(pythonStrip("\u0085 ann\u001f"), "ann");
 * assertEquals(pythonStrip("\ufeffann"), "\ufeffann");
 * ```
 */
export function pythonStrip(s: string): string {
  // Every Python whitespace character is a single UTF-16 unit.
  let start = 0;
  let end = s.length;
  while (start < end && PYTHON_WHITESPACE.has(s[start])) start++;
  while (end > start && PYTHON_WHITESPACE.has(s[end - 1])) end--;
  return s.slice(start, end);
}

/**
 * Decodes UTF-8 as Python's text mode does: strict UTF-8, the byte-order
 * mark kept as U+FEFF, `\r\n` and lone `\r` turned into `\n`; throws a
 * TypeError on invalid UTF-8.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodePythonText } from "./python_text.ts";
 *
 * const bytes = new TextEncoder().encode("ann\r\nbob\rcy");
 * assertEquals(decodePythonText(bytes), "ann\nbob\ncy");
 * ```
 */
export function decodePythonText(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })
    .decode(bytes);
  return text.replace(/\r\n?/g, "\n");
}

/**
 * The names of a names file's text, as the reference programs read them:
 * strip the text, split on `\n`, strip each line, drop the empty ones.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pythonNames } from "./python_text.ts";
 *
 * assertEquals(pythonNames("  ann \n\n\u00a0\nbob\u0085\n"), ["ann", "bob"]);
 * ```
 */
export function pythonNames(text: string): string[] {
  return pythonStrip(text).split("\n").map(pythonStrip).filter((line) =>
    line.length > 0
  );
}

/**
 * Compares two strings by code point, as Python's `sorted()` orders them
 * (JavaScript's default sort compares UTF-16 units instead).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compareCodePoints } from "./python_text.ts";
 *
 * // U+FF21 (a full-width A) comes before U+1F600 (an emoji) by code point,
 * // after it by UTF-16 unit (0xFF21 > 0xD83D).
 * assertEquals(["😀", "Ａ"].sort(compareCodePoints), ["Ａ", "😀"]);
 * assertEquals(["😀", "Ａ"].sort(), ["😀", "Ａ"]);
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
