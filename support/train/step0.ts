/**
 * Step 0 of the guide, "Counting", as `deno task train --step 0` runs it:
 * the guide's reference program rebuilt from the lessons' exports (see
 * `step1.ts`, the pattern, and `step_program.ts`).
 *
 * The order is the reference program's: seed → shuffle the names → count
 * (training draws no random numbers) → one weighted draw per sampled
 * character. Each step's loss is measured before the name is counted, and
 * every step prints its line (the guide's default `--log-every` for Step 0
 * is 1). Counting has no learning rate and the guide's Step 0 samples
 * without a temperature, so `--lr` and `--temperature` are refused whenever
 * they are given, by `train` and by `sample` of a Step 0 model.
 *
 * The saved model is the count table itself, one matrix named `counts`.
 *
 * @module
 */

import { ModelFileError } from "./errors.ts";
import {
  checkMatrix,
  MAX_SAMPLE_LENGTH,
  type ProgramOptions,
  type ProgramOutput,
  referenceRun,
  type Sampler,
  type StepProgram,
  tokenizerOf,
  type TrainedModel,
} from "./step_program.ts";
import { buildTokenizer, encode } from "../../lessons/step0/01_tokenizer.ts";
import { emptyCounts } from "../../lessons/step0/02_count_table.ts";
import { bigram } from "../../lessons/step0/03_model.ts";
import { train } from "../../lessons/step0/05_training.ts";
import { sample } from "../../lessons/step0/06_sampling.ts";

/** The guide's Step 0 program. */
export const STEP0: StepProgram = {
  step: 0,
  title: "Counting: a bigram model from a table of counts",
  defaults: { logEvery: 1, temperature: 1 },
  unused: {
    lr: "learns by counting and has no learning rate",
    temperature: "samples without temperature",
  },
  run: runStep0,
  load: loadStep0,
  lessons: {
    setup: ["step0/01", "step0/02"],
    train: "step0/05",
    sample: "step0/06",
  },
};

function runStep0(
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
): TrainedModel {
  const run = referenceRun(names, options, output, buildTokenizer, encode);
  const { rng, tokenizer } = run;

  // The parameters are the counts, vocabSize × vocabSize of them; the
  // guide's counting program does not print how many.
  const counts = emptyCounts(tokenizer.vocabSize);

  // Counting has no learning rate: the live view is told 0.
  run.train((tokens, { steps, onStep }) =>
    train(counts, tokens, { steps, onStep })
  );

  // The guide's Step 0 samples without a temperature.
  const sampling = { maxLength: MAX_SAMPLE_LENGTH };
  run.sample(() => sample(counts, tokenizer, rng, sampling));

  return {
    vocabulary: tokenizer.chars,
    hyperparameters: {},
    weights: { counts },
  };
}

function loadStep0(saved: TrainedModel): Sampler {
  const tokenizer = tokenizerOf(saved.vocabulary);
  const size = tokenizer.vocabSize;
  const counts = checkMatrix(saved.weights, "counts", size, size);
  for (const [i, row] of counts.entries()) {
    const j = row.findIndex((c) => !Number.isInteger(c) || c < 0);
    if (j !== -1) {
      throw new ModelFileError(
        `weights.counts[${i}][${j}] is ${
          row[j]
        }, expected a count (a whole number >= 0)`,
      );
    }
  }
  // The temperature is always 1 here: `sample` refuses any other for Step 0.
  return {
    sample: (rng) =>
      sample(counts, tokenizer, rng, { maxLength: MAX_SAMPLE_LENGTH }),
    // A bigram model looks only at the last token of the prefix.
    nextTokenProbabilities: (prefix) =>
      bigram(counts, prefix[prefix.length - 1]),
  };
}
