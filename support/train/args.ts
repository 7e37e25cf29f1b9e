/**
 * Command lines of `deno task train` and `deno task sample`: the flags,
 * their defaults and the help texts, read by the strict parser every command
 * shares (`support/cli/args.ts`). Each flag's default lives in `--help`'s
 * text and in the code that applies it (`TRAIN_DEFAULTS`, a step's
 * `defaults`, `SAMPLE_DEFAULTS`).
 *
 * @module
 */

import { parseFlags, parseInteger, parsePositive } from "../cli/args.ts";
import { EXIT_USAGE, UserError } from "../cli/errors.ts";
import { DEFAULT_STEP, flagName, type ProgramOptions } from "./step_program.ts";

/** `deno task sample`'s defaults. */
export const SAMPLE_DEFAULTS = {
  model: "model.json",
  samples: 20,
  temperature: 0.5,
  seed: 42,
} as const;

/**
 * The help text of `deno task train` or `sample` (`help/train.txt`,
 * `help/sample.txt`): one static text each, which README.md points to.
 */
export function usage(command: "train" | "sample"): string {
  return Deno.readTextFileSync(new URL(`help/${command}.txt`, import.meta.url));
}

/**
 * Parses `deno task train`'s command line.
 *
 * @returns The parsed flags; `options` holds only the ones given.
 * @throws {UserError} For an unknown flag, a stray argument, a missing
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
export function parseTrainArgs(argv: readonly string[]) {
  const flags = parseFlags(argv, {
    values: "data step steps lr seed temperature samples log-every save"
      .split(" "),
    booleans: ["plain", "solutions"],
  });
  const value = (name: string) => flags.values.get(name);
  const options: Partial<ProgramOptions> = {};
  const integers = { steps: 1, seed: 0, samples: 0, logEvery: 1 } as const;
  for (const [key, min] of Object.entries(integers)) {
    const flag = flagName(key);
    const text = value(flag);
    if (text !== undefined) {
      options[key as keyof typeof integers] = parseInteger(
        `--${flag}`,
        text,
        min,
      );
    }
  }
  const lr = value("lr");
  if (lr !== undefined) options.lr = parsePositive("--lr", lr);
  const temperature = value("temperature");
  if (temperature !== undefined) {
    options.temperature = parseTemperature(temperature);
  }
  const step = value("step");
  return {
    help: flags.booleans.has("help"),
    plain: flags.booleans.has("plain"),
    solutions: flags.booleans.has("solutions"),
    step: step === undefined ? DEFAULT_STEP : parseInteger("--step", step, 0),
    /** The names file; undefined means the default dataset. */
    data: value("data"),
    save: value("save"),
    /** The hyperparameters given on the command line (the rest default). */
    options,
  };
}

/**
 * Parses `deno task sample`'s command line.
 *
 * @returns The parsed flags, with defaults filled in.
 * @throws {UserError} For an unknown flag, a stray argument, a missing
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
export function parseSampleArgs(argv: readonly string[]) {
  const flags = parseFlags(argv, {
    values: ["model", "samples", "temperature", "seed", "show", "attention"],
    booleans: ["solutions"],
    emptyAllowed: ["show"],
  });
  const value = (name: string) => flags.values.get(name);
  const integer = (name: "samples" | "seed") => {
    const text = value(name);
    return text === undefined
      ? SAMPLE_DEFAULTS[name]
      : parseInteger(`--${name}`, text, 0);
  };
  const temperature = value("temperature");
  return {
    help: flags.booleans.has("help"),
    solutions: flags.booleans.has("solutions"),
    model: value("model") ?? SAMPLE_DEFAULTS.model,
    samples: integer("samples"),
    /** Given on the command line; else the model's step's default. */
    temperature: temperature === undefined
      ? undefined
      : parseTemperature(temperature),
    seed: integer("seed"),
    show: value("show"),
    attention: value("attention"),
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

/**
 * `--solutions` only means something through the launcher, which picks the
 * import map that sends `lessons/` to `solutions/`. Run directly without
 * that map, it would silently train the lessons: refuse instead.
 *
 * @param solutions Whether `--solutions` was given.
 * @param task The task's name, for the message.
 * @throws {UserError} When the flag was given but the lessons are not mapped.
 */
export function checkSolutionsFlag(solutions: boolean, task: string): void {
  const mapped = import.meta.resolve("../../lessons/").includes("/solutions/");
  if (solutions && !mapped) {
    throw new UserError(
      `--solutions needs the solutions import map: run it as deno task ${task} --solutions`,
      2,
    );
  }
}
