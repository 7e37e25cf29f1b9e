/**
 * Command lines of `deno task train` and `deno task sample`: the flags,
 * their defaults, the help texts, and strict parsing with @std/cli's
 * `parseArgs` (unknown flags, missing values and bad numbers are errors that
 * say what was expected and what was found).
 *
 * @module
 */

import { parseArgs } from "@std/cli";
import { UsageError } from "./errors.ts";
import type { ProgramOptions } from "./program.ts";
import { DEFAULT_STEP } from "./programs.ts";

/** The trainer's defaults: the guide's Step 1 hyperparameters. */
export const TRAIN_DEFAULTS: Readonly<ProgramOptions> = {
  seed: 42,
  steps: 1000,
  lr: 1.0,
  temperature: 0.5,
  samples: 20,
  logEvery: 200,
};

/** What `deno task train` was asked to do. */
export interface TrainArgs {
  help: boolean;
  /** No live view: print only the reference program's lines. */
  plain: boolean;
  /** Run solutions/ (the launcher picks the import map; this records it). */
  solutions: boolean;
  /** The guide step to run. */
  step: number;
  /** The names file; undefined means the default dataset. */
  data?: string;
  /** Where to save the trained model. */
  save?: string;
  /** The hyperparameters given on the command line (the rest default). */
  options: Partial<ProgramOptions>;
}

/** What `deno task sample` was asked to do. */
export interface SampleArgs {
  help: boolean;
  solutions: boolean;
  /** The model file. */
  model: string;
  samples: number;
  temperature: number;
  seed: number;
  /** Show the next-token distribution after this beginning of a name. */
  show?: string;
}

/** `deno task sample`'s defaults. */
export const SAMPLE_DEFAULTS = {
  model: "model.json",
  samples: 20,
  temperature: 0.5,
  seed: 42,
} as const;

/**
 * The help text of `deno task train`.
 *
 * @param steps The available steps, by number and title.
 * @returns The usage text.
 */
export function trainUsage(
  steps: readonly { step: number; title: string }[],
): string {
  const d = TRAIN_DEFAULTS;
  const stepList = steps.map(({ step, title }) =>
    `\n                       ${step}  ${title}`
  ).join("");
  return `Usage: deno task train [flags]

Trains the guide's model with the code of your lessons, then invents names.
Plain output (when stdout is not a terminal, or with --plain) is exactly what
the guide's reference program prints; in a terminal you also see a progress
bar and the loss curve as it trains.

Flags:
  --data FILE        names to learn from, one per line (default: data/names.txt
                     if it exists, else ~4,900 English first names shipped by
                     an npm package)
  --step N           which step of the guide to run (default ${DEFAULT_STEP}):${stepList}
  --steps N          training steps, one name each, N >= 1 (default ${d.steps})
  --lr X             starting learning rate, X > 0; it decays linearly to 0
                     (default ${d.lr.toFixed(1)})
  --seed N           random seed for the shuffle, the weights and the
                     sampling, N >= 0 (default ${d.seed})
  --temperature T    sampling temperature, T > 0: lower is safer, higher
                     wilder (default ${d.temperature})
  --samples N        how many names to invent, N >= 0 (default ${d.samples})
  --log-every K      print a step line when s < 5 or s % K == 0, K >= 1
                     (default ${d.logEvery})
  --save FILE        save the trained model as JSON, for deno task sample
                     (default: not saved)
  --plain            print only the reference program's lines, no live view
  --solutions        train with solutions/ instead of your lessons
  --help, -h         show this help

The defaults are the guide's Step 1 hyperparameters; a step whose program
says otherwise (e.g. one that logs every step) uses its own.

Examples:
  deno task train --solutions
  deno task train --data data/names.txt --steps 5000 --save model.json
  deno task train --plain > run.txt
`;
}

