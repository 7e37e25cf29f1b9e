/**
 * What every journey command shares: one-sentence errors instead of stack
 * traces, a small argument parser, colours and clickable paths that switch
 * themselves off when the output is not a terminal, and the y/N question.
 *
 * Imports no bare specifier, so the commands run with or without an import
 * map.
 *
 * @module
 */

/** A mistake the user can fix: printed as one sentence, no stack trace. */
export class CliError extends Error {
  /** The process's exit code. */
  readonly code: number;

  constructor(message: string, code = 1) {
    super(message);
    this.name = "CliError";
    this.code = code;
  }
}

/**
 * Runs a command's `main`, exits with its code, and turns any error into one
 * line on stderr: the message of a {@linkcode CliError}, or "Unexpected
 * error: …" for anything else.
 */
export async function runMain(main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      code = error.code;
    } else {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`Unexpected error: ${reason.split("\n")[0]}`);
      code = 1;
    }
  }
  Deno.exit(code);
}

/** The words a command accepts: flags (with their aliases) and positionals. */
export interface ArgSpec {
  /** Each flag's spellings, e.g. `{ all: ["--all", "-a"] }`. */
  flags: Record<string, string[]>;
  /** How many words that are not flags are allowed. */
  maxPositionals: number;
  /** The command line to show in error messages, e.g. "deno task hint [lesson]". */
  usage: string;
}

/** Parsed arguments: the flags that were given, and the other words. */
export interface ParsedArgs {
  flags: Set<string>;
  positionals: string[];
}

/**
 * Parses `args` by `spec`: only the listed flags, at most
 * `spec.maxPositionals` other words.
 *
 * @throws {CliError} On an unknown flag or too many words.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCommandArgs } from "./cli.ts";
 *
 * const spec = { flags: { all: ["--all", "-a"] }, maxPositionals: 1, usage: "deno task hint [lesson]" };
 * const parsed = parseCommandArgs(["-a", "step1/04"], spec);
 * assertEquals([...parsed.flags], ["all"]);
 * assertEquals(parsed.positionals, ["step1/04"]);
 * ```
 */
export function parseCommandArgs(args: string[], spec: ArgSpec): ParsedArgs {
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (const arg of args) {
    // `deno task hint -- step1/04` passes the "--" on: it means nothing here.
    if (arg === "--") continue;
    const flag = Object.entries(spec.flags).find(([, spellings]) =>
      spellings.includes(arg)
    );
    if (flag !== undefined) {
      flags.add(flag[0]);
    } else if (arg.startsWith("-") && !/^-\d/.test(arg)) {
      const known = Object.values(spec.flags).map((s) => s[0]).join(", ");
      throw new CliError(
        `Unknown option "${arg}": expected ${
          known === "" ? "no option" : `one of ${known}`
        } (usage: ${spec.usage})`,
        2,
      );
    } else {
      positionals.push(arg);
    }
  }
  if (positionals.length > spec.maxPositionals) {
    throw new CliError(
      `Too many arguments: ${
        positionals.map((p) => `"${p}"`).join(" ")
      } (usage: ${spec.usage})`,
      2,
    );
  }
  return { flags, positionals };
}

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

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

/** A colour (or weight) a piece of text can have. */
export type Paint = keyof typeof CODES;

/** Paints `text` when the style has colours; returns it unchanged otherwise. */
export function paint(style: Style, how: Paint, text: string): string {
  if (!style.color) return text;
  const [on, off] = CODES[how];
  return `\x1b[${on}m${text}\x1b[${off}m`;
}

/**
 * A file path to show: absolute (with `:line` when given), wrapped in an
 * OSC 8 hyperlink when the style allows links.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fileLink, PLAIN } from "./cli.ts";
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
 * Asks a yes/no question on the terminal; "no" unless the answer starts
 * with y. Without a terminal on stdin it refuses with `refusal`, since
 * nobody can answer.
 *
 * @throws {CliError} When stdin is not a terminal.
 */
export function confirmOrRefuse(question: string, refusal: string): boolean {
  if (!Deno.stdin.isTerminal()) throw new CliError(refusal);
  const answer = prompt(`${question} [y/N]`);
  return answer !== null && /^\s*y/i.test(answer);
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
