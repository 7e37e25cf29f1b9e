/**
 * Step 1 of the guide, "Gradient descent", as `deno task train` runs it:
 * the guide's reference program rebuilt from the lessons' exports, so the
 * learner's own code trains (or `--solutions`, through the import map).
 *
 * The order is the reference program's, and it matters: everything that
 * draws random numbers draws them in Python's order (seed → shuffle the
 * names → draw the weights → training draws nothing → one weighted draw per
 * sampled character).
 *
 * This is the pattern for the other steps' programs (see `program.ts`).
 *
 * @module
 */

import { PyRandom } from "../random.ts";
import { ModelFileError } from "./errors.ts";
import {
  INFERENCE_HEADER,
  isLogged,
  pyFixed,
  sampleLine,
  stepLine,
} from "./format.ts";
import { checkMatrix } from "./model_file.ts";
import type {
  ProgramOptions,
  ProgramOutput,
  Sampler,
  StepProgram,
  TrainedModel,
} from "./program.ts";
import {
  buildTokenizer,
  encode,
  type Tokenizer,
} from "../../lessons/step1/01_tokenizer.ts";
import { initModel, type Model } from "../../lessons/step1/02_parameters.ts";
import { mlp } from "../../lessons/step1/05_mlp.ts";
import { gradientCheck } from "../../lessons/step1/09_gradient_check.ts";
import { train } from "../../lessons/step1/10_training.ts";
import { sample, temperatureSoftmax } from "../../lessons/step1/11_sampling.ts";

/** The embedding size of the guide's Step 1 model. */
export const N_EMBD = 16;
/** The longest name sampling generates, in characters. */
export const MAX_SAMPLE_LENGTH = 16;

/** The guide's Step 1 program. */
export const STEP1: StepProgram = {
  step: 1,
  title: "Gradient descent: a neural bigram model",
  run: runStep1,
  load: loadStep1,
};

function runStep1(
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
): TrainedModel {
  const { steps } = options;
  const rng = new PyRandom(options.seed);
  const docs = [...names];
  rng.shuffle(docs);
  output.line(`num docs: ${docs.length}`);

  const tokenizer = buildTokenizer(docs);
  output.line(`vocab size: ${tokenizer.vocabSize}`);

  const model = initModel(tokenizer.vocabSize, N_EMBD, rng);
  output.line(`num params: ${countParameters(model)}`);

  const check = gradientCheck(model, encode(tokenizer, docs[0]));
  output.line(
    `gradient check | loss_n ${pyFixed(check.lossNumerical, 6)} | loss_a ${
      pyFixed(check.lossAnalytic, 6)
    } | max diff ${pyFixed(check.maxDiff, 8)}`,
  );

  // Step s trains on docs[s % docs.length]: only the first `steps` names are
  // ever reached, so only those are tokenized (same result, less work).
  const reached = docs.slice(0, Math.min(steps, docs.length));
  output.startTraining({ steps, vocabSize: tokenizer.vocabSize });
  train(model, reached.map((doc) => encode(tokenizer, doc)), {
    steps,
    lr0: options.lr,
    onStep: ({ step, loss, lr }) => {
      output.step({ step, steps, loss, lr });
      if (isLogged(step, options.logEvery)) {
        output.line(stepLine(step, steps, loss));
      }
    },
  });
  output.endTraining();

  output.line("");
  output.line(INFERENCE_HEADER);
  const sampling = {
    temperature: options.temperature,
    maxLength: MAX_SAMPLE_LENGTH,
  };
  for (let i = 0; i < options.samples; i++) {
    const name = sample(model, tokenizer, rng, sampling);
    output.line(sampleLine(i, name));
  }

  return {
    vocabulary: tokenizer.chars,
    hyperparameters: { nEmbd: N_EMBD },
    weights: { wte: model.wte, mlpFc1: model.mlpFc1, mlpFc2: model.mlpFc2 },
  };
}

function loadStep1(saved: TrainedModel): Sampler {
  const chars = saved.vocabulary;
  const tokenizer: Tokenizer = {
    chars,
    bos: chars.length,
    vocabSize: chars.length + 1,
  };
  const nEmbd = saved.hyperparameters.nEmbd;
  if (!Number.isInteger(nEmbd) || nEmbd < 1) {
    throw new ModelFileError(
      `hyperparameters.nEmbd is ${nEmbd}, expected a positive integer`,
    );
  }
  const { weights } = saved;
  const model: Model = {
    wte: checkMatrix(weights, "wte", tokenizer.vocabSize, nEmbd),
    mlpFc1: checkMatrix(weights, "mlpFc1", 4 * nEmbd, nEmbd),
    mlpFc2: checkMatrix(weights, "mlpFc2", tokenizer.vocabSize, 4 * nEmbd),
  };
  return {
    sample: (rng, temperature) =>
      sample(model, tokenizer, rng, {
        temperature,
        maxLength: MAX_SAMPLE_LENGTH,
      }),
    // A bigram model looks only at the last token of the prefix.
    nextTokenProbabilities: (prefix, temperature) =>
      temperatureSoftmax(mlp(model, prefix[prefix.length - 1]), temperature),
  };
}

/** How many numbers the model has: every entry of every matrix. */
function countParameters(model: Model): number {
  let count = 0;
  for (const matrix of [model.wte, model.mlpFc1, model.mlpFc2]) {
    for (const row of matrix) count += row.length;
  }
  return count;
}