/** The help text of `deno task sample`. */
export function sampleUsage(): string {
  const d = SAMPLE_DEFAULTS;
  return `Usage: deno task sample [flags]

Invents names with a model saved by deno task train --save FILE, or shows
what the model thinks comes next after the beginning of a name.

Flags:
  --model FILE       the model file (default: ${d.model})
  --samples N        how many names to invent, N >= 0 (default ${d.samples})
  --temperature T    sampling temperature, T > 0: lower is safer, higher
                     wilder (default ${d.temperature})
  --seed N           random seed, N >= 0 (default ${d.seed})
  --show [TEXT]      instead of sampling, draw the probability of each next
                     character after TEXT (the beginning of a name; without
                     TEXT: the first letter) at the chosen temperature
  --solutions        sample with solutions/ instead of your lessons
  --help, -h         show this help

Examples:
  deno task sample --model model.json --samples 10 --temperature 0.8
  deno task sample --show em --temperature 2
`;
}

const TRAIN_VALUE_FLAGS = [
  "data",
  "step",
  "steps",
  "lr",
  "seed",
  "temperature",
  "samples",
  "log-every",
  "save",
] as const;
const TRAIN_BOOLEAN_FLAGS = ["plain", "solutions", "help"] as const;

/**
 * Parses `deno task train`'s command line.
 *
 * @param argv The arguments (Deno.args).
 * @returns The parsed flags.
 * @throws {UsageError} For an unknown flag, a stray argument, a missing
 * value or a value out of range.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseTrainArgs } from "./args.ts";
 *
 * const args = parseTrainArgs(["--steps", "300", "--lr=0.5", "--plain"]);
 * assertEquals(args.options, { steps: 300, lr: 0.5 });
 * assertEquals(args.plain, true);
 * ```
 */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const flags = parseStrict(argv, TRAIN_VALUE_FLAGS, TRAIN_BOOLEAN_FLAGS);
  const options: Partial<ProgramOptions> = {};
  const value = (name: string) => flags.values.get(name);
  let text: string | undefined;
  if ((text = value("steps")) !== undefined) {
    options.steps = parseInteger("--steps", text, 1);
  }
  if ((text = value("lr")) !== undefined) {
    options.lr = parsePositive("--lr", text);
  }
  if ((text = value("seed")) !== undefined) {
    options.seed = parseInteger("--seed", text, 0);
  }
  if ((text = value("temperature")) !== undefined) {
    options.temperature = parsePositive("--temperature", text);
  }
  if ((text = value("samples")) !== undefined) {
    options.samples = parseInteger("--samples", text, 0);
  }
  if ((text = value("log-every")) !== undefined) {
    options.logEvery = parseInteger("--log-every", text, 1);
  }
  const step = value("step");
  return {
    help: flags.booleans.has("help"),
    plain: flags.booleans.has("plain"),
    solutions: flags.booleans.has("solutions"),
    step: step === undefined ? DEFAULT_STEP : parseInteger("--step", step, 0),
    data: fileName("--data", value("data")),
    save: fileName("--save", value("save")),
    options,
  };
}

/**
 * Parses `deno task sample`'s command line.
 *
 * @param argv The arguments (Deno.args).
 * @returns The parsed flags, with defaults filled in.
 * @throws {UsageError} For an unknown flag, a stray argument, a missing
 * value or a value out of range.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseSampleArgs } from "./args.ts";
 *
 * const args = parseSampleArgs(["--show", "em", "--temperature", "2"]);
 * assertEquals([args.show, args.temperature, args.model], ["em", 2, "model.json"]);
 * ```
 */
export function parseSampleArgs(argv: readonly string[]): SampleArgs {
  const flags = parseStrict(
    argv,
    ["model", "samples", "temperature", "seed", "show"],
    ["solutions", "help"],
  );
  const value = (name: string) => flags.values.get(name);
  const d = SAMPLE_DEFAULTS;
  const samples = value("samples");
  const temperature = value("temperature");
  const seed = value("seed");
  return {
    help: flags.booleans.has("help"),
    solutions: flags.booleans.has("solutions"),
    model: fileName("--model", value("model")) ?? d.model,
    samples: samples === undefined
      ? d.samples
      : parseInteger("--samples", samples, 0),
    temperature: temperature === undefined
      ? d.temperature
      : parsePositive("--temperature", temperature),
    seed: seed === undefined ? d.seed : parseInteger("--seed", seed, 0),
    show: value("show"),
  };
}

