/**
 * The command lines of train and sample, checked once here: each refusal
 * is one sentence saying what was expected and what was found.
 */

import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { ShowHelp, UserError } from "../cli/errors.ts";
import { helpOf as usage } from "../cli/args.ts";
import { parseCommandLine } from "./args.ts";
import { TRAIN_DEFAULTS } from "./step_program.ts";
import { PROGRAMS } from "./steps.ts";

Deno.test("parseCommandLine() reads every flag, in both spellings", () => {
  const args = parseCommandLine("train", [
    ..."--data names.txt --step 2 --steps 300 --lr=0.5 --seed 7".split(" "),
    ..."--temperature 1e-1 --samples 0 --log-every=50 --save m.json".split(" "),
    "--plain",
    "--", // what `deno task train -- …` passes on
  ]);
  assertEquals(args, {
    plain: true,
    solutions: false,
    step: 2,
    values: new Map(Object.entries({
      data: "names.txt",
      step: "2",
      steps: "300",
      lr: "0.5",
      seed: "7",
      temperature: "1e-1",
      samples: "0",
      "log-every": "50",
      save: "m.json",
    })),
    options: {
      steps: 300,
      lr: 0.5,
      seed: 7,
      temperature: 0.1,
      samples: 0,
      logEvery: 50,
    },
  });
  // Absent flags are left to the defaults, the step's own first.
  const defaults = parseCommandLine("train", []);
  assertEquals([defaults.step, defaults.options], [1, {}]);
  // --help (-h) wins over every other flag, even one it would refuse.
  assertThrows(
    () => parseCommandLine("sample", ["--seed=-1", "-h"]),
    ShowHelp,
    usage("sample").trimEnd(),
  );
  const sample = (argv: string[]) => parseCommandLine("sample", argv);
  assertEquals(sample(["--show", "em"]).values.get("show"), "em");
  assertEquals(sample(["--show", "--seed", "3"]).values.get("show"), "");
  const tiny = sample(["--temperature", "1e-308"]).options;
  assertEquals(tiny, { temperature: 1e-308 });
});

Deno.test("parseCommandLine() refuses what it cannot use", () => {
  const train: [string[], string][] = [
    [["--steps", "0"], "--steps must be a positive integer: received 0"],
    [["--steps", "1e3"], '--steps must be a positive integer: received "1e3"'],
    [["--steps", ""], "--steps needs a value"],
    [["--steps", "--plain"], "--steps needs a value"],
    [["--lr", "-0.1"], "--lr must be a positive number: received -0.1"],
    [["--lr", "NaN"], '--lr must be a positive number: received "NaN"'],
    [["--lr", "0x10"], '--lr must be a positive number: received "0x10"'],
    [["--lr", "1e-400"], "--lr 1e-400 is too small: it rounds to 0"],
    [
      ["--temperature", "0"],
      "--temperature must be a positive number: received 0",
    ],
    [
      ["--temperature", "1e-320"],
      "--temperature 1e-320 is too small: the logits are divided by it",
    ],
    [
      ["--samples", "2.5"],
      '--samples must be a non-negative integer: received "2.5"',
    ],
    [["--seed", "9007199254740993"], "--seed 9007199254740993 is too large"],
    [
      ["--log-every", "0"],
      "--log-every must be a positive integer: received 0",
    ],
    [["--step", "-1"], "--step must be a non-negative integer: received -1"],
    [["--save"], "--save needs a value"],
    [["--solutions=true"], "--solutions takes no value"],
    [
      ["--plain", "false"],
      'Unexpected argument "false": --plain takes no value',
    ],
    [["--stpe", "2"], 'Unknown flag "--stpe": did you mean --step?'],
    [["names.txt"], 'Unexpected argument "names.txt"'],
  ];
  for (const [argv, message] of train) {
    assertThrows(() => parseCommandLine("train", argv), UserError, message);
  }
  const sample: [string[], string][] = [
    [["--model"], "--model needs a value"],
    [["--attention"], "--attention needs a value"],
    [["--temperature", "1e999"], "--temperature 1e999 is too large"],
    [["--temperature", "9e-309"], "expected at least 1e-308"],
    [["--samples", "-2"], "--samples must be a non-negative integer"],
    [["--count", "3"], 'Unknown flag "--count"'],
  ];
  for (const [argv, message] of sample) {
    assertThrows(() => parseCommandLine("sample", argv), UserError, message);
  }
});

Deno.test("train --help names every step and the defaults the code applies", () => {
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
  assertStringIncludes(usage("sample"), "(default: model.json)");
});
