import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { readNames } from "../data.ts";
import { PyRandom } from "../random.ts";
import { ModelFileError } from "./errors.ts";
import { STEP1 } from "./step1.ts";
import { STEP2 } from "./step2.ts";
import { TINY_NAMES } from "./testdata/golden_cases.ts";
import { recorder } from "./_recorder.ts";
import { TRAIN_DEFAULTS } from "./step_program.ts";

const OPTIONS = {
  ...TRAIN_DEFAULTS,
  seed: 7,
  steps: 60,
  logEvery: 7,
  temperature: 1.5,
  samples: 8,
};

Deno.test("STEP1 prints the reference program's lines (CPython golden)", async () => {
  const { lines, output } = recorder();
  STEP1.run(readNames(TINY_NAMES), OPTIONS, output);
  const golden = await Deno.readTextFile(
    new URL("./testdata/tiny_seed7.txt", import.meta.url),
  );
  assertEquals(lines.map((line) => `${line}\n`).join(""), golden);
});

Deno.test("STEP1 reports every step once, in order, between start and end", () => {
  const { lines, events, calls, output } = recorder();
  STEP1.run(readNames(TINY_NAMES), OPTIONS, output);
  assertEquals(calls, ["start 60 30", "end"]);
  assertEquals(events.map((e) => e.step), [...Array(60).keys()]);
  for (const event of events) {
    assertEquals(event.steps, 60);
    assertAlmostEquals(event.lr, 1 - event.step / 60, 1e-12);
  }
  // The step lines show the same losses.
  const printed = lines.filter((line) => line.startsWith("step"));
  assertEquals(
    printed[0],
    `step    1 /   60 | loss ${events[0].loss.toFixed(4)}`,
  );
});

Deno.test("STEP1.load() brings a trained model back for sampling", async () => {
  const trained = await STEP1.run(
    readNames(TINY_NAMES),
    { ...OPTIONS, samples: 0 },
    recorder().output,
  );
  const sampler = STEP1.load(trained);
  const bos = trained.vocabulary.length;
  const probs = sampler.nextTokenProbabilities([bos], 1);
  assertEquals(probs.length, bos + 1);
  assertAlmostEquals(probs.reduce((a, b) => a + b, 0), 1, 1e-12);
  // Only the last token matters to a bigram model.
  assertEquals(
    sampler.nextTokenProbabilities([bos, 0, 3], 0.5),
    sampler.nextTokenProbabilities([bos, 3], 0.5),
  );
  const a = sampler.sample(new PyRandom(1), 0.5);
  assertEquals(sampler.sample(new PyRandom(1), 0.5), a);
});

// Steps 1 and 2 save the same three matrices, so they refuse the same way.
for (const program of [STEP1, STEP2]) {
  Deno.test(`STEP${program.step}.load() refuses weights of the wrong shape`, async () => {
    const trained = await program.run(
      readNames(TINY_NAMES),
      { ...OPTIONS, steps: 1, samples: 0 },
      recorder().output,
    );
    assertThrows(
      () =>
        program.load({ ...trained, vocabulary: trained.vocabulary.slice(1) }),
      ModelFileError,
      "weights.wte has 30 rows, expected 29",
    );
    assertThrows(
      () => program.load({ ...trained, hyperparameters: { nEmbd: 8 } }),
      ModelFileError,
      "weights.wte[0] has 16 columns, expected 8",
    );
    assertThrows(
      () => program.load({ ...trained, hyperparameters: {} }),
      ModelFileError,
      "hyperparameters.nEmbd is undefined, expected a positive integer",
    );
  });
}
