/**
 * Command lines of `deno task train` and `deno task sample`: the flags,
 * their defaults and the help texts, read by the strict parser every command
 * shares (`support/cli/args.ts`).
 *
 * @module
 */

import { parseFlags, parseInteger, parsePositive } from "../cli/args.ts";
import { EXIT_USAGE, UserError } from "../cli/errors.ts";
import { wrap } from "../cli/style.ts";
import {
  DEFAULT_STEP,
  flagName,
  type ProgramOptions,
  type StepProgram,
  TRAIN_DEFAULTS,
} from "./step_program.ts";

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
 * @param steps The available steps: number, title, the flags they refuse.
 */
export function trainUsage(
  steps: readonly Pick<StepProgram, "step" | "title" | "unused" | "defaults">[],
): string {
  const d = TRAIN_DEFAULTS;
  const own = (key: keyof ProgramOptions) => stepDefaults(steps, key);
  const stepList = steps.map(({ step, title }) =>
    `\n                       ${step}  ${title}`
  ).join("");
  const refused = steps.filter((s) => s.unused !== undefined).map((s) =>
    `Step ${s.step}: ${
      Object.keys(s.unused!).map((key) => `--${flagName(key)}`).join(", ")
    }`
  ).join("; ");
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
                     (default ${d.lr.toFixed(1)}${own("lr")})
  --seed N           random seed for the shuffle, the weights and the
                     sampling, N >= 0 (default ${d.seed})
  --temperature T    sampling temperature, T > 0: lower is safer, higher
                     wilder (default ${d.temperature})
  --samples N        how many names to invent, N >= 0 (default ${d.samples})
  --log-every K      print a step line when s < 5 or s % K == 0, K >= 1
                     (default ${d.logEvery}${own("logEvery")})
  --save FILE        save the trained model as JSON, for deno task sample
                     (default: not saved)
  --plain            print only the reference program's lines, no live view
  --solutions        train with solutions/ instead of your lessons
  --help, -h         show this help

The defaults are the guide's Step 1 hyperparameters; a step whose program
says otherwise uses its own (listed after the default), and a flag the step
has no use for${refused ? ` (${refused})` : ""} is refused.

Examples:
  deno task train --solutions
  deno task train --data data/names.txt --steps 5000 --save model.json
  deno task train --plain > run.txt
  deno task train --step 5 --save model.json
`;
}

/**
 * The steps whose own default for `key` differs from the trainer's, for the
 * help: "; Steps 3 and 4: 0.1, Step 5: 0.01" ("" when none does). Steps
 * that refuse the flag are left out.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stepDefaults } from "./args.ts";
 *
 * const steps = [
 *   { step: 3, defaults: { lr: 0.1 } },
 *   { step: 4, defaults: { lr: 0.1 } },
 *   { step: 5, defaults: { lr: 0.01 } },
 * ];
 * assertEquals(stepDefaults(steps, "lr"), "; Steps 3 and 4: 0.1, Step 5: 0.01");
 * ```
 */
export function stepDefaults(
  steps: readonly Pick<StepProgram, "step" | "unused" | "defaults">[],
  key: keyof ProgramOptions,
): string {
  const byValue = new Map<number, number[]>();
  for (const { step, unused, defaults } of steps) {
    const value = defaults?.[key];
    if (value === undefined || unused?.[key] !== undefined) continue;
    byValue.set(value, [...(byValue.get(value) ?? []), step]);
  }
  if (byValue.size === 0) return "";
  const groups = [...byValue].map(([value, ids]) =>
    `${ids.length === 1 ? "Step" : "Steps"} ${and(ids)}: ${value}`
  );
  return `; ${groups.join(", ")}`;
}

/** "3", "3 and 4", "3, 4 and 5". */
function and(items: readonly number[]): string {
  return new Intl.ListFormat("en-GB").format(items.map(String));
}

/**
 * The help text of `deno task sample`.
 *
 * @param views The extra views step programs offer (see StepProgram.views),
 *   one entry per flag with the steps whose models offer it.
 */
export function sampleUsage(
  views: readonly { flag: string; steps: number[]; help: string }[] = [],
): string {
  const d = SAMPLE_DEFAULTS;
  const viewList = views.map(({ flag, steps, help }) => {
    const which = steps.length === 1
      ? `Step ${steps[0]} models`
      : `models of Steps ${and(steps)}`;
    // Every line indented to the help column; the flag takes the first's.
    const text = wrap(`${help} (${which})`, 78, " ".repeat(21));
    return `\n  --${`${flag} TEXT`.padEnd(17)}${text.trimStart()}`;
  }).join("");
  const viewExamples = views.map(({ flag }) =>
    `\n  deno task sample --${flag} emma`
  ).join("");
  const together = views.length === 0 ? "" : `
--show and ${
    views.map(({ flag }) => `--${flag}`).join(" or ")
  } together draw both, --show's chart first.
`;
  return `Usage: deno task sample [flags]

Invents names with a model saved by deno task train --save FILE, or shows
what the model thinks comes next after the beginning of a name.

Flags:
  --model FILE       the model file (default: ${d.model})
  --samples N        how many names to invent, N >= 0 (default ${d.samples})
  --temperature T    sampling temperature, T > 0: lower is safer, higher
                     wilder (default ${d.temperature}; a Step 0 model has none)
  --seed N           random seed, N >= 0 (default ${d.seed})
  --show [TEXT]      instead of sampling, draw the probability of each next
                     character after TEXT (the beginning of a name; without
                     TEXT: the first letter) at the chosen temperature${viewList}
  --solutions        sample with solutions/ instead of your lessons
  --help, -h         show this help
${together}
Examples:
  deno task sample --model model.json --samples 10 --temperature 0.8
  deno task sample --show em --temperature 2${viewExamples}
`;
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
 * @param views The extra views the step programs offer, by flag name.
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
export function parseSampleArgs(
  argv: readonly string[],
  views: readonly string[] = [],
) {
  const flags = parseFlags(argv, {
    values: ["model", "samples", "temperature", "seed", "show", ...views],
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
    /** The extra views asked for (`--NAME TEXT`, see StepProgram.views). */
    views: new Map(views.flatMap((v) => {
      const text = value(v);
      return text === undefined ? [] : [[v, text]];
    })),
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
