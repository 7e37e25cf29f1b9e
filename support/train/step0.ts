/**
 * Step 0 of the guide, "Counting", as `deno task train --step 0` runs it:
 * the guide's reference program rebuilt from the lessons' exports (see
 * `step1.ts`, the pattern, and `program.ts`).
 *
 * The order is the reference program's: seed → shuffle the names → count
 * (training draws no random numbers) → one weighted draw per sampled
 * character. Each step's loss is measured before the name is counted, and
 * every step prints its line (the guide's default `--log-every` for Step 0
 * is 1). Sampling has no temperature: the program refuses any other than 1.
 * `--lr` is accepted and ignored, as counting has no learning rate.
 *
 * The saved model is the count table itself, one matrix named `counts`.
 *
 * @module
 */

import { TRAIN_DEFAULTS } from "./args.ts";
import { ModelFileError, UsageError } from "./errors.ts";
import { INFERENCE_HEADER, isLogged, sampleLine, stepLine } from "./format.ts";
import { checkMatrix } from "./model_file.ts";
import type {
  ProgramOptions,
  ProgramOutput,
  Sampler,
  StepProgram,
  TrainedModel,
} from "./program.ts";
import { PyRandom } from "../random.ts";
import {
  buildTokenizer,
  encode,
  type Tokenizer,
} from "../../lessons/step0/01_tokenizer.ts";
import {
  type CountTable,
  emptyCounts,
} from "../../lessons/step0/02_count_table.ts";
import { bigram } from "../../lessons/step0/03_model.ts";
import { train } from "../../lessons/step0/05_training.ts";
import { sample } from "../../lessons/step0/06_sampling.ts";

/** The longest name sampling generates, in characters. */
export const MAX_SAMPLE_LENGTH = 16;

/** The guide's Step 0 program. */
export const STEP0: StepProgram = {
  step: 0,
  title: "Counting: a bigram model from a table of counts",
  defaults: { logEvery: 1, temperature: 1 },
  run: runStep0,
  load: loadStep0,
};

function runStep0(
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
): TrainedModel {
  if (options.temperature !== 1) {
    throw new UsageError(
      `Step 0 samples without temperature: --temperature must be 1 (or left out), received ${options.temperature}`,
    );
  }
  if (options.lr !== TRAIN_DEFAULTS.lr) {
    throw new UsageError(
      `Step 0 learns by counting and has no learning rate: leave out --lr, received ${options.lr}`,
    );
  }
  const { steps } = options;
  const rng = new PyRandom(options.seed);
  const docs = [...names];
  rng.shuffle(docs);
  output.line(`num docs: ${docs.length}`);

  const tokenizer = buildTokenizer(docs);
  output.line(`vocab size: ${tokenizer.vocabSize}`);

  // The parameters are the counts: vocabSize × vocabSize of them.
  const counts = emptyCounts(tokenizer.vocabSize);
  output.line(`num params: ${tokenizer.vocabSize * tokenizer.vocabSize}`);

  // Step s counts docs[s % docs.length]: only the first `steps` names are
  // ever reached, so only those are tokenized (same result, less work).
  const reached = docs.slice(0, Math.min(steps, docs.length));
  output.startTraining({ steps, vocabSize: tokenizer.vocabSize });
  train(counts, reached.map((doc) => encode(tokenizer, doc)), {
    steps,
    onStep: ({ step, loss }) => {
      // Counting has no learning rate; 0 says so to the live view.
      output.step({ step, steps, loss, lr: 0 });
      if (isLogged(step, options.logEvery)) {
        output.line(stepLine(step, steps, loss));
      }
    },
  });
  output.endTraining();

  output.line("");
  output.line(INFERENCE_HEADER);
  for (let i = 0; i < options.samples; i++) {
    const name = sample(counts, tokenizer, rng, {
      maxLength: MAX_SAMPLE_LENGTH,
    });
    output.line(sampleLine(i, name));
  }

  return {
    vocabulary: tokenizer.chars,
    hyperparameters: {},
    weights: { counts },
  };
}

function loadStep0(saved: TrainedModel): Sampler {
  const chars = saved.vocabulary;
  const tokenizer: Tokenizer = {
    chars,
    bos: chars.length,
    vocabSize: chars.length + 1,
  };
  const counts: CountTable = checkMatrix(
    saved.weights,
    "counts",
    tokenizer.vocabSize,
    tokenizer.vocabSize,
  );
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
  return {
    sample: (rng, temperature) =>
      temperature === 1
        ? sample(counts, tokenizer, rng, { maxLength: MAX_SAMPLE_LENGTH })
        : sampleWithTemperature(counts, tokenizer, rng, temperature),
    // A bigram model looks only at the last token of the prefix.
    nextTokenProbabilities: (prefix, temperature) =>
      withTemperature(bigram(counts, prefix[prefix.length - 1]), temperature),
  };
}

/**
 * The guide's Step 0 has no temperature, but `deno task sample` offers one
 * for every model. For a count table it means what it means for logits,
 * with ln p as the logits: softmax(ln p / T), that is p^(1/T) normalized.
 * At T = 1 the probabilities are returned untouched.
 */
function withTemperature(probs: number[], temperature: number): number[] {
  if (temperature === 1) return probs;
  // Scale by the largest first, as softmax subtracts the largest logit.
  const max = Math.max(...probs);
  const powered = probs.map((p) => (p / max) ** (1 / temperature));
  const total = powered.reduce((sum, p) => sum + p, 0);
  return powered.map((p) => p / total);
}

/** The lesson's sampling loop, with the temperature applied to each draw. */
function sampleWithTemperature(
  counts: CountTable,
  tokenizer: Tokenizer,
  rng: PyRandom,
  temperature: number,
): string {
  let name = "";
  let token = tokenizer.bos;
  for (let i = 0; i < MAX_SAMPLE_LENGTH; i++) {
    token = rng.weightedIndex(
      withTemperature(bigram(counts, token), temperature),
    );
    if (token === tokenizer.bos) break;
    name += tokenizer.chars[token];
  }
  return name;
}
