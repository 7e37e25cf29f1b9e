import {
  assertAlmostEquals,
  assertEquals,
  assertMatch,
  assertThrows,
} from "@std/assert";
import { findGuideNames } from "../data.ts";
import { PyRandom } from "../random.ts";
import { ModelFileError } from "./errors.ts";
import { STEP0 } from "./step0.ts";
import { CAN_RUN, IGNORED_REASON, runCli } from "./_run_cli.ts";
import { TINY_NAMES } from "./testdata/golden_cases.ts";
import { bigram } from "../../lessons/step0/03_model.ts";
import { sample } from "../../lessons/step0/06_sampling.ts";
import { recorder } from "./_recorder.ts";
import {
  MAX_SAMPLE_LENGTH,
  type ProgramOptions,
  TRAIN_DEFAULTS,
} from "./step_program.ts";
import { PROGRAMS } from "./steps.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** The options `deno task train --step 0` runs with, plus `overrides`. */
function step0Options(overrides: Partial<ProgramOptions>): ProgramOptions {
  return { ...TRAIN_DEFAULTS, ...STEP0.defaults, ...overrides };
}

Deno.test("train/step0 is registered as step 0, printing every step and sampling at temperature 1", () => {
  assertEquals(PROGRAMS.get(0), STEP0);
  assertEquals(STEP0.defaults, { logEvery: 1, temperature: 1 });
});

Deno.test("train/step0 run() prints the reference program's lines (worked by hand)", async () => {
  // "ab" and "ba" share no bigram: the first name meets an empty table (ln 3),
  // the second a table where each of its rows holds one count of another
  // pair, so every target has probability 1/4 (ln 4), whatever the shuffle.
  const { output, lines, events, calls } = recorder();
  const trained = await STEP0.run(
    ["ab", "ba"],
    step0Options({ steps: 2, samples: 3 }),
    output,
  );
  // The guide's counting program prints no "num params" line.
  assertEquals(lines.slice(0, 7), [
    "num docs: 2",
    "vocab size: 3",
    "step    1 /    2 | loss 1.0986",
    "step    2 /    2 | loss 1.3863",
    "",
    "--- inference (new, hallucinated names) ---",
    lines[6],
  ]);
  assertEquals(lines.length, 9);
  for (let i = 0; i < 3; i++) {
    assertMatch(lines[6 + i], new RegExp(`^sample  ${i + 1}: [ab]{0,16}$`));
  }
  assertEquals(calls, ["start 2 3", "end"]);
  const reported = events.map(({ step, steps, lr }) => ({ step, steps, lr }));
  // Counting has no learning rate: the events say 0.
  assertEquals(reported, [
    { step: 0, steps: 2, lr: 0 },
    { step: 1, steps: 2, lr: 0 },
  ]);
  assertAlmostEquals(events[0].loss, Math.log(3), 1e-12);
  assertAlmostEquals(events[1].loss, Math.log(4), 1e-12);
  // The saved model is the count table: each pair of "ab" and "ba" once.
  assertEquals(trained, {
    vocabulary: ["a", "b"],
    hyperparameters: {},
    weights: { counts: [[0, 1, 1], [1, 0, 1], [1, 1, 0]] },
  });
});

const TINY_ARGS = ["--seed", "7", "--steps", "45", "--samples", "8"];

Deno.test("train/step0 declares --lr and --temperature unused, so giving either is refused", () => {
  assertEquals(Object.keys(STEP0.unused ?? {}).sort(), ["lr", "temperature"]);
});

