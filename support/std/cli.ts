/**
 * Offline stand-in for `@std/cli` (1.0.32), used only when JSR cannot be
 * reached: the import maps in `support/maps/` point the bare specifier
 * `@std/cli` here. The primary dependency is the real `@std/cli` named in
 * `deno.json`. Only `parseArgs` is provided, and only the part of std's
 * (minimist) rules that the kata's one caller, `cli/args.ts`, relies on:
 * long flags with `=` or a following value, single-letter flags and their
 * clusters (`-abc`), booleans, strings, aliases, `unknown`, and `--`. Its
 * types are deliberately loose (every flag is `any`), so code that
 * type-checks against the real, precisely typed std also checks here.
 * `support/std/contract_test.ts` checks both against each other.
 *
 * @module
 */

/** Options for {@linkcode parseArgs}: the ones the kata uses, as in std. */
export interface ParseOptions {
  /** Alternative names: `{ lesson: "l" }` sets both `lesson` and `l`. */
  alias?: Partial<Record<string, string | readonly string[]>>;
  /** Flags that never take a value. */
  boolean?: string | readonly string[];
  /** Flags whose values stay strings (`"_"`: positionals too). */
  string?: string | readonly string[];
  /** Called for undeclared flags and positionals; `false` drops them. */
  unknown?: (arg: string, key?: string, value?: unknown) => unknown;
}

/** The parsed arguments: `_` holds the positionals. */
// deno-lint-ignore no-explicit-any
export type Args = { _: Array<string | number>; [flag: string]: any };

/** Whether std would turn `text` into a number. */
const isNumber = (text: string) => /\S/.test(text) && isFinite(Number(text));

/**
 * Parses `args` as std's `parseArgs` does, for the options above.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseArgs } from "./cli.ts";
 *
 * assertEquals(
 *   parseArgs(["-l", "03", "--plain", "x"], {
 *     string: ["lesson", "_"],
 *     boolean: ["plain"],
 *     alias: { lesson: "l" },
 *   }),
 *   { _: ["x"], l: "03", lesson: "03", plain: true },
 * );
 * ```
 */
export function parseArgs(
  args: readonly string[],
  options: ParseOptions = {},
): Args {
  const { alias = {}, boolean = [], string = [], unknown = () => true } =
    options;
  // Every name of a flag, by each of its names.
  const names = new Map<string, string[]>();
  for (const [key, value] of Object.entries(alias)) {
    if (value === undefined) throw new TypeError("Alias value must be defined");
    const group = [key, ...[value].flat()];
    for (const name of group) names.set(name, group);
  }
  const namesOf = (key: string) => names.get(key) ?? [key];
  const expand = (list: string | readonly string[]) =>
    new Set([list].flat().flatMap(namesOf));
  const booleans = expand(boolean);
  const strings = expand(string);

  const argv: Args = { _: [] };
  const set = (key: string, value: string | boolean, arg: string) => {
    const declared = booleans.has(key) || strings.has(key) || names.has(key);
    if (!declared && unknown(arg, key, value) === false) return;
    const typed = typeof value === "string" && !strings.has(key) &&
        isNumber(value)
      ? Number(value)
      : value;
    for (const name of namesOf(key)) {
      if (name !== "__proto__" && name !== "constructor") argv[name] = typed;
    }
  };
  const end = args.indexOf("--");
  const words = end === -1 ? args : args.slice(0, end);
  for (let i = 0; i < words.length; i++) {
    const arg = words[i];
    const flag = /^(--?)([^=]+)(?:=(.*))?$/s.exec(arg);
    if (flag === null || arg === "-") {
      if (unknown(arg) !== false) {
        argv._.push(strings.has("_") || !isNumber(arg) ? arg : Number(arg));
      }
      continue;
    }
    const [, dashes, name, inline] = flag;
    // `-abc` is three flags; only the last may take a value.
    const keys = dashes === "-" ? [...name] : [name];
    const key = keys.pop()!;
    for (const each of keys) set(each, strings.has(each) ? "" : true, arg);
    const next = words[i + 1];
    if (inline !== undefined) {
      set(key, booleans.has(key) ? inline !== "false" : inline, arg);
    } else if (
      next !== undefined && !next.startsWith("-") && !booleans.has(key)
    ) {
      set(key, next, arg);
      i++;
    } else if (next === "true" || next === "false") {
      set(key, next === "true", arg);
      i++;
    } else {
      set(key, strings.has(key) ? "" : true, arg);
    }
  }
  for (const key of booleans) argv[key] ??= false;
  if (end !== -1) argv._.push(...args.slice(end + 1));
  return argv;
}
