/**
 * The step programs: what they report while they run (their printed lines
 * are golden_test.ts's), the models they save and load, and what a loaded
 * GPT shows of itself.
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { readNames } from "../data.ts";
import { PyRandom } from "../random.ts";
import { recorder } from "./_recorder.ts";
import { attentionLines } from "./attention_view.ts";
import { UserError } from "../cli/errors.ts";
import { optionsFor, type TrainedModel } from "./step_program.ts";
import { PROGRAMS } from "./steps.ts";
import { TINY_NAMES } from "./testdata/golden_cases.ts";

const NAMES = readNames(TINY_NAMES);

/** A short run of step `step` on the tiny list, what it reported, its model. */
async function trained(step: number, steps = 6) {
  const program = PROGRAMS.get(step)!;
  const names = [...NAMES];
  const run = recorder();
  const options = optionsFor(program, { seed: 7, steps, samples: 2 });
  const model = await program.run(names, options, run.output);
  assertEquals(names, NAMES, "the caller's names are not shuffled");
  return { program, model, ...run, lr: options.lr };
}

for (const step of PROGRAMS.keys()) {
  Deno.test(`train/step${step} reports each step once with its learning rate, and samples from the model it saves`, async () => {
    const { program, model, calls, events, lr } = await trained(step);
    assertEquals(calls, ["start 6 30", "end"]);
    assertEquals(
      events.map((e) => [e.step, e.steps]),
      [0, 1, 2, 3, 4, 5].map((s) => [s, 6]),
    );
    // Counting has no learning rate; the others decay linearly to 0.
    for (const e of events) {
      assertAlmostEquals(e.lr, step === 0 ? 0 : lr * (1 - e.step / 6), 1e-15);
    }
    const sampler = program.load(structuredClone(model));
    const bos = model.vocabulary.length;
    const probs = sampler.nextTokenProbabilities([bos, 3], 1);
    assertEquals(probs.length, bos + 1);
    assertAlmostEquals(probs.reduce((a, b) => a + b, 0), 1, 1e-12);
    // A bigram model (Steps 0–2) reads the last character; a GPT all of them.
    const earlier = sampler.nextTokenProbabilities([bos, 0, 3], 1);
    if (sampler.gpt === undefined) assertEquals(earlier, probs);
    else assertNotEquals(earlier, probs);
    const draw = (seed: number) => {
      const rng = new PyRandom(seed);
      return Array.from({ length: 4 }, () => sampler.sample(rng, 1));
    };
    assertEquals(draw(3), draw(3));
    // No steps: the starting weights, and nothing reported.
    const silent = recorder();
    await program.run(
      NAMES,
      optionsFor(program, { steps: 0, samples: 0 }),
      silent.output,
    );
    assertEquals([silent.calls, silent.events], [[], []]);
  });
}

Deno.test("train/step0 counts by hand: the loss before each name, the table it saves", async () => {
  // "ab" and "ba" share no bigram: the first name meets an empty table
  // (ln 3), the second a table where every target has probability 1/4.
  const program = PROGRAMS.get(0)!;
  const { events, output } = recorder();
  const model = await program.run(
    ["ab", "ba"],
    optionsFor(program, { steps: 2, samples: 0 }),
    output,
  );
  assertAlmostEquals(events[0].loss, Math.log(3), 1e-12);
  assertAlmostEquals(events[1].loss, Math.log(4), 1e-12);
  assertEquals(model.weights, { counts: [[0, 1, 1], [1, 0, 1], [1, 1, 0]] });
});

Deno.test("train/step2 trains and samples exactly as Step 1 does", async () => {
  const one = await trained(1, 20);
  const two = await trained(2, 20);
  assertEquals(
    two.events.map((e) => e.loss.toFixed(12)),
    one.events.map((e) => e.loss.toFixed(12)),
  );
  assertEquals(two.model.hyperparameters, one.model.hyperparameters);
  const [a, b] = [one.program.load(one.model), two.program.load(one.model)];
  assertEquals(
    a.nextTokenProbabilities([30, 3], 0.5),
    b.nextTokenProbabilities([30, 3], 0.5),
  );
  const [ra, rb] = [new PyRandom(1), new PyRandom(1)];
  for (let i = 0; i < 5; i++) {
    assertEquals(a.sample(ra, 0.8), b.sample(rb, 0.8));
  }
});

Deno.test("train/step0-5 load() refuses a model that does not have its step's shapes and sizes", async () => {
  const models = await Promise.all(
    [0, 1, 3, 4].map(async (s) => (await trained(s, 1)).model),
  );
  const [zero, one, three, four] = models;
  const changed = (model: TrainedModel, change: (m: TrainedModel) => void) => {
    const copy = structuredClone(model);
    change(copy);
    return copy;
  };
  const cases: [number, TrainedModel, string][] = [
    [
      0,
      changed(zero, (m) => m.weights.counts.pop()),
      "weights.counts has 29 rows, expected 30",
    ],
    [
      0,
      changed(zero, (m) => m.weights.counts[1][1] = 0.5),
      "weights.counts[1][1] is 0.5, expected a count",
    ],
    [
      1,
      changed(one, (m) => m.weights.wte[2].pop()),
      "weights.wte[2] has 15 columns, expected 16",
    ],
    [
      2,
      changed(one, (m) => delete m.weights.mlpFc2),
      "weights.mlpFc2 is missing",
    ],
    [
      3,
      changed(three, (m) => delete m.weights.attnWv),
      "weights.attnWv is missing",
    ],
    [
      4,
      three,
      "hyperparameters.nHead is undefined, but the lessons' code uses 4",
    ],
    [
      5,
      changed(four, (m) => m.weights["layer0.attnWq"].pop()),
      "weights.layer0.attnWq has 15 rows, expected 16",
    ],
  ];
  for (const [step, model, message] of cases) {
    assertThrows(
      () => PROGRAMS.get(step)!.load(model),
      UserError,
      message,
    );
  }
});

Deno.test("train/step3-5 load() gives a GPT view: one attention grid per head, rows summing to 100%", async () => {
  for (const [step, heads] of [[3, 1], [5, 4]]) {
    const { program, model } = await trained(step);
    const sampler = program.load(model);
    const bos = model.vocabulary.length;
    const ids = [..."emma"].map((ch) => model.vocabulary.indexOf(ch));
    const lines = attentionLines(model.vocabulary, [bos, ...ids], sampler.gpt!);
    assertStringIncludes(lines[0], 'Attention over "emma"');
    assertEquals(
      lines.filter((l) => /^(head \d|the one head)$/.test(l)).length,
      heads,
    );
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
    // There is no position embedding beyond 16 positions.
    assertThrows(
      () => sampler.nextTokenProbabilities(Array(17).fill(bos), 1),
      Error,
      "at most 15 characters after the start of a name (blockSize 16), received 16",
    );
  }
});