Deno.test({
  name:
    `train --step 0 refuses --lr and --temperature when given, whatever their value${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    const base = ["--step", "0", "--data", TINY_NAMES, "--plain"];
    const [lr, lrDefault, temperature] = await Promise.all([
      runCli("train", [...base, "--lr", "2"]),
      runCli("train", [...base, "--lr", "1.0"]),
      runCli("train", [...base, "--temperature", "1"]),
    ]);
    for (const run of [lr, lrDefault]) {
      assertEquals([run.code, run.stdout], [2, ""]);
      assertMatch(
        run.stderr,
        /^error: Step 0 learns by counting and has no learning rate: leave out --lr, received [12]\n$/,
      );
    }
    assertEquals(temperature.code, 2);
    assertMatch(
      temperature.stderr,
      /Step 0 samples without temperature: leave out --temperature/,
    );
  },
});

Deno.test({
  name:
    `sample of a Step 0 model treats --temperature as train --step 0 does${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const model = `${dir}/model.json`;
      const trained = await runCli("train", [
        "--step",
        "0",
        "--data",
        TINY_NAMES,
        "--plain",
        "--save",
        model,
        ...TINY_ARGS,
      ]);
      assertEquals(trained.code, 0, trained.stderr);
      const [plain, warm] = await Promise.all([
        runCli("sample", ["--model", model, "--samples", "3"]),
        runCli("sample", ["--model", model, "--temperature", "1"]),
      ]);
      assertEquals(plain.code, 0, plain.stderr);
      assertEquals(plain.stdout.split("\n").length, 4);
      assertEquals([warm.code, warm.stdout], [2, ""]);
      assertMatch(
        warm.stderr,
        /Step 0 samples without temperature: leave out --temperature, received 1/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("train/step0 load() samples from the saved table like the lesson does", () => {
  const counts = [[0, 5, 1], [2, 0, 7], [4, 1, 0]];
  const sampler = STEP0.load({
    vocabulary: ["a", "b"],
    hyperparameters: {},
    weights: { counts },
  });
  const tokenizer = { chars: ["a", "b"], bos: 2, vocabSize: 3 };
  const a = new PyRandom(3);
  const b = new PyRandom(3);
  for (let i = 0; i < 10; i++) {
    assertEquals(
      sampler.sample(a, 1),
      sample(counts, tokenizer, b, { maxLength: MAX_SAMPLE_LENGTH }),
    );
  }
  // The distribution after a prefix depends on its last token only.
  assertEquals(sampler.nextTokenProbabilities([2, 0, 1], 1), bigram(counts, 1));
});

Deno.test("train/step0 load() refuses a table of the wrong shape or with non-counts", () => {
  const load = (counts: number[][]) => () =>
    STEP0.load({
      vocabulary: ["a", "b"],
      hyperparameters: {},
      weights: { counts },
    });
  assertThrows(
    load([[0, 0, 0], [0, 0, 0]]),
    ModelFileError,
    "weights.counts has 2 rows, expected 3",
  );
  assertThrows(
    load([[0, 0, 0], [0, -1, 0], [0, 0, 0]]),
    ModelFileError,
    "weights.counts[1][1] is -1, expected a count (a whole number >= 0)",
  );
  assertThrows(
    load([[0, 0, 0], [0, 0, 0], [0.5, 0, 0]]),
    ModelFileError,
    "weights.counts[2][0] is 0.5, expected a count",
  );
  assertThrows(
    () => STEP0.load({ vocabulary: ["a"], hyperparameters: {}, weights: {} }),
    ModelFileError,
    "weights.counts is missing",
  );
});

// CPython's run of bench/reference/step0.py on the committed tiny list:
//   python3 bench/reference/step0.py --data support/train/testdata/tiny_names.txt \
//     --seed 7 --steps 45 --samples 8 > support/train/testdata/step0_tiny_seed7.txt

Deno.test({
  name:
    `train --step 0 prints what CPython prints on the tiny list${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    const golden = await Deno.readTextFile(
      new URL("./testdata/step0_tiny_seed7.txt", import.meta.url),
    );
    const { code, stdout, stderr } = await runCli("train", [
      "--step",
      "0",
      "--data",
      TINY_NAMES,
      "--plain",
      ...TINY_ARGS,
    ]);
    assertEquals(code, 0, stderr);
    assertEquals(stdout, golden);
  },
});

const NAMES = findGuideNames();

Deno.test({
  name: NAMES === undefined
    ? "train --step 0 prints the guide's Step 0 figures (ignored: put names.txt in data/ and run deno test -A)"
    : `train --step 0 prints the guide's Step 0 figures${IGNORED_REASON}`,
  ignore: NAMES === undefined || !CAN_RUN,
  fn: async () => {
    const { code, stdout, stderr } = await runCli("train", [
      "--step",
      "0",
      "--data",
      NAMES!,
      "--plain",
    ]);
    assertEquals(code, 0, stderr);
    const lines = stdout.split("\n");
    assertEquals(lines.slice(0, 5), [
      "num docs: 32033",
      "vocab size: 27",
      "step    1 / 1000 | loss 3.2958",
      "step    2 / 1000 | loss 3.3095",
      "step    3 / 1000 | loss 3.2326",
    ]);
    // Every step is printed: 2 + 1000 + 2 lines before the samples.
    assertEquals(lines[1001], "step 1000 / 1000 | loss 2.7177");
    assertEquals(lines.slice(1004, 1008), [
      "sample  1: enaroa",
      "sample  2: romra",
      "sample  3: brabecyler",
      "sample  4: talyaxbranalewia",
    ]);
  },
});

/** Whether python3 can be started (for the comparison with the reference). */
function hasPython(): boolean {
  const permission = Deno.permissions.querySync({
    name: "run",
    command: "python3",
  });
  if (permission.state !== "granted") return false;
  try {
    return new Deno.Command("python3", { args: ["--version"] }).outputSync()
      .success;
  } catch {
    return false;
  }
}

const PYTHON = NAMES !== undefined && CAN_RUN && hasPython();

Deno.test({
  name: PYTHON
    ? "train --step 0 prints exactly what bench/reference/step0.py prints on names.txt"
    : "train --step 0 prints exactly what bench/reference/step0.py prints on names.txt (ignored: needs names.txt, python3 and deno test -A)",
  ignore: !PYTHON,
  fn: async () => {
    const python = await new Deno.Command("python3", {
      args: ["bench/reference/step0.py", "--data", NAMES!],
      cwd: ROOT,
      stdin: "null",
    }).output();
    assertEquals(python.code, 0, new TextDecoder().decode(python.stderr));
    const { code, stdout, stderr } = await runCli("train", [
      "--step",
      "0",
      "--data",
      NAMES!,
      "--plain",
    ]);
    assertEquals(code, 0, stderr);
    assertEquals(stdout, new TextDecoder().decode(python.stdout));
  },
});
