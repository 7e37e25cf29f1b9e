/**
 * The lessons' Steps 3–5 models, as the attention, KV-cache and embedding
 * widgets look into them: one {@linkcode GptModel} hides whether it is Step
 * 3's (one head) or Step 4's (four heads; Step 5 is the same model trained
 * with Adam), so a widget asks the same questions of all three.
 *
 * A model starts as the trainer's does (seed 42: shuffle the names, build
 * the tokenizer, draw the weights), so "untrained" here is the very model
 * `deno task train --step N` starts from.
 *
 * @module
 */

import { PyRandom } from "../random.ts";
import type { Gpt } from "../train/gpt_model.ts";
import { step3Gpt } from "../train/step3.ts";
import { transformerGpt } from "../train/step4.ts";
import {
  buildTokenizer,
  encode,
  type Tokenizer,
} from "../../lessons/step1/01_tokenizer.ts";
import type { TrainOptions } from "../../lessons/step1/10_training.ts";
import type { Value } from "../../lessons/step2/01_value.ts";
import {
  embed,
  initModel as initStep3,
  parameters as step3Parameters,
} from "../../lessons/step3/02_parameters.ts";
import { train as train3 } from "../../lessons/step3/06_training.ts";
import {
  CONFIG as STEP4_CONFIG,
  initModel as initStep4,
  parameters as step4Parameters,
} from "../../lessons/step4/02_parameters.ts";
import { train as train4 } from "../../lessons/step4/04_training.ts";
import { train as train5 } from "../../lessons/step5/03_training.ts";

/** The steps whose model is a GPT. */
export const GPT_STEPS: readonly number[] = [3, 4, 5];

/** What one position of a name did, read off the lesson's `gpt`. */
export interface Reading {
  /** Its attention weights, one row per head, over positions 0 … p. */
  heads: number[][];
  /** The keys in the (first layer's) cache right after it, as numbers. */
  keys: number[][];
  /** The values in that cache, as numbers. */
  values: number[][];
}

/** A Step 3, 4 or 5 model, and the questions the widgets ask it. */
export interface GptModel {
  /** How many attention heads it has. */
  nHead: number;
  /** Its parameters, in the lesson's flat order. */
  parameters(): Value[];
  /** `wte[token]`, `wpe[pos]` and the lesson's `embed` of both. */
  embedding(
    token: number,
    pos: number,
  ): { wte: number[]; wpe: number[]; sum: number[] };
  /** Runs `tokens` through `gpt` position by position, with a fresh cache. */
  read(tokens: readonly number[]): Reading[];
  /** The lesson's training loop for this step. */
  train(docs: number[][], options: TrainOptions): number[];
}

/**
 * A fresh model of step `step` (3, 4 or 5), its weights drawn from `rng`.
 *
 * @throws Whatever the lessons throw.
 */
export function gptModel(
  step: number,
  vocabSize: number,
  rng: PyRandom,
): GptModel {
  if (step === 3) {
    const model = initStep3(vocabSize, rng);
    return {
      ...common(
        step3Gpt(model),
        model,
        "attentionBlock pushes them (lesson step3/05)",
      ),
      parameters: () => step3Parameters(model),
      train: (docs, options) => train3(model, docs, options),
    };
  }
  const model = initStep4(vocabSize, rng);
  return {
    ...common(
      transformerGpt(model, STEP4_CONFIG.nHead),
      model,
      "multiHeadAttention pushes one row per head (lesson step4/01), and gpt passes trace down (step4/03)",
    ),
    parameters: () => step4Parameters(model),
    train: (docs, options) =>
      (step === 5 ? train5 : train4)(model, docs, options),
  };
}

/** What the widgets ask every step's model alike. */
function common(
  gpt: Gpt,
  model: { wte: Value[][]; wpe: Value[][] },
  who: string,
): Pick<GptModel, "nHead" | "embedding" | "read"> {
  return {
    nHead: gpt.heads,
    embedding: (token, pos) => ({
      wte: data(model.wte[token]),
      wpe: data(model.wpe[pos]),
      sum: data(embed(model.wte, model.wpe, token, pos)),
    }),
    read(tokens) {
      const { step, cache } = gpt.fresh();
      return tokens.map((token, pos) => {
        const trace: number[][] = [];
        step(token, pos, trace);
        const rows = gpt.layers * gpt.heads;
        if (trace.length !== rows) {
          throw new Error(
            `gpt recorded ${trace.length} rows of attention weights at position ${pos}, expected ${rows}: ${who}`,
          );
        }
        // Every layer records its heads in turn: keep the first layer's.
        return {
          heads: trace.slice(0, gpt.heads),
          keys: cache.keys.map(data),
          values: cache.values.map(data),
        };
      });
    },
  };
}

/**
 * The model `deno task train --step N` starts from: seed 42, the names
 * shuffled, the tokenizer, then the weights; and the shuffled names.
 */
export function startingPoint(
  step: number,
  names: readonly string[],
): { model: GptModel; tokenizer: Tokenizer; docs: string[] } {
  const rng = new PyRandom(42);
  const docs = [...names];
  rng.shuffle(docs);
  const tokenizer = buildTokenizer(docs);
  return { model: gptModel(step, tokenizer.vocabSize, rng), tokenizer, docs };
}

/**
 * Trains step `step`'s starting model for `steps` steps with the step's
 * learning rate, as the trainer would, and returns its parameters' numbers.
 */
export function trainedParameters(
  step: number,
  names: readonly string[],
  steps: number,
): number[] {
  const { model, tokenizer, docs } = startingPoint(step, names);
  // One name per step, as the trainer reads them.
  model.train(docs.slice(0, steps).map((doc) => encode(tokenizer, doc)), {
    steps,
    // The guide's starting rate: 0.1 with SGD (Steps 3, 4), 0.01 with Adam.
    lr0: step === 5 ? 0.01 : 0.1,
  });
  return model.parameters().map((p) => p.data);
}

const data = (vector: readonly Value[]) => vector.map((v) => v.data);
