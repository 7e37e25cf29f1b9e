/**
 * Step 0 of the guide, "Counting", as `deno task train --step 0` runs it:
 * the guide's reference program rebuilt from the lessons' exports (see
 * `step1.ts`, the pattern, and `step_program.ts`).
 *
 * The order is the reference program's: seed → shuffle the names → count
 * (training draws no random numbers) → one weighted draw per sampled
 * character. Each step's loss is measured before the name is counted, and
 * every step prints its line (the guide's default `--log-every` for Step 0
 * is 1). Counting has no learning rate (the live view is told 0) and the
 * guide's Step 0 samples without a temperature, so `--lr` and
 * `--temperature` are refused whenever they are given, by `train` and by
 * `sample` of a Step 0 model.
 *
 * The saved model is the count table itself, one matrix named `counts`.
 *
 * @module
 */

import { stepProgram } from "./step_program.ts";
import { buildTokenizer, encode } from "../../lessons/step0/01_tokenizer.ts";
import { emptyCounts } from "../../lessons/step0/02_count_table.ts";
import { bigram } from "../../lessons/step0/03_model.ts";
import { train } from "../../lessons/step0/05_training.ts";
import { sample } from "../../lessons/step0/06_sampling.ts";

/** A count: a whole number >= 0. */
const COUNT = {
  test: (x: unknown) => Number.isInteger(x) && (x as number) >= 0,
  expected: "a count (a whole number >= 0)",
};

/** The guide's Step 0 program. */
export const STEP0 = stepProgram({
  step: 0,
  title: "Counting: a bigram model from a table of counts",
  defaults: { logEvery: 1, temperature: 1 },
  unused: {
    lr: "learns by counting and has no learning rate",
    temperature: "samples without temperature",
  },
  lessons: {
    setup: ["step0/01", "step0/02"],
    train: "step0/05",
    sample: "step0/06",
  },
  buildTokenizer,
  encode,
  // The parameters are the counts, vocabSize × vocabSize of them; the
  // guide's counting program does not print how many.
  init: (vocabSize) => ({ counts: emptyCounts(vocabSize) }),
  train: ({ counts }, docs, hooks) => train(counts, docs, hooks),
  // The guide's Step 0 samples without a temperature.
  sample: ({ counts }, tokenizer, rng, { maxLength }) =>
    sample(counts, tokenizer, rng, { maxLength }),
  hyperparameters: {},
  entries: COUNT,
  // A bigram model looks only at the last token of the prefix.
  next: ({ counts }, prefix) => bigram(counts, prefix[prefix.length - 1]),
});
