import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { UserError } from "../cli/errors.ts";
import { readNames } from "../data.ts";
import { PyRandom } from "../random.ts";
import { ModelFileError } from "./errors.ts";
import { attentionLines } from "./attention_view.ts";
import { gptView } from "./gpt_model.ts";
import { recorder } from "./_recorder.ts";
import { STEP3 } from "./step3.ts";
import { STEP4 } from "./step4.ts";
import { STEP5 } from "./step5.ts";
import {
  type ProgramOptions,
  type StepProgram,
  TRAIN_DEFAULTS,
  type TrainedModel,
} from "./step_program.ts";
import { PROGRAMS } from "./steps.ts";
import { TINY_NAMES } from "./testdata/golden_cases.ts";

const GOLDEN = new URL("../../bench/reference/golden/", import.meta.url);
const STEPS: Record<number, StepProgram> = { 3: STEP3, 4: STEP4, 5: STEP5 };

/** cases.json's run of Step `step` that writes `file`, as options. */
function caseOptions(step: number, file: string): ProgramOptions {
  const cases: { step: number; file: string; args: string[] }[] = JSON.parse(
    Deno.readTextFileSync(new URL("cases.json", GOLDEN)),
  );
  const { args } = cases.find((c) => c.step === step && c.file === file)!;
  const options: Record<string, number> = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i].slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase());
    options[key] = Number(args[i + 1]);
  }
  return { ...TRAIN_DEFAULTS, ...STEPS[step].defaults, ...options };
}

/** A short run on the tiny list, for the save/load tests. */
async function trained(program: StepProgram): Promise<TrainedModel> {
  const options = { ...TRAIN_DEFAULTS, ...program.defaults, steps: 20 };
  return await program.run(
    readNames(TINY_NAMES),
    { ...options, samples: 0 },
    recorder().output,
  );
}

Deno.test("train/steps registers Steps 3, 4 and 5 with the guide's learning rates and logging", () => {
  assertEquals(PROGRAMS.get(3), STEP3);
  assertEquals(PROGRAMS.get(4), STEP4);
  assertEquals(PROGRAMS.get(5), STEP5);
  assertEquals(STEP3.defaults, { lr: 0.1 });
  assertEquals(STEP4.defaults, { lr: 0.1 });
  // The guide's Step 5 program prints every step.
  assertEquals(STEP5.defaults, { lr: 0.01, logEvery: 1 });
});

for (const program of [STEP3, STEP4, STEP5]) {
  const n = program.step;
  Deno.test(`train/step${n} run() prints CPython's step${n}.py lines (tiny list, seed 7)`, async () => {
    const { lines, output, calls, events } = recorder();
    const file = `step${n}_tiny_seed7.txt`;
    const options = caseOptions(n, file);
    await program.run(readNames(TINY_NAMES), options, output);
    const expected = await Deno.readTextFile(new URL(file, GOLDEN));
    assertEquals(lines.map((line) => `${line}\n`).join(""), expected);
    // The live view hears of every step, with its learning rate.
    const { steps } = options;
    assertEquals(calls, [`start ${steps} 30`, "end"]);
    assertEquals(events.map((e) => e.step), [...Array(steps).keys()]);
    assertAlmostEquals(events[10].lr, options.lr * (1 - 10 / steps), 1e-15);
  });
}

Deno.test("train/step3 saves its nine matrices by name, in parameter order", async () => {
  const model = await trained(STEP3);
  assertEquals(model.hyperparameters, { nEmbd: 16, blockSize: 16 });
  assertEquals(Object.keys(model.weights), [
    "wte",
    "wpe",
    "attnWq",
    "attnWk",
    "attnWv",
    "attnWo",
    "mlpFc1",
    "mlpFc2",
    "lmHead",
  ]);
  assertEquals(model.weights.wte.length, 30); // 29 characters and BOS
  assertEquals(model.weights.mlpFc2[0].length, 64);
});

Deno.test("train/step4 and step5 save nested layers under flat names", async () => {
  for (const program of [STEP4, STEP5]) {
    const model = await trained(program);
    assertEquals(model.hyperparameters, {
      nEmbd: 16,
      nHead: 4,
      nLayer: 1,
      blockSize: 16,
    });
    assertEquals(Object.keys(model.weights), [
      "wte",
      "wpe",
      "lmHead",
      "layer0.attnWq",
      "layer0.attnWk",
      "layer0.attnWv",
      "layer0.attnWo",
      "layer0.mlpFc1",
      "layer0.mlpFc2",
    ]);
  }
});

