/**
 * Offline stand-in for `@std/cli` (1.0.32), used only when JSR cannot be
 * reached: the import maps in `support/maps/` point the bare specifier
 * `@std/cli` here. The primary dependency is the real `@std/cli` named in
 * `deno.json`. Only `parseArgs` is provided, with std's (minimist) parsing
 * rules; its types are deliberately loose (every flag is `any`), so code that
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

type Nested = Record<string, unknown>;

const FLAG_REGEXP = /^-(?:(-)(no-)?)?(.+?)(?:=(.*))?$/s;
const isNumber = (s: string) => /\S/.test(s) && Number.isFinite(Number(s));
const isBoolean = (s: string) => s === "true" || s === "false";
const isReserved = (o: Nested, k: string) =>
  k === "__proto__" || (k === "constructor" && typeof o[k] === "function");

function setNested(o: Nested, path: string, value: unknown) {
  const keys = path.split(".");
  const last = keys.pop()!;
  for (const k of keys) {
    if (isReserved(o, k)) return;
    o = (o[k] ??= {}) as Nested;
  }
  if (!isReserved(o, last)) o[last] = value;
}

function hasNested(o: Nested, path: string): boolean {
  for (const k of path.split(".")) {
    if (!Object.hasOwn(o, k)) return false;
    o = o[k] as Nested;
  }
  return true;
}

/**
 * Parses command-line words into flags and positionals, following std's
 * `parseArgs` (minimist rules: numbers converted, last value wins, ...).
 */
export function parseArgs(
  args: readonly string[],
  options: ParseOptions = {},
): Args {
  const {
    alias = {},
    boolean = [],
    string = [],
    unknown = (arg: string): unknown => arg,
  } = options;

  const aliases = new Map<string, string[]>();
  for (const [key, value] of Object.entries(alias)) {
    if (value === undefined) throw new TypeError("Alias value must be defined");
    const names = typeof value === "string" ? [value] : [...value];
    aliases.set(key, names);
    for (const n of names) {
      aliases.set(n, [key, ...names.filter((x) => x !== n)]);
    }
  }
  const withAliases = (list: string | readonly string[]) => {
    const set = new Set<string>();
    for (const key of [list].flat().filter(Boolean)) {
      set.add(key);
      aliases.get(key)?.forEach((a) => set.add(a));
    }
    return set;
  };
  const booleans = withAliases(boolean);
  const strings = withAliases(string);
  const aliasIsBoolean = (key: string) =>
    aliases.get(key)?.some((a) => booleans.has(a)) ?? false;

  const argv: Args = { _: [] };
  const set = (key: string, value: unknown, arg: string) => {
    const declared = booleans.has(key) || strings.has(key) || aliases.has(key);
    if (!declared && unknown(arg, key, value) === false) return;
    if (typeof value === "string" && !strings.has(key) && isNumber(value)) {
      value = Number(value);
    }
    for (const k of [key, ...aliases.get(key) ?? []]) setNested(argv, k, value);
  };
  const emptyValue = (key: string) => strings.has(key) ? "" : true;

  // Everything after the first "--" is left unparsed.
  const end = args.indexOf("--");
  const rest = end === -1 ? [] : args.slice(end + 1);
  if (end !== -1) args = args.slice(0, end);

  words: for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = FLAG_REGEXP.exec(arg);
    if (!match) { // a positional (or a lone "-")
      if (unknown(arg) !== false) {
        argv._.push(strings.has("_") || !isNumber(arg) ? arg : Number(arg));
      }
      continue;
    }
    const [, long, negated, name = "", inline] = match;
    const next = args[i + 1];
    if (long) {
      if (inline !== undefined) {
        set(name, booleans.has(name) ? inline !== "false" : inline, arg);
        continue;
      }
      // Without std's `negatable`, "--no-x" is a flag named "no-x".
      const key = negated ? `no-${name}` : name;
      if (
        next && !booleans.has(key) && !next.startsWith("-") &&
        !aliasIsBoolean(key)
      ) {
        set(key, next, arg);
        i++;
      } else if (next && isBoolean(next)) {
        set(key, next === "true", arg);
        i++;
      } else set(key, emptyValue(key), arg);
      continue;
    }
    // Short flags: "-abc" sets a, b and c; "-n5" and "-n=5" set n to 5.
    const letters = arg.slice(1, -1).split("");
    for (const [j, letter] of letters.entries()) {
      const tail = arg.slice(j + 2);
      if (tail === "-") {
        set(letter, tail, arg);
        continue;
      }
      if (tail === "=") {
        set(letter, "", arg);
        continue words;
      }
      if (/[A-Za-z]/.test(letter)) {
        const value = /=(.+)/.exec(tail)?.[1];
        if (value !== undefined || /-?\d+(\.\d*)?(e-?\d+)?$/.test(tail)) {
          set(letter, value ?? tail, arg);
          continue words;
        }
      }
      if (/\W/.test(letters[j + 1] ?? "")) {
        set(letter, tail, arg);
        continue words;
      }
      set(letter, emptyValue(letter), arg);
    }
    const key = arg.slice(-1);
    if (key === "-") continue;
    if (
      next && !/^(-|--)[^-]/.test(next) && !booleans.has(key) &&
      !aliasIsBoolean(key)
    ) {
      set(key, next, arg);
      i++;
    } else if (next && isBoolean(next)) {
      set(key, next === "true", arg);
      i++;
    } else set(key, emptyValue(key), arg);
  }

  for (const key of booleans) {
    if (!hasNested(argv, key)) setNested(argv, key, false);
  }
  argv._.push(...rest);
  return argv;
}
