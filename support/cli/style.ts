/**
 * The palette and the terminal niceties every command shares: ANSI colours,
 * clickable paths and cursor moves that switch themselves off when the
 * output is not a terminal.
 *
 * @module
 */

import { UserError } from "./errors.ts";

/** How to write to one output: colours, hyperlinks, width. */
export interface Style {
  /** ANSI colours (off when NO_COLOR is set or the output is not a terminal). */
  color: boolean;
  /** OSC 8 hyperlinks around file paths (only on a terminal). */
  links: boolean;
  /** The terminal's width in columns; `undefined` when not a terminal. */
  columns?: number;
}

/** A plain style: no colours, no links, no width (for pipes and tests). */
export const PLAIN: Style = { color: false, links: false };

/** The style for stdout: plain unless it is a terminal. */
export function stdoutStyle(): Style {
  if (!Deno.stdout.isTerminal()) return PLAIN;
  let columns: number | undefined;
  try {
    columns = Deno.consoleSize().columns;
  } catch {
    columns = undefined;
  }
  return { color: !Deno.noColor, links: true, columns };
}

/** The palette: each colour's ANSI code. */
const CODES = {
  bold: 1,
  dim: 2,
  red: 31,
  green: 32,
  yellow: 33,
  cyan: 36,
} as const;

/** A colour (or weight) a piece of text can have. */
export type Paint = keyof typeof CODES;

/**
 * Paints `text` when `color` is on (a Style or a flag); returns it unchanged
 * otherwise. Several paints combine ("dim" and "yellow").
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { paint } from "./style.ts";
 *
 * assertEquals(paint(true, "green", "ok"), "\x1b[32mok\x1b[0m");
 * assertEquals(paint(false, "green", "ok"), "ok");
 * ```
 */
export function paint(
  color: Style | boolean,
  how: Paint | Paint[],
  text: string,
): string {
  if (!(typeof color === "boolean" ? color : color.color)) return text;
  const codes = (Array.isArray(how) ? how : [how]).map((h) => CODES[h]);
  return `\x1b[${codes.join(";")}m${text}\x1b[0m`;
}

/** Cursor moves: up `n` lines to their start and clear below; clear screen. */
export const CURSOR = {
  upAndClear: (n: number) => n === 0 ? "" : `\x1b[${n}F\x1b[J`,
  clearScreen: "\x1b[2J\x1b[3J\x1b[H",
  clearLineAbove: "\x1b[1A\x1b[2K",
} as const;

/**
 * A file path to show: absolute (with `:line` when given), wrapped in an
 * OSC 8 hyperlink when the style allows links.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fileLink, PLAIN } from "./style.ts";
 *
 * assertEquals(fileLink(PLAIN, "/kata/lessons/step1/04_softmax.ts", 38), "/kata/lessons/step1/04_softmax.ts:38");
 * ```
 */
export function fileLink(style: Style, path: string, line?: number): string {
  const text = line === undefined ? path : `${path}:${line}`;
  if (!style.links) return text;
  const url = new URL(`file://${path}`).href;
  return `\x1b]8;;${url}\x1b\\${text}\x1b]8;;\x1b\\`;
}

/** Removes ANSI escape sequences (colours and hyperlinks) from `text`. */
export function stripAnsi(text: string): string {
  // Matching ESC is the point here.
  // deno-lint-ignore no-control-regex
  const hyperlinks = /\x1b\]8;;[^\x1b]*\x1b\\/g;
  // deno-lint-ignore no-control-regex
  const codes = /\x1b\[[0-9;]*[A-Za-z]/g;
  return text.replace(hyperlinks, "").replace(codes, "");
}

/**
 * Wraps `text` to lines of at most `width` characters, each starting with
 * `indent` (words longer than a line stay whole).
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
 * Asks a yes/no question on the terminal; "no" unless the answer starts
 * with y. Without a terminal on stdin it refuses with `refusal`, since
 * nobody can answer.
 *
 * @throws {UserError} When stdin is not a terminal.
 */
export function confirmOrRefuse(question: string, refusal: string): boolean {
  if (!Deno.stdin.isTerminal()) throw new UserError(refusal);
  const answer = prompt(`${question} [y/N]`);
  return answer !== null && /^\s*y/i.test(answer);
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