for (const program of [STEP3, STEP4, STEP5]) {
  const n = program.step;
  Deno.test(`train/step${n} load() samples and reads the whole prefix`, async () => {
    const model = await trained(program);
    const sampler = program.load(model);
    assertEquals(sampler.context, "prefix");
    const bos = model.vocabulary.length;
    const [e, m] = ["e", "m"].map((ch) => model.vocabulary.indexOf(ch));
    const afterEm = sampler.nextTokenProbabilities([bos, e, m], 1);
    const afterM = sampler.nextTokenProbabilities([bos, m], 1);
    assertEquals(afterEm.length, bos + 1);
    assertAlmostEquals(afterEm.reduce((a, b) => a + b, 0), 1, 1e-12);
    // Unlike a bigram model, what came before "m" matters.
    assertNotEquals(afterEm, afterM);
    // A lower temperature sharpens the same distribution.
    const cold = sampler.nextTokenProbabilities([bos, e, m], 0.5);
    const top = afterEm.indexOf(Math.max(...afterEm));
    assert(cold[top] > afterEm[top]);
    // Sampling is deterministic for a seed.
    const draw = (seed: number) => {
      const rng = new PyRandom(seed);
      return Array.from({ length: 5 }, () => sampler.sample(rng, 0.8));
    };
    assertEquals(draw(3), draw(3));
    // There is no position embedding beyond 16 positions.
    assertThrows(
      () => sampler.nextTokenProbabilities(Array(17).fill(bos), 1),
      UserError,
      "at most 15 characters after the start of a name (blockSize 16), received 16",
    );
  });
}

Deno.test("train/step3-5 load() checks every matrix's shape", async () => {
  const three = await trained(STEP3);
  const four = await trained(STEP4);
  const without = (model: TrainedModel, name: string) => ({
    ...model,
    weights: Object.fromEntries(
      Object.entries(model.weights).filter(([key]) => key !== name),
    ),
  });
  assertThrows(
    () => STEP3.load(without(three, "attnWv")),
    ModelFileError,
    "weights.attnWv is missing",
  );
  assertThrows(
    () => STEP4.load(without(four, "layer0.mlpFc1")),
    ModelFileError,
    "weights.layer0.mlpFc1 is missing",
  );
  const short = structuredClone(four);
  short.weights["layer0.attnWq"].pop();
  assertThrows(
    () => STEP5.load(short),
    ModelFileError,
    "weights.layer0.attnWq has 15 rows, expected 16",
  );
  const twoLayers = structuredClone(four);
  twoLayers.hyperparameters.nLayer = 2;
  assertThrows(
    () => STEP4.load(twoLayers),
    ModelFileError,
    "weights.layer1.attnWq is missing",
  );
  const badHeads = structuredClone(four);
  badHeads.hyperparameters.nHead = 3;
  assertThrows(
    () => STEP4.load(badHeads),
    ModelFileError,
    "nHead is 3, but the lessons' code uses CONFIG.nHead = 4",
  );
  // A Step 3 file is not a Step 4 model.
  assertThrows(() => STEP4.load(three), ModelFileError, "nHead is undefined");
});

Deno.test("train/step3-5 --attention draws one grid per head, rows summing to 100%", async () => {
  for (const [program, heads] of [[STEP3, 1], [STEP5, 4]] as const) {
    const model = await trained(program);
    const bos = model.vocabulary.length;
    const ids = [..."emma"].map((ch) => model.vocabulary.indexOf(ch));
    const lines = attentionLines(
      model.vocabulary,
      [bos, ...ids],
      program.load(model).gpt!,
    );
    assertStringIncludes(lines[0], 'Attention over "emma"');
    const titles = lines.filter((line) =>
      /^(head \d|the one head)$/.test(line)
    );
    assertEquals(titles.length, heads);
    const rows = lines.filter((line) => /^ {2}(BOS|[a-z]) {3}/.test(line));
    assertEquals(rows.length, 5 * heads);
    for (const [i, row] of rows.entries()) {
      // Row p shows p + 1 weights: positions 0 … p, none after.
      const percents = [...row.matchAll(/(\d+)(?= |$)/g)].map((m) =>
        Number(m[1])
      );
      assertEquals(percents.length, (i % 5) + 1, row);
      const total = percents.reduce((a, b) => a + b, 0);
      assert(Math.abs(total - 100) <= (i % 5) + 1, `${row}: ${total}%`);
    }
  }
});

Deno.test("gptView().read() names the lessons when gpt() records no weights", () => {
  const view = gptView({
    blockSize: 16,
    layers: 1,
    heads: 1,
    wte: [],
    wpe: [],
    tracedBy: "attentionBlock pushes the weights (lessons/step3/05_gpt.ts)",
    fresh: () => ({ step: () => [], cache: { keys: [], values: [] } }),
  });
  assertThrows(
    () => view.read([1, 0]),
    UserError,
    "gpt() recorded 0 rows of attention weights at position 0, expected 1 (one per head of each layer): attentionBlock pushes the weights (lessons/step3/05_gpt.ts)",
  );
});