/** The flags found: values as text, and the boolean flags that were set. */
interface ParsedFlags {
  values: Map<string, string>;
  booleans: Set<string>;
}

function parseStrict(
  argv: readonly string[],
  valueFlags: readonly string[],
  booleanFlags: readonly string[],
): ParsedFlags {
  const problems: string[] = [];
  const result = parseArgs(prepare(argv, valueFlags), {
    string: [...valueFlags],
    boolean: [...booleanFlags],
    alias: { help: "h" },
    unknown: (arg: string, key?: string) => {
      problems.push(
        key === undefined
          ? `Unexpected argument "${arg}": flags start with --, see --help`
          : `Unknown flag "${
            arg.replace(/=.*$/s, "")
          }": see --help for the flags`,
      );
      return false;
    },
  });
  if (problems.length > 0) throw new UsageError(problems[0]);
  // Flags are looked up by name below; std's precise result type does not
  // allow that, so view it as the plain record it is.
  const parsed = result as unknown as Record<string, unknown>;
  const values = new Map<string, string>();
  for (const name of valueFlags) {
    const value: unknown = parsed[name];
    if (value === undefined) continue;
    // A repeated flag: the last one wins, as in most command lines.
    const text = Array.isArray(value) ? value[value.length - 1] : value;
    values.set(name, String(text));
  }
  const booleans = new Set(booleanFlags.filter((name) => parsed[name]));
  return { values, booleans };
}

/**
 * Drops the `--` that `deno task train -- --steps 5` passes through, and
 * glues a negative number to its flag (`--lr -1` → `--lr=-1`) so that it is
 * reported as out of range rather than as an unknown flag "-1".
 */
function prepare(
  argv: readonly string[],
  valueFlags: readonly string[],
): string[] {
  const words = argv.filter((word) => word !== "--");
  const result: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    const isValueFlag = valueFlags.some((flag) => word === `--${flag}`);
    if (
      isValueFlag && next !== undefined && /^-(\d|\.\d|inf|nan)/i.test(next)
    ) {
      result.push(`${word}=${next}`);
      i++;
    } else {
      result.push(word);
    }
  }
  return result;
}

function fileName(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text === "") throw missingValue(flag, "FILE");
  return text;
}

function missingValue(flag: string, example: string): UsageError {
  return new UsageError(`${flag} needs a value, e.g. ${flag} ${example}`);
}

/**
 * Parses a whole number of at least `min` (digits only: no sign, point or
 * exponent).
 *
 * @throws {UsageError} Saying what was expected and what was found.
 */
export function parseInteger(flag: string, text: string, min: number): number {
  if (text.trim() === "") throw missingValue(flag, String(Math.max(min, 1)));
  const expected = min === 0
    ? "a non-negative integer"
    : min === 1
    ? "a positive integer"
    : `an integer >= ${min}`;
  const value = Number(text);
  if (!/^\s*[+-]?\d+\s*$/.test(text) || !Number.isSafeInteger(value)) {
    throw new UsageError(`${flag} must be ${expected}: received "${text}"`);
  }
  if (value < min) {
    throw new UsageError(`${flag} must be ${expected}: received ${value}`);
  }
  return value;
}

/**
 * Parses a finite number greater than 0 (decimal or exponent notation).
 *
 * @throws {UsageError} Saying what was expected and what was found.
 */
export function parsePositive(flag: string, text: string): number {
  if (text.trim() === "") throw missingValue(flag, "0.5");
  const value = Number(text);
  const isDecimal = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text);
  if (!isDecimal || !Number.isFinite(value)) {
    throw new UsageError(
      `${flag} must be a positive number: received "${text}"`,
    );
  }
  if (value <= 0) {
    throw new UsageError(`${flag} must be a positive number: received ${text}`);
  }
  return value;
}
