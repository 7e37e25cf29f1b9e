/**
 * Every command's argument parser: @std/cli's `parseArgs`, made strict.
 * Unknown flags, stray words, missing values and bad numbers are
 * {@linkcode UserError}s (exit code 2) that say what was expected and what
 * was found.
 *
 * @module
 */

import { parseArgs } from "@std/cli";
import { EXIT_USAGE, ShowHelp, UserError } from "./errors.ts";
import { visible } from "./style.ts";

/** The words a command accepts. */
export interface FlagSpec {
  /** Flags that take a value (`--steps 300`, `--steps=300`). */
  values?: readonly string[];
  /** Flags that are on or off (`--plain`); `help` (alias `-h`) always is. */
  booleans?: readonly string[];
  /** Value flags that may be given without one (`--show` alone: ""). */
  emptyAllowed?: readonly string[];
  /** One-letter spellings, e.g. `{ list: "l" }`. */
  aliases?: Record<string, string>;
  /** How many words that are not flags are allowed (default 0). */
  maxPositionals?: number;
  /**
   * The command (`"hint"`): its help, `support/help/COMMAND.txt`, is shown by
   * `--help` (`-h`), and its first line is the usage errors repeat.
   */
  command?: string;
}

/** The help text of `deno task COMMAND`: `support/help/COMMAND.txt`. */
export function helpOf(command: string): string {
  return Deno.readTextFileSync(
    new URL(`../help/${command}.txt`, import.meta.url),
  );
}

/** The usage line of `deno task COMMAND`: its help's first line. */
export function usageOf(command: string): string {
  return helpOf(command).split("\n")[0].replace(/^Usage: /, "");
}

/** The flags found: values as text, the boolean flags set, the other words. */
export interface Flags {
  values: Map<string, string>;
  booleans: Set<string>;
  positionals: string[];
}

/**
 * Parses `argv` by `spec`, strictly.
 *
 * @throws {UserError} For an unknown flag, too many words or a missing value.
 * @throws {ShowHelp} For `--help` when the spec has a help text
 * (`runMain` prints it and exits with 0).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseFlags } from "./args.ts";
 *
 * const flags = parseFlags(["-a", "step1/04", "--steps=3"], {
 *   values: ["steps"], booleans: ["all"], aliases: { all: "a" }, maxPositionals: 1,
 * });
 * assertEquals([...flags.booleans], ["all"]);
 * assertEquals(flags.values.get("steps"), "3");
 * assertEquals(flags.positionals, ["step1/04"]);
 * ```
 */
export function parseFlags(argv: readonly string[], spec: FlagSpec): Flags {
  const values = spec.values ?? [];
  const booleans = [...(spec.booleans ?? []), "help"];
  const usage = spec.command === undefined
    ? "see --help"
    : `usage: ${usageOf(spec.command)}`;
  const problems: string[] = [];
  // `--plain=false` would be read as true: a switch takes no value.
  const valued = argv.find((word) =>
    booleans.some((name) => word.startsWith(`--${name}=`))
  );
  if (valued !== undefined) {
    const name = valued.slice(0, valued.indexOf("="));
    throw new UserError(
      `${name} takes no value: received "${valued}", expected ${name} alone`,
      EXIT_USAGE,
    );
  }
  // @std/cli would read `--plain false` as the switch turned off: refuse it.
  const switchWord = argv.findIndex((word, i) =>
    (word === "true" || word === "false") && i > 0 &&
    booleans.some((name) => argv[i - 1] === `--${name}`)
  );
  if (switchWord !== -1) {
    throw new UserError(
      `Unexpected argument "${argv[switchWord]}": ${
        argv[switchWord - 1]
      } takes no value (${usage})`,
      EXIT_USAGE,
    );
  }
  const result = parseArgs(prepare(argv, values), {
    // "_": other words stay as typed ("1e0" is no lesson 1, "0x4" no 4).
    string: [...values, "_"],
    boolean: booleans,
    alias: { help: "h", ...spec.aliases },
    unknown: (arg: string, key?: string) => {
      if (key !== undefined || /^-[^\d.]/.test(arg)) {
        const flag = arg.replace(/=.*$/s, "");
        const near = closest(flag.replace(/^-+/, ""), [...values, ...booleans]);
        const guess = near === undefined ? "" : `: did you mean --${near}?`;
        problems.push(`Unknown flag "${flag}"${guess} (${usage})`);
        return false;
      }
      return true;
    },
  });
  if (problems.length > 0) throw new UserError(problems[0], EXIT_USAGE);
  // Flags are looked up by name below; std's precise result type does not
  // allow that, so view it as the plain record it is.
  const parsed = result as unknown as Record<string, unknown>;
  const found = new Map<string, string>();
  for (const name of values) {
    // A repeated flag: parseArgs keeps the last value, as most command lines
    // do. A value flag given alone is "" (it is a `string` flag).
    const text = parsed[name];
    if (text === undefined) continue;
    if (text === "" && !spec.emptyAllowed?.includes(name)) {
      throw new UserError(`--${name} needs a value (${usage})`, EXIT_USAGE);
    }
    found.set(name, String(text));
  }
  const positionals = result._.map(String);
  if (positionals.length > (spec.maxPositionals ?? 0)) {
    throw new UserError(
      spec.maxPositionals
        ? `Too many arguments: ${
          positionals.map((p) => `"${p}"`).join(" ")
        } (${usage})`
        : `Unexpected argument "${
          positionals[0]
        }": flags start with -- (${usage})`,
      EXIT_USAGE,
    );
  }
  if (spec.command !== undefined && parsed.help) {
    throw new ShowHelp(helpOf(spec.command).trimEnd());
  }
  return {
    values: found,
    booleans: new Set(booleans.filter((name) => parsed[name])),
    positionals,
  };
}

