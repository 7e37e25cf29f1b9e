/**
 * Stand-ins for the trainer's Step 3–5 programs, so the page can train
 * those steps before `support/train/steps.ts` has them: each follows the
 * guide's reference program (seed → shuffle → tokenizer → weights → train
 * → sample) and prints its lines, on the lessons' own functions (see
 * `gpt_steps.ts`). `trainer_link.ts` uses one only when the trainer has no
 * program for that step; delete this file once it has all three.
 *
 * @module
 */

import { PyRandom } from "../random.ts";
import { encode } from "../../lessons/step1/01_tokenizer.ts";
import {
  MAX_SAMPLE_LENGTH,
  type ProgramOptions,
  type ProgramOutput,
  type Sampler,
  sampleReported,
  shuffledDocs,
  type StepProgram,
  tokenizerOf,
  type TrainedModel,
  trainReported,
} from "../train/step_program.ts";
import {
  GPT_STEPS,
  gptModel,
  learningRate,
  setParameters,
} from "./gpt_steps.ts";
import { buildTokenizer } from "../../lessons/step1/01_tokenizer.ts";

const TITLES: Record<number, string> = {
  3: "Attention: a one-head GPT that looks back at the whole name",
  4: "Transformer: four heads, layers",
  5: "Adam: the same transformer, trained with Adam",
};

/** The stand-in programs, by step. */
export const STAND_INS: ReadonlyMap<number, StepProgram> = new Map(
  GPT_STEPS.map((step) => [step, standIn(step)]),
);

function standIn(step: number): StepProgram {
  return {
    step,
    title: TITLES[step],
    // The guide prints Step 5's loss at every step, Steps 3 and 4's as Step 1's.
    defaults: step === 5
      ? { lr: learningRate(step), logEvery: 1 }
      : { lr: learningRate(step) },
    run: (names, options, output) => run(step, names, options, output),
    load: (saved) => load(step, saved),
  };
}

function run(
  step: number,
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
): TrainedModel {
  const { rng, docs } = shuffledDocs(names, options, output);
  const tokenizer = buildTokenizer(docs);
  output.line(`vocab size: ${tokenizer.vocabSize}`);
  const model = gptModel(step, tokenizer.vocabSize, rng);
  output.line(`num params: ${model.parameters().length}`);
  trainReported(
    output,
    options,
    docs,
    (doc) => encode(tokenizer, doc),
    tokenizer.vocabSize,
    (tokens, hooks) => model.train(tokens, hooks),
  );
  const sampling = {
    temperature: options.temperature,
    maxLength: MAX_SAMPLE_LENGTH,
  };
  sampleReported(
    output,
    options,
    () => model.sample(tokenizer, rng, sampling),
  );
  return {
    vocabulary: tokenizer.chars,
    hyperparameters: {},
    weights: { parameters: [model.parameters().map((p) => p.data)] },
  };
}

function load(step: number, saved: TrainedModel): Sampler {
  const tokenizer = tokenizerOf(saved.vocabulary);
  // The weights drawn here are overwritten by the saved ones.
  const model = gptModel(step, tokenizer.vocabSize, new PyRandom(0));
  setParameters(model, saved.weights.parameters[0]);
  // A GPT reads the whole prefix. (Held in a variable, not returned as a
  // literal: the trainer's Sampler is gaining this `context` field.)
  const sampler = {
    context: "prefix" as const,
    sample: (rng: PyRandom, temperature: number) =>
      model.sample(tokenizer, rng, {
        temperature,
        maxLength: MAX_SAMPLE_LENGTH,
      }),
    nextTokenProbabilities: (prefix: number[], temperature: number) =>
      model.next(prefix, temperature),
  };
  return sampler;
}
