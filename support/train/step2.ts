/**
 * Step 2 of the guide, "Autograd", as `deno task train --step 2` runs it:
 * Step 1's program with the gradient computed by the lessons' scalar
 * `Value` graph instead of by hand (see `step1.ts`, the pattern, and
 * `program.ts`).
 *
 * The order is the reference program's (seed → shuffle the names → draw the
 * weights → training draws nothing → one weighted draw per sampled
 * character) and the printed lines are Step 1's without the gradient check,
 * which autograd makes unnecessary: the guide prints the same step lines and
 * samples as Step 1.
 *
 * The saved model has Step 1's shape (the Values' data), so a Step 2 model
 * file samples exactly like a Step 1 one.
 *
 * @module
 */

import { PyRandom } from "../random.ts";
import { ModelFileError } from "./errors.ts";
import { INFERENCE_HEADER, isLogged, sampleLine, stepLine } from "./format.ts";
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
import { div } from "../../lessons/step2/02_more_ops.ts";
import {
  fromNumbers,
  initModel,
  type Model,
  parameters,
  toNumbers,
} from "../../lessons/step2/04_parameters.ts";
import { mlp, softmax } from "../../lessons/step2/05_model.ts";
import { train } from "../../lessons/step2/06_training.ts";
import { sample } from "../../lessons/step2/07_sampling.ts";

/** The embedding size of the guide's Step 2 model (Step 1's). */
export const N_EMBD = 16;
/** The longest name sampling generates, in characters. */
export const MAX_SAMPLE_LENGTH = 16;

/** The guide's Step 2 program. */
export const STEP2: StepProgram = {
  step: 2,
  title: "Autograd: the same model, gradients by a scalar Value graph",
  run: runStep2,
  load: loadStep2,
};

function runStep2(
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
  output.line(`num params: ${parameters(model).length}`);

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

  const numbers = toNumbers(model);
  return {
    vocabulary: tokenizer.chars,
    hyperparameters: { nEmbd: N_EMBD },
    weights: {
      wte: numbers.wte,
      mlpFc1: numbers.mlpFc1,
      mlpFc2: numbers.mlpFc2,
    },
  };
}

function loadStep2(saved: TrainedModel): Sampler {
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
  const model: Model = fromNumbers({
    wte: checkMatrix(weights, "wte", tokenizer.vocabSize, nEmbd),
    mlpFc1: checkMatrix(weights, "mlpFc1", 4 * nEmbd, nEmbd),
    mlpFc2: checkMatrix(weights, "mlpFc2", tokenizer.vocabSize, 4 * nEmbd),
  });
  return {
    sample: (rng, temperature) =>
      sample(model, tokenizer, rng, {
        temperature,
        maxLength: MAX_SAMPLE_LENGTH,
      }),
    // A bigram model looks only at the last token of the prefix.
    nextTokenProbabilities: (prefix, temperature) => {
      const logits = mlp(model, prefix[prefix.length - 1]);
      return softmax(logits.map((v) => div(v, temperature))).map((p) => p.data);
    },
  };
}
