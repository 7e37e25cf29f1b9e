/**
 * Step 4 of the guide, "Transformer", as `deno task train --step 4` runs it:
 * Step 3's program with four attention heads and a list of layers (see
 * `step3.ts` and `step_program.ts`). Step 5 runs the same program with Adam
 * (`step5.ts`), so the pieces both share live here.
 *
 * The order is the reference program's (seed → shuffle the names → draw
 * wte, wpe, lmHead, then each layer's six matrices → training draws nothing
 * → one weighted draw per sampled character). The printed lines are
 * Step 3's; the learning rate starts at 0.1.
 *
 * The saved model holds `wte`, `wpe`, `lmHead` and each layer's matrices
 * under flat names (`layer0.attnWq` …), in parameter order, and `nEmbd`,
 * `nHead`, `nLayer`, `blockSize`; loading checks every shape.
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
import { ModelFileError } from "./errors.ts";
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
  type TrainHooks,
} from "./step_program.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import {
  CONFIG,
  initModel,
  type Model,
  parameters,
} from "../../lessons/step4/02_parameters.ts";
import { emptyCaches, gpt } from "../../lessons/step4/03_gpt.ts";
import { sample, train } from "../../lessons/step4/04_training.ts";

/** The matrices outside the layers, in the guide's draw order. */
const shapes = (vocabSize: number, nEmbd: number, blockSize: number) => ({
  wte: [vocabSize, nEmbd],
  wpe: [blockSize, nEmbd],
  lmHead: [vocabSize, nEmbd],
} as const);

/** The guide's Step 4 program. */
export const STEP4: StepProgram = {
  step: 4,
  title: "Transformer: multi-head attention and a stack of layers",
  defaults: { lr: 0.1 },
  run: (names, options, output) =>
    runTransformer(names, options, output, train),
  load: loadTransformer,
  lessons: {
    setup: ["step1/01", "step4/02"],
    train: "step4/04",
    sample: "step4/04",
  },
};

/**
 * The program of Steps 4 and 5, which differ only in their training loop:
 * seed, shuffle, tokenizer, the model, training, sampling.
 *
 * @param trainModel The lesson's `train` (SGD for Step 4, Adam for Step 5).
 * @returns The trained model, for `--save`.
 */
export function runTransformer(
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
  trainModel: (model: Model, docs: number[][], hooks: TrainHooks) => unknown,
): TrainedModel {
  const run = referenceRun(names, options, output, buildTokenizer, encode);
  const { rng, tokenizer } = run;

  const model = initModel(tokenizer.vocabSize, rng);
  output.line(`num params: ${parameters(model).length}`);

  run.train((tokens, hooks) => trainModel(model, tokens, hooks));
  run.sample((sampling) => sample(model, tokenizer, rng, sampling));

  const weights = Object.assign(
    saveMatrices(model, shapes(0, 0, 0)),
    ...model.layers.map((layer, li) =>
      saveMatrices(layer, layerShapes(0), `layer${li}.`)
    ),
  );
  return {
    vocabulary: tokenizer.chars,
    hyperparameters: {
      nEmbd: CONFIG.nEmbd,
      nHead: CONFIG.nHead,
      nLayer: model.layers.length,
      blockSize: CONFIG.blockSize,
    },
    weights,
  };
}

/**
 * The model of a saved Step 4 or Step 5 file, as Value leaves, its shapes
 * checked against the vocabulary and the saved sizes, and its number of
 * heads.
 *
 * @throws {ModelFileError} When a size or a matrix is missing or wrong.
 */
function loadModel(saved: TrainedModel): { model: Model; nHead: number } {
  const vocabSize = saved.vocabulary.length + 1;
  const nEmbd = checkSize(saved, "nEmbd");
  const nHead = checkSize(saved, "nHead", CONFIG.nHead);
  const nLayer = checkSize(saved, "nLayer");
  const blockSize = checkSize(saved, "blockSize", CONFIG.blockSize);
  if (nEmbd % nHead !== 0) {
    throw new ModelFileError(
      `hyperparameters.nEmbd (${nEmbd}) is not a multiple of nHead (${nHead})`,
    );
  }
  const layers = Array.from(
    { length: nLayer },
    (_, li) => loadMatrices(saved, layerShapes(nEmbd), `layer${li}.`),
  );
  const outside = loadMatrices(saved, shapes(vocabSize, nEmbd, blockSize));
  const model = { ...outside, layers };
  return { model, nHead };
}

/** Rebuilds a sampler from a saved Step 4 or Step 5 model. */
export function loadTransformer(saved: TrainedModel): Sampler {
  const tokenizer = tokenizerOf(saved.vocabulary);
  const { model, nHead } = loadModel(saved);
  return gptSampler(
    transformerGpt(model, nHead),
    (rng, temperature) =>
      sample(model, tokenizer, rng, samplingOf(temperature)),
  );
}

/** The lesson's `gpt` of a Step 4 or Step 5 model. */
export function transformerGpt(model: Model, nHead: number): Gpt {
  return {
    blockSize: model.wpe.length,
    layers: model.layers.length,
    heads: nHead,
    wte: model.wte,
    wpe: model.wpe,
    tracedBy:
      "multiHeadAttention pushes one row per head (lessons/step4/01_multi_head.ts) and gpt passes trace down (lessons/step4/03_gpt.ts)",
    fresh() {
      const caches = emptyCaches(model.layers.length);
      return {
        step: (token, pos, trace) =>
          gpt(model, token, pos, caches, nHead, trace),
        cache: caches[0],
      };
    },
  };
}