/**
 * Drops the `--` that `deno task train -- --steps 5` passes through, and
 * glues a negative number to its flag (`--lr -1` → `--lr=-1`) so that it is
 * reported as out of range rather than as an unknown flag "-1".
 */
function prepare(argv: readonly string[], values: readonly string[]): string[] {
  const words = argv.filter((word) => word !== "--");
  const result: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const [word, next] = [words[i], words[i + 1]];
    if (
      values.some((flag) => word === `--${flag}`) && next !== undefined &&
      (next === "" || /^-(\d|\.\d|inf|nan)/i.test(next))
    ) {
      result.push(`${word}=${next}`);
      i++;
    } else {
      result.push(word);
    }
  }
  return result;
}

/**
 * Parses a whole number of at least `min`: digits, perhaps with a sign (so
 * that "-1" is answered as a number out of range), no point or exponent.
 *
 * @throws {UserError} Saying what was expected and what was found.
 */
export function parseInteger(flag: string, text: string, min: number): number {
  const expected = min === 0
    ? "a non-negative integer"
    : min === 1
    ? "a positive integer"
    : `an integer >= ${min}`;
  const value = Number(text);
  if (!/^\s*[+-]?\d+\s*$/.test(text)) {
    throw new UserError(
      `${flag} must be ${expected}: received "${text}"`,
      EXIT_USAGE,
    );
  }
  if (!Number.isSafeInteger(value)) {
    throw new UserError(
      `${flag} ${text.trim()} is too large: integers are exact only up to 2^53 - 1 (${Number.MAX_SAFE_INTEGER}), expected ${expected} at most that`,
      EXIT_USAGE,
    );
  }
  if (value < min) {
    throw new UserError(
      `${flag} must be ${expected}: received ${value}`,
      EXIT_USAGE,
    );
  }
  return value;
}

/**
 * Parses a finite number greater than 0 (decimal or exponent notation).
 *
 * @throws {UserError} Saying what was expected and what was found.
 */
export function parsePositive(flag: string, text: string): number {
  const value = Number(text);
  const isDecimal = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text);
  const shown = isDecimal && Number.isFinite(value) ? text : `"${text}"`;
  if (isDecimal && value === 0 && /[1-9]/.test(text.replace(/e.*$/i, ""))) {
    throw new UserError(
      `${flag} ${text.trim()} is too small: it rounds to 0 in floating point (the smallest positive number is about 5e-324)`,
      EXIT_USAGE,
    );
  }
  if (isDecimal && !Number.isFinite(value)) {
    throw new UserError(
      `${flag} ${text.trim()} is too large: it rounds to infinity in floating point (the largest number is about 1.8e308)`,
      EXIT_USAGE,
    );
  }
  if (!isDecimal || !Number.isFinite(value) || value <= 0) {
    throw new UserError(
      `${flag} must be a positive number: received ${shown}`,
      EXIT_USAGE,
    );
  }
  return value;
}

/**
 * The known flag nearest to a mistyped one: letters added, dropped,
 * changed or swapped (`stpe` → `step`), one for a name of up to five
 * letters and two beyond, or none.
 */
function closest(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    // "-x" is two edits from "--lr" but no typo of it.
    const allowed = Math.min(2, Math.max(1, Math.floor(name.length / 3)));
    const d = editDistance(typed, name);
    if (d <= allowed && d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Optimal string alignment distance: edits, counting a swap of neighbours as one. */
function editDistance(a: string, b: string): number {
  // d[i][j]: the distance between a's first i letters and b's first j.
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * Seconds from the environment variable `name` (`text`, by default its
 * value), or `fallback` when it is not set.
 *
 * @throws {UserError} When it is not a number of seconds above 0 and at most
 * a day (a timer cannot wait past 2^31 ms).
 */
export function secondsFromEnv(
  name: string,
  fallback: number,
  text: string = Deno.env.get(name) ?? "",
): number {
  const seconds = text === "" ? fallback : Number(text);
  if (!/^(\d+(\.\d+)?)?$/.test(text) || !(seconds > 0) || seconds > 86400) {
    throw new UserError(
      `${name} must be a number of seconds from above 0 to 86400 (a day), e.g. 120: received ${
        visible(text, { quote: true, max: 40 })
      }`,
      EXIT_USAGE,
    );
  }
  return seconds;
}
