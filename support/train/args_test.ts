import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  parseSampleArgs,
  parseTrainArgs,
  SAMPLE_DEFAULTS,
  usage,
} from "./args.ts";
import { TRAIN_DEFAULTS } from "./step_program.ts";
import { UserError } from "../cli/errors.ts";

Deno.test("parseTrainArgs() reads every flag", () => {
  const args = parseTrainArgs([
    "--data",
    "names.txt",
    "--step",
    "1",
    "--steps",
    "300",
    "--lr",
    "0.5",
    "--seed",
    "7",
    "--temperature",
    "1e-1",
    "--samples",
    "0",
    "--log-every",
    "50",
    "--save",
    "model.json",
    "--plain",
    "--solutions",
  ]);
  assertEquals(args, {
    help: false,
    plain: true,
    solutions: true,
    step: 1,
    data: "names.txt",
    save: "model.json",
    options: {
      steps: 300,
      lr: 0.5,
      seed: 7,
      temperature: 0.1,
      samples: 0,
      logEvery: 50,
    },
  });
});

Deno.test("parseTrainArgs() leaves absent flags to the defaults", () => {
  const args = parseTrainArgs([]);
  assertEquals(args.options, {});
  assertEquals(args.step, 1);
  assertEquals(args.data, undefined);
  assertEquals(args.save, undefined);
  assertEquals(TRAIN_DEFAULTS, {
    seed: 42,
    steps: 1000,
    lr: 1.0,
    temperature: 0.5,
    samples: 20,
    logEvery: 200,
  });
});

Deno.test("parseTrainArgs() accepts --flag=value, -h and a stray --", () => {
  assertEquals(parseTrainArgs(["--steps=20", "--lr=2"]).options, {
    steps: 20,
    lr: 2,
  });
  assertEquals(parseTrainArgs(["-h"]).help, true);
  assertEquals(parseTrainArgs(["--", "--steps", "3"]).options, { steps: 3 });
});

Deno.test("parseTrainArgs() refuses what it cannot use", () => {
  const cases: [string[], string][] = [
    [["--steps", "0"], "--steps must be a positive integer: received 0"],
    [["--steps", "2.5"], '--steps must be a positive integer: received "2.5"'],
    [["--steps", "1e3"], '--steps must be a positive integer: received "1e3"'],
    [["--steps"], "--steps needs a value"],
    [["--lr", "-0.1"], "--lr must be a positive number: received -0.1"],
    [
      ["--lr", "Infinity"],
      '--lr must be a positive number: received "Infinity"',
    ],
    [["--lr", "0x10"], '--lr must be a positive number: received "0x10"'],
    [
      ["--temperature", "0"],
      "--temperature must be a positive number: received 0",
    ],
    [
      ["--temperature", "1e-320"],
      "--temperature 1e-320 is too small: the logits are divided by it and 1 / T overflows to Infinity",
    ],
    [
      ["--samples", "-1"],
      "--samples must be a non-negative integer: received -1",
    ],
    [["--seed", "9007199254740993"], "--seed 9007199254740993 is too large"],
    [
      ["--log-every", "0"],
      "--log-every must be a positive integer: received 0",
    ],
    [["--data"], "--data needs a value"],
    [["--save", "--plain"], "--save needs a value"],
    [["--bogus"], 'Unknown flag "--bogus"'],
    [["--bogus=3"], 'Unknown flag "--bogus"'],
    [["-x"], 'Unknown flag "-x"'],
    [["names.txt"], 'Unexpected argument "names.txt"'],
  ];
  for (const [argv, message] of cases) {
    assertThrows(() => parseTrainArgs(argv), UserError, message);
  }
});

Deno.test("parseSampleArgs() fills in the defaults", () => {
  assertEquals(parseSampleArgs([]), {
    help: false,
    solutions: false,
    model: SAMPLE_DEFAULTS.model,
    samples: SAMPLE_DEFAULTS.samples,
    seed: SAMPLE_DEFAULTS.seed,
    // Not given: the model's step decides (0.5, or none for Step 0).
    temperature: undefined,
    show: undefined,
    attention: undefined,
  });
});

Deno.test("parseSampleArgs() reads --show with or without text", () => {
  assertEquals(parseSampleArgs(["--show", "em"]).show, "em");
  assertEquals(parseSampleArgs(["--show"]).show, "");
  assertEquals(parseSampleArgs(["--show", "--seed", "3"]).show, "");
  assertThrows(
    () => parseSampleArgs(["--model"]),
    UserError,
    "--model needs a value",
  );
  assertThrows(
    () => parseSampleArgs(["--temperature", "-1"]),
    UserError,
    "--temperature must be a positive number: received -1",
  );
  assertThrows(
    () => parseSampleArgs(["--temperature", "4e-309"]),
    UserError,
    "--temperature 4e-309 is too small",
  );
  // The bound the message gives is the one applied.
  assertThrows(
    () => parseSampleArgs(["--temperature", "9e-309"]),
    UserError,
    "expected at least 1e-308",
  );
  assertEquals(
    parseSampleArgs(["--temperature", "1e-308"]).temperature,
    1e-308,
  );
});

Deno.test("train --help names every step and the defaults the code applies", async () => {
  const { PROGRAMS } = await import("./steps.ts");
  const help = usage("train");
  for (const program of PROGRAMS.values()) {
    assertStringIncludes(help, `  ${program.step}  ${program.title}\n`);
  }
  const d = TRAIN_DEFAULTS;
  for (
    const text of [
      `(default ${d.steps})`,
      `(default ${d.lr.toFixed(1)}; Steps 3 and 4: 0.1, Step 5: 0.01)`,
      `(default ${d.seed})`,
      `(default ${d.temperature})`,
      `(default ${d.samples})`,
      `(default ${d.logEvery}; Steps 0 and 5: 1)`,
    ]
  ) {
    assertStringIncludes(help, text);
  }
  assertStringIncludes(usage("sample"), `(default: ${SAMPLE_DEFAULTS.model})`);
});
