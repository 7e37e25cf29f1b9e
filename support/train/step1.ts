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
 * This is the pattern for the other steps' programs (see `step_program.ts`).
 *
 * @module
 */

import {
  checkMatrix,
  checkSize,
  N_EMBD,
  type ProgramOptions,
  type ProgramOutput,
  referenceRun,
  type Sampler,
  samplingOf,
  type StepProgram,
  tokenizerOf,
  type TrainedModel,
} from "./step_program.ts";
import { pyFixed } from "./format.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import { initModel, type Model } from "../../lessons/step1/02_parameters.ts";
import { mlp } from "../../lessons/step1/05_mlp.ts";
import { gradientCheck } from "../../lessons/step1/09_gradient_check.ts";
import { train } from "../../lessons/step1/10_training.ts";
import { sample, temperatureSoftmax } from "../../lessons/step1/11_sampling.ts";

/** The guide's Step 1 program. */
export const STEP1: StepProgram = {
  step: 1,
  title: "Gradient descent: a neural bigram model",
  run: runStep1,
  load: loadStep1,
  lessons: {
    setup: ["step1/01", "step1/02", "step1/09"],
    train: "step1/10",
    sample: "step1/11",
  },
};

function runStep1(
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
): TrainedModel {
  const run = referenceRun(names, options, output, buildTokenizer, encode);
  const { rng, tokenizer } = run;

  const model = initModel(tokenizer.vocabSize, N_EMBD, rng);
  const matrices = {
    wte: model.wte,
    mlpFc1: model.mlpFc1,
    mlpFc2: model.mlpFc2,
  };
  // Every entry of every matrix is a parameter.
  output.line(`num params: ${Object.values(matrices).flat(2).length}`);

  const check = gradientCheck(model, encode(tokenizer, run.docs[0]));
  output.line(
    `gradient check | loss_n ${pyFixed(check.lossNumerical, 6)} | loss_a ${
      pyFixed(check.lossAnalytic, 6)
    } | max diff ${pyFixed(check.maxDiff, 8)}`,
  );

  run.train((tokens, hooks) => train(model, tokens, hooks));
  run.sample((sampling) => sample(model, tokenizer, rng, sampling));

  return {
    vocabulary: tokenizer.chars,
    hyperparameters: { nEmbd: N_EMBD },
    weights: matrices,
  };
}

/**
 * The weights of a saved bigram MLP (Steps 1 and 2 save the same shapes),
 * checked against the vocabulary and `nEmbd`.
 *
 * @throws {ModelFileError} When a matrix is missing or has another shape.
 */
export function loadBigramWeights(saved: TrainedModel): Model {
  const vocabSize = saved.vocabulary.length + 1;
  const nEmbd = checkSize(saved, "nEmbd");
  const { weights } = saved;
  return {
    wte: checkMatrix(weights, "wte", vocabSize, nEmbd),
    mlpFc1: checkMatrix(weights, "mlpFc1", 4 * nEmbd, nEmbd),
    mlpFc2: checkMatrix(weights, "mlpFc2", vocabSize, 4 * nEmbd),
  };
}

function loadStep1(saved: TrainedModel): Sampler {
  const tokenizer = tokenizerOf(saved.vocabulary);
  const model = loadBigramWeights(saved);
  return {
    sample: (rng, temperature) =>
      sample(model, tokenizer, rng, samplingOf(temperature)),
    // A bigram model looks only at the last token of the prefix.
    nextTokenProbabilities: (prefix, temperature) =>
      temperatureSoftmax(mlp(model, prefix[prefix.length - 1]), temperature),
  };
}
