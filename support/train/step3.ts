/**
 * Step 3 of the guide, "Attention", as `deno task train --step 3` runs it:
 * the guide's reference program rebuilt from the lessons' exports (see
 * `step1.ts`, the pattern, and `step_program.ts`).
 *
 * The order is the reference program's (seed → shuffle the names → draw the
 * nine matrices → training draws nothing → one weighted draw per sampled
 * character). It prints Step 2's lines: `num docs`, `vocab size`,
 * `num params`, a step line when `s < 5` or `s % 200 == 0`, and the samples.
 * Its learning rate starts at 0.1.
 *
 * The saved model holds the nine matrices by name, in parameter order, and
 * `nEmbd` and `blockSize`; loading checks their shapes. A loaded model reads
 * the whole beginning of a name, and `deno task sample --attention TEXT`
 * draws where its one head looks.
 *
 * @module
 */

import {
  type Gpt,
  gptSampler,
  layerShapes,
  loadMatrices,
  saveMatrices,
} from "./gpt_model.ts";
import {
  checkSize,
  type ProgramOptions,
  type ProgramOutput,
  referenceRun,
  type Sampler,
  samplingOf,
  type StepProgram,
  tokenizerOf,
  type TrainedModel,
} from "./step_program.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import {
  CONFIG,
  initModel,
  type Model,
  parameters,
} from "../../lessons/step3/02_parameters.ts";
import { emptyCache, gpt } from "../../lessons/step3/05_gpt.ts";
import { train } from "../../lessons/step3/06_training.ts";
import { sample } from "../../lessons/step3/07_sampling.ts";

/** The nine matrices, in the guide's draw order (the parameter order). */
const shapes = (vocabSize: number, nEmbd: number, blockSize: number) => ({
  wte: [vocabSize, nEmbd],
  wpe: [blockSize, nEmbd],
  ...layerShapes(nEmbd),
  lmHead: [vocabSize, nEmbd],
} as const);

/** The guide's Step 3 program. */
export const STEP3: StepProgram = {
  step: 3,
  title: "Attention: each position looks back at the name so far",
  defaults: { lr: 0.1 },
  run: runStep3,
  load: loadStep3,
  lessons: {
    setup: ["step1/01", "step3/02"],
    train: "step3/06",
    sample: "step3/07",
  },
};

function runStep3(
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
): TrainedModel {
  const run = referenceRun(names, options, output, buildTokenizer, encode);
  const { rng, tokenizer } = run;

  const model = initModel(tokenizer.vocabSize, rng);
  output.line(`num params: ${parameters(model).length}`);

  run.train((tokens, hooks) => train(model, tokens, hooks));
  run.sample((sampling) => sample(model, tokenizer, rng, sampling));

  return {
    vocabulary: tokenizer.chars,
    hyperparameters: { nEmbd: CONFIG.nEmbd, blockSize: CONFIG.blockSize },
    weights: saveMatrices(model, shapes(0, 0, 0)),
  };
}

/**
 * The Step 3 model of a saved file, as Value leaves, its shapes checked
 * against the vocabulary, `nEmbd` and `blockSize`.
 *
 * @throws {ModelFileError} When a size or a matrix is missing or wrong.
 */
function loadModel(saved: TrainedModel): Model {
  const vocabSize = saved.vocabulary.length + 1;
  const nEmbd = checkSize(saved, "nEmbd");
  const blockSize = checkSize(saved, "blockSize", CONFIG.blockSize);
  return loadMatrices(saved, shapes(vocabSize, nEmbd, blockSize));
}

function loadStep3(saved: TrainedModel): Sampler {
  const tokenizer = tokenizerOf(saved.vocabulary);
  const model = loadModel(saved);
  return gptSampler(
    step3Gpt(model),
    (rng, temperature) =>
      sample(model, tokenizer, rng, samplingOf(temperature)),
  );
}

/** The lesson's `gpt` of a Step 3 model: one head, one layer. */
export function step3Gpt(model: Model): Gpt {
  return {
    blockSize: model.wpe.length,
    layers: 1,
    heads: 1,
    wte: model.wte,
    wpe: model.wpe,
    tracedBy: "attentionBlock pushes the weights (lessons/step3/05_gpt.ts)",
    fresh() {
      const cache = emptyCache();
      return {
        step: (token, pos, trace) => gpt(model, token, pos, cache, trace),
        cache,
      };
    },
  };
}
