/**
 * Step 1 of the guide, "Gradient descent", as `deno task train` runs it:
 * the guide's reference program rebuilt from the lessons' exports, so the
 * learner's own code trains (or `--solutions`, through the import map).
 *
 * The order is the reference program's, and it matters: everything that
 * draws random numbers draws them in Python's order (seed → shuffle the
 * names → draw the weights → training draws nothing → one weighted draw per
 * sampled character). Before training it prints the number of parameters
 * and the gradient check of the first name.
 *
 * This is the pattern for the other steps' programs (see `step_program.ts`).
 *
 * @module
 */

import { stepProgram } from "./step_program.ts";
import { pyFixed } from "./format.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import { initModel } from "../../lessons/step1/02_parameters.ts";
import { mlp } from "../../lessons/step1/05_mlp.ts";
import { gradientCheck } from "../../lessons/step1/09_gradient_check.ts";
import { train } from "../../lessons/step1/10_training.ts";
import { sample, temperatureSoftmax } from "../../lessons/step1/11_sampling.ts";

/** The embedding size of the guide's bigram MLP (Steps 1 and 2). */
export const N_EMBD = 16;

/** The guide's Step 1 program. */
export const STEP1 = stepProgram({
  step: 1,
  title: "Gradient descent: a neural bigram model",
  lessons: {
    setup: ["step1/01", "step1/02", "step1/09"],
    train: "step1/10",
    sample: "step1/11",
  },
  buildTokenizer,
  encode,
  init: (vocabSize, rng) => initModel(vocabSize, N_EMBD, rng),
  describe(model, firstDoc, output) {
    // Every entry of every matrix is a parameter.
    output.line(`num params: ${Object.values(model).flat(2).length}`);
    const check = gradientCheck(model, firstDoc);
    output.line(
      `gradient check | loss_n ${pyFixed(check.lossNumerical, 6)} | loss_a ${
        pyFixed(check.lossAnalytic, 6)
      } | max diff ${pyFixed(check.maxDiff, 8)}`,
    );
  },
  train,
  sample,
  hyperparameters: { nEmbd: N_EMBD },
  // A bigram model looks only at the last token of the prefix.
  next: (model, prefix, temperature) =>
    temperatureSoftmax(mlp(model, prefix[prefix.length - 1]), temperature),
});
