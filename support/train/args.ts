/**
 * Command lines of `deno task train` and `deno task sample`: their flags,
 * read by the strict parser every command shares (`support/cli/args.ts`),
 * and their help texts. The hyperparameters both take are read and checked
 * here once; their defaults live in `--help`'s text and in the code that
 * applies them (`TRAIN_DEFAULTS` and a step's `defaults`, through
 * `optionsFor`).
 *
 * @module
 */

import { parseFlags, parseInteger, parsePositive } from "../cli/args.ts";
import { EXIT_USAGE, UserError } from "../cli/errors.ts";
import { DEFAULT_STEP, flagName, type ProgramOptions } from "./step_program.ts";

/** Each command's flags. */
const FLAGS = {
  train: {
    values: "data step steps lr seed temperature samples log-every save"
      .split(" "),
    booleans: ["plain", "solutions"],
  },
  sample: {
    values: ["model", "samples", "temperature", "seed", "show", "attention"],
    booleans: ["solutions"],
    emptyAllowed: ["show"],
  },
};

/** How each hyperparameter's flag is read and checked. */
const OPTIONS: Record<keyof ProgramOptions, (text: string) => number> = {
  steps: (text) => parseInteger("--steps", text, 1),
  seed: (text) => parseInteger("--seed", text, 0),
  samples: (text) => parseInteger("--samples", text, 0),
  logEvery: (text) => parseInteger("--log-every", text, 1),
  lr: (text) => parsePositive("--lr", text),
  temperature: parseTemperature,
};

/**
 * Parses the command line of `deno task train` or `sample`.
 *
 * @returns The flags given: `values` by name (the files, `--show`'s and
 * `--attention`'s text), the switches, the step (train's), and `options`,
 * the hyperparameters given (the rest default).
 * @throws {UserError} For an unknown flag, a stray argument, a missing
 * value or a value out of range, and for `--solutions` without the import
 * map the launcher gives it: run directly, it would silently run the lessons.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCommandLine } from "./args.ts";
 *
 * const args = parseCommandLine("train", ["--steps", "300", "--lr=0.5", "--save", "m.json"]);
 * assertEquals(args.options, { steps: 300, lr: 0.5 });
 * assertEquals([args.values.get("save"), args.step], ["m.json", 1]);
 * ```
 */
export function parseCommandLine(
  command: keyof typeof FLAGS,
  argv: readonly string[],
) {
  const flags = parseFlags(argv, { ...FLAGS[command], command });
  const options: Partial<ProgramOptions> = {};
  for (const [key, read] of Object.entries(OPTIONS)) {
    const text = flags.values.get(flagName(key));
    if (text !== undefined) options[key as keyof ProgramOptions] = read(text);
  }
  const solutions = flags.booleans.has("solutions");
  const mapped = import.meta.resolve("../../lessons/").includes("/solutions/");
  if (solutions && !mapped) {
    throw new UserError(
      `--solutions needs the solutions import map: run it as deno task ${command} --solutions`,
      EXIT_USAGE,
    );
  }
  const step = flags.values.get("step");
  return {
    solutions,
    plain: flags.booleans.has("plain"),
    values: flags.values,
    step: step === undefined ? DEFAULT_STEP : parseInteger("--step", step, 0),
    options,
  };
}

/**
 * Parses `--temperature`: a positive number the logits can be divided by.
 * Below about 5.6e-309, 1 / T overflows to Infinity and every probability
 * would become NaN, so a value below 1e-308 (the round bound the message
 * gives) is refused before any training.
 *
 * @throws {UserError} Saying what was expected and what was found.
 */
function parseTemperature(text: string): number {
  const temperature = parsePositive("--temperature", text);
  if (temperature < 1e-308) {
    throw new UserError(
      `--temperature ${text.trim()} is too small: the logits are divided by it and 1 / T overflows to Infinity; expected at least 1e-308`,
      EXIT_USAGE,
    );
  }
  return temperature;
}
