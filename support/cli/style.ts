/**
 * How text reaches the terminal: {@linkcode visible}, the one escape of text
 * the kata did not write, and {@linkcode wrap} for paragraphs. Colours come
 * from `node:util`'s `styleText`, which honours NO_COLOR and leaves text
 * plain when the output is not a terminal.
 *
 * @module
 */

/**
 * Wraps `text` to lines of at most `width` characters, each starting with
 * `indent` (words longer than a line stay whole).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { wrap } from "./style.ts";
 *
 * assertEquals(wrap("one two three four", 11, "  "), "  one two\n  three\n  four");
 * assertEquals(wrap("unbreakablewordhere", 5), "unbreakablewordhere");
 * ```
 */
export function wrap(text: string, width: number, indent = ""): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(indent + line);
  return lines.join("\n");
}

/**
 * Text made safe to print, the one way the kata escapes what it did not write
 * itself (names, paths, a lesson's error): every character that is invisible
 * or that moves the terminal's cursor or text (controls, format characters
 * such as bidirectional overrides, line and paragraph separators, unassigned
 * and private-use code points, lone surrogates, unusual spaces) becomes a
 * `\u` escape. Tabs stay, unless quoted. With `quote`, the text is put in
 * double quotes with `"` and `\` escaped; past `max` characters it is cut
 * with "…".
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { visible } from "./style.ts";
 *
 * assertEquals(visible("a\x1b[2Jb\u202e"), "a\\u001b[2Jb\\u202e");
 * assertEquals(visible('say "hi"', { quote: true }), '"say \\"hi\\""');
 * assertEquals(visible("abcdef", { max: 3 }), "abc…");
 * ```
 */
export function visible(
  text: string,
  options: { quote?: boolean; max?: number } = {},
): string {
  const chars = [...text];
  const cut = chars.length > (options.max ?? Infinity);
  const shown = cut ? chars.slice(0, options.max).join("") : text;
  const escaped = shown.replace(INVISIBLE, (ch) => {
    if (ch === "\t" && !options.quote) return ch;
    if (ch === '"' || ch === "\\") return options.quote ? `\\${ch}` : ch;
    const hex = ch.codePointAt(0)!.toString(16);
    return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
  });
  const quoted = options.quote ? `"${escaped}"` : escaped;
  return cut ? `${quoted}…` : quoted;
}

const INVISIBLE =
  /["\\\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Cs}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;
