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
import { emptyCache, gpt as gpt3 } from "../../lessons/step3/05_gpt.ts";
import { train as train3 } from "../../lessons/step3/06_training.ts";
import {
  CONFIG as STEP4_CONFIG,
  initModel as initStep4,
  parameters as step4Parameters,
} from "../../lessons/step4/02_parameters.ts";
import { emptyCaches, gpt as gpt4 } from "../../lessons/step4/03_gpt.ts";
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
 * A fresh model of step `step`, its weights drawn from `rng`.
 *
 * @throws {Error} When `step` is not 3, 4 or 5; whatever the lessons throw.
 */
export function gptModel(
  step: number,
  vocabSize: number,
  rng: PyRandom,
): GptModel {
  if (step === 3) {
    const model = initStep3(vocabSize, rng);
    return {
      nHead: 1,
      parameters: () => step3Parameters(model),
      embedding: (token, pos) => embedding(model, token, pos),
      read: (tokens) => {
        const cache = emptyCache();
        return tokens.map((token, pos) => {
          const trace: number[][] = [];
          gpt3(model, token, pos, cache, trace);
          checkTrace(
            trace,
            1,
            pos,
            "attentionBlock pushes them (lesson step3/05)",
          );
          return snapshot(trace, cache);
        });
      },
      train: (docs, options) => train3(model, docs, options),
    };
  }
  if (step !== 4 && step !== 5) {
    throw new Error(`Step ${step} has no GPT: expected 3, 4 or 5`);
  }
  const model = initStep4(vocabSize, rng);
  const { nHead } = STEP4_CONFIG;
  return {
    nHead,
    parameters: () => step4Parameters(model),
    embedding: (token, pos) => embedding(model, token, pos),
    read: (tokens) => {
      const caches = emptyCaches(model.layers.length);
      return tokens.map((token, pos) => {
        const trace: number[][] = [];
        gpt4(model, token, pos, caches, nHead, trace);
        checkTrace(
          trace,
          nHead * model.layers.length,
          pos,
          "multiHeadAttention pushes one row per head (lesson step4/01), and gpt passes trace down (step4/03)",
        );
        // Every layer records its heads in turn: keep the first layer's.
        return snapshot(trace.slice(0, nHead), caches[0]);
      });
    },
    train: (docs, options) =>
      (step === 5 ? train5 : train4)(model, docs, options),
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
  const reached = docs.slice(0, Math.min(steps, docs.length));
  model.train(reached.map((doc) => encode(tokenizer, doc)), {
    steps,
    // The guide's starting rate: 0.1 with SGD (Steps 3, 4), 0.01 with Adam.
    lr0: step === 5 ? 0.01 : 0.1,
  });
  return model.parameters().map((p) => p.data);
}

/** Sets a model's parameters to `numbers` (from {@linkcode trainedParameters}). */
export function setParameters(model: GptModel, numbers: number[]): void {
  const params = model.parameters();
  if (params.length !== numbers.length) {
    throw new Error(
      `expected ${params.length} parameters, got ${numbers.length}`,
    );
  }
  params.forEach((p, i) => p.data = numbers[i]);
}

const data = (vector: readonly Value[]) => vector.map((v) => v.data);

function embedding(
  model: { wte: Value[][]; wpe: Value[][] },
  token: number,
  pos: number,
) {
  return {
    wte: data(model.wte[token]),
    wpe: data(model.wpe[pos]),
    sum: data(embed(model.wte, model.wpe, token, pos)),
  };
}

/**
 * Checks that `gpt` recorded `rows` rows of weights at position `pos`.
 *
 * @throws {Error} Saying what was expected and who records them.
 */
function checkTrace(
  trace: number[][],
  rows: number,
  pos: number,
  who: string,
): void {
  if (trace.length !== rows) {
    throw new Error(
      `gpt recorded ${trace.length} rows of attention weights at position ${pos}, expected ${rows}: ${who}`,
    );
  }
}

/** The weights a position recorded, and the cache as it stands after it. */
function snapshot(
  heads: number[][],
  cache: { keys: Value[][]; values: Value[][] },
): Reading {
  return { heads, keys: cache.keys.map(data), values: cache.values.map(data) };
}
