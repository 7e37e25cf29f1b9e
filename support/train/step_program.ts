/**
 * What a step program is, and the one frame every step program runs in.
 *
 * A step program is the guide's reference program for one step, rebuilt from
 * the lessons' exports, that `deno task train --step N` runs. It does exactly
 * what the guide's Python does, in the same order (everything that draws
 * random numbers draws them in Python's order), and reports through a
 * {@linkcode ProgramOutput}: `line(text)` for every line the reference
 * program prints (in plain mode these lines are the whole of stdout), and
 * `startTraining`, `step(event)` per step and `endTraining` for the live
 * view.
 *
 * To add a step: write `stepN.ts` beside `step1.ts` (import the lessons
 * through `../../lessons/stepN/...`; the `--solutions` import map swaps in
 * solutions/), export `stepProgram({...})` of its {@linkcode StepLessons},
 * and add it to the list in `steps.ts`. {@linkcode stepProgram} runs the
 * reference program's frame around them (seed, shuffle, tokenizer, weights,
 * training, samples), saves the model's matrices by name, and brings a saved
 * one back as a {@linkcode Sampler}.
 *
 * This module imports no lesson (the viz server reads its types and
 * defaults on the thread that answers HTTP).
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import { PyRandom } from "../random.ts";
import { INFERENCE_HEADER, sampleLine, stepLine } from "./format.ts";
import { loadWeights, type WeightKind, weightsOf } from "./model_file.ts";

/** The hyperparameters a program runs with (flags or their defaults). */
export interface ProgramOptions {
  /** Seeds Python's random: the shuffle, the weights and the sampling. */
  seed: number;
  /** Training steps, one name each. */
  steps: number;
  /** The starting learning rate. */
  lr: number;
  /** The sampling temperature, > 0. */
  temperature: number;
  /** How many names to invent after training. */
  samples: number;
  /** A step line is printed when `s < 5` or `s % logEvery === 0`. */
  logEvery: number;
}

/** The trainer's defaults: the guide's Step 1 hyperparameters. */
export const TRAIN_DEFAULTS: Readonly<ProgramOptions> = {
  seed: 42,
  steps: 1000,
  lr: 1.0,
  temperature: 0.5,
  samples: 20,
  logEvery: 200,
};

/**
 * The options step `program` runs with: the trainer's defaults, the step's
 * own (Step 0 samples at temperature 1, Step 5 starts at lr 0.01), then
 * `given`. The one place these three layers meet.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { optionsFor } from "./step_program.ts";
 *
 * const step5 = { defaults: { lr: 0.01, logEvery: 1 } };
 * assertEquals(optionsFor(step5, { steps: 0 }).lr, 0.01);
 * assertEquals(optionsFor(step5, { steps: 0 }).steps, 0);
 * assertEquals(optionsFor({}).lr, 1);
 * ```
 */
export function optionsFor(
  program: { defaults?: Partial<ProgramOptions> },
  given: Partial<ProgramOptions> = {},
): ProgramOptions {
  return { ...TRAIN_DEFAULTS, ...program.defaults, ...given };
}

/** The step `deno task train` runs without `--step`. */
export const DEFAULT_STEP = 1;

/** The longest name sampling generates, in characters (every step's). */
const MAX_SAMPLE_LENGTH = 16;

/** One training step, reported before its update. */
export interface StepEvent {
  /** The step, counting from 0. */
  step: number;
  /** The number of steps in the run. */
  steps: number;
  /** This step's loss, before the update. */
  loss: number;
  /** The learning rate this step uses (0 when the step has none). */
  lr: number;
}

/** Where a program reports what it does. */
export interface ProgramOutput {
  /** One line of the reference program's output, without the newline. */
  line(text: string): void;
  /** Training is about to start; `vocabSize` gives the ln(vocab) reference line. */
  startTraining(info: { steps: number; vocabSize: number }): void;
  /** One training step, before its update (its loss is finite). */
  step(event: StepEvent): void;
  /** Training is over; the inference lines come next. */
  endTraining(): void | Promise<void>;
}

/**
 * A {@linkcode ProgramOutput} that ignores everything: for a program run
 * only for its model (e.g. `{ steps: 0, samples: 0 }`, the starting weights).
 */
export const SILENT: ProgramOutput = {
  line: () => {},
  startTraining: () => {},
  step: () => {},
  endTraining: () => {},
};

/** A trained model, as a program returns it and a model file stores it. */
export interface TrainedModel {
  /** The tokenizer's characters in id order; BOS is `vocabulary.length`. */
  vocabulary: string[];
  /** The architecture's sizes, e.g. `{ nEmbd: 16 }`. */
  hyperparameters: Record<string, number>;
  /**
   * The weight matrices by name, each an array of rows; a layer's are saved
   * under flat names such as `layer0.attnWq`.
   */
  weights: Record<string, number[][]>;
}

/** A saved model brought back to life, for `deno task sample`. */
export interface Sampler {
  /** Invents one name (one weighted draw per character, as in training). */
  sample(rng: PyRandom, temperature: number): string;
  /**
   * The probability of each token (ids 0 … vocabulary.length, BOS last)
   * coming next after `prefix`, a name's beginning as token ids starting
   * with BOS (a bigram model looks at its last token only; a GPT at all).
   */
  nextTokenProbabilities(prefix: number[], temperature: number): number[];
  /** A GPT's insides (Steps 3–5 only): attention, KV cache, embeddings. */
  gpt?: GptView;
}

/** What one position of a name did inside a GPT, read off the lesson's `gpt`. */
export interface GptReading {
  /** The first layer's attention weights, one row per head, over positions 0 … p. */
  heads: number[][];
  /** Every layer's rows, layer by layer (`layers[0]` is `heads`). */
  layers: number[][][];
  /** The keys in the first layer's cache right after this position, as numbers. */
  keys: number[][];
  /** The values in that cache, as numbers. */
  values: number[][];
}

/**
 * A Step 3–5 model seen from inside, through the lessons' own `gpt` (its
 * `trace` argument) and `embed`: what the viz widgets and
 * `deno task sample --attention` draw.
 *
 * @example A model's starting weights, then after 20 steps
 * ```ts
 * import { assertEquals, assertNotEquals } from "@std/assert";
 * import { findProgram } from "./steps.ts";
 * import { optionsFor, SILENT } from "./step_program.ts";
 *
 * const program = findProgram(4);
 * const names = ["emma", "ava", "mia", "zoe"];
 * const gptAfter = async (steps: number) => {
 *   const options = optionsFor(program, { steps, samples: 0 });
 *   return program.load(await program.run(names, options, SILENT)).gpt!;
 * };
 * const untrained = await gptAfter(0);
 * const reading = untrained.read([7, 1, 3]); // BOS, "e", "m" (of a e i m o v z)
 * assertEquals([untrained.heads, untrained.layers, untrained.blockSize], [4, 1, 16]);
 * assertEquals(reading[2].heads.map((row) => row.length), [3, 3, 3, 3]);
 * assertEquals(reading[2].keys.length, 3);
 * assertEquals(untrained.embedding(1, 2).sum.length, 16);
 * assertNotEquals((await gptAfter(20)).read([7, 1, 3]), reading);
 * ```
 */
export interface GptView {
  /** Attention heads per layer. */
  heads: number;
  /** Layers. */
  layers: number;
  /** The longest context, in positions. */
  blockSize: number;
  /**
   * Runs `tokens` (ids, BOS first, at most `blockSize`) through `gpt`
   * position by position, with fresh caches.
   *
   * @throws {UserError} When the lessons record other than one row of
   * weights per head and layer at a position (naming the lessons), or the
   * tokens do not fit in the context.
   */
  read(tokens: readonly number[]): GptReading[];
  /** `wte[token]`, `wpe[pos]` and the lesson's `embed` of both. */
  embedding(
    token: number,
    pos: number,
  ): { wte: number[]; wpe: number[]; sum: number[] };
}

/** One step of the guide, runnable by `deno task train --step N`. */
export interface StepProgram {
  /** The guide's step number. */
  step: number;
  /** What the step builds, e.g. "Gradient descent: a neural bigram model". */
  title: string;
  /** This step's own defaults where they differ from the trainer's. */
  defaults?: Partial<ProgramOptions>;
  /**
   * Options this step has no use for, with the reason: giving the flag is
   * refused, by `train` and by `sample` of its models alike.
   */
  unused?: Partial<Record<keyof ProgramOptions, string>>;
  /**
   * The lessons (ids) whose functions the program calls before training,
   * the one whose `train` it calls, and the one whose `sample`: the trainer
   * names them when one runs for long without finishing.
   */
  lessons: { setup: string[]; train: string; sample: string };
  /**
   * Runs the reference program on `names` (in file order: the program
   * shuffles them itself) and returns the trained model.
   */
  run(
    names: readonly string[],
    options: ProgramOptions,
    output: ProgramOutput,
  ): TrainedModel;
  /**
   * Rebuilds a sampler from a saved model.
   *
   * @throws {UserError} When the sizes are not the lessons' or the weights
   * do not have their shapes.
   */
  load(model: TrainedModel): Sampler;
}

/**
 * Refuses the options a step has no use for when they were given (their
 * value does not matter: `--lr 1.0` is refused like `--lr 2`).
 *
 * @param given The options given on the command line.
 * @throws {UserError} Naming the flag and why the step does not use it.
 *
 * @example Usage
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { refuseUnused } from "./step_program.ts";
 *
 * const program = { step: 0, unused: { lr: "learns by counting and has no learning rate" } };
 * refuseUnused(program, { steps: 5 });
 * assertThrows(() => refuseUnused(program, { lr: 1 }), Error, "leave out --lr");
 * ```
 */
export function refuseUnused(
  program: Pick<StepProgram, "step" | "unused">,
  given: Partial<ProgramOptions>,
): void {
  for (const [key, why] of Object.entries(program.unused ?? {})) {
    const value = given[key as keyof ProgramOptions];
    if (value === undefined) continue;
    throw new UserError(
      `Step ${program.step} ${why}: leave out --${
        flagName(key)
      }, received ${value}`,
      2,
    );
  }
}

/** The command-line flag of an option: `logEvery` → `log-every`. */
export function flagName(option: string): string {
  return option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The lessons' tokenizer shape (Steps 0 and 1 alike): characters, then BOS. */
interface Tokenizer {
  chars: string[];
  bos: number;
  vocabSize: number;
}

/** What a lesson's `train` is called with, besides the model and the docs. */
interface TrainHooks {
  steps: number;
  lr0: number;
  onStep(event: { step: number; loss: number; lr?: number }): void;
}

/**
 * A step's program as its file writes it: what {@linkcode StepProgram}
 * says about the step, and the lessons' functions the reference program
 * calls, in its order. `M` is the lessons' model.
 */
export interface StepLessons<M extends object, T extends Tokenizer>
  extends Omit<StepProgram, "run" | "load"> {
  buildTokenizer(docs: string[]): T;
  encode(tokenizer: T, name: string): number[];
  /** Draws the weights (after the shuffle, from the same generator). */
  init(vocabSize: number, rng: PyRandom): M;
  /** Prints what the guide prints between the weights and training. */
  describe?(model: M, firstDoc: number[], output: ProgramOutput): void;
  train(model: M, docs: number[][], hooks: TrainHooks): unknown;
  sample(
    model: M,
    tokenizer: T,
    rng: PyRandom,
    options: { temperature: number; maxLength: number },
  ): string;
  /**
   * The sizes the lessons' model is built with, saved with it, e.g.
   * `{ nEmbd: 16 }`: a saved model must have these (the lessons' code fixes
   * them).
   */
  hyperparameters: Record<string, number>;
  /** What each weight must be, when not any finite number (Step 0's counts). */
  entries?: WeightKind;
  /** The probabilities of the next token (see {@linkcode Sampler}). */
  next(model: M, prefix: number[], temperature: number): number[];
  /** A GPT's insides (Steps 3–5). */
  gpt?(model: M): GptView;
}

/**
 * The step program of `parts`: the reference program's frame around them.
 *
 * `run` does what the guide's program does: seed, shuffle a copy of the
 * names, print `num docs`, build the tokenizer, print `vocab size`, draw the
 * weights and print what the step prints then; train with the live view's
 * start, step and end, a step line when the step is logged, and a
 * sentence (naming the step's own learning rate) when the loss is not
 * finite; then a blank line, the header and one line per name.
 * Step s trains on docs[s % docs.length], so only the first `steps` docs are
 * ever reached and only those are tokenized (same result, less work). It
 * returns the model's matrices by name, as a model file stores them.
 *
 * `load` checks that the saved sizes are the lessons' own, builds a fresh
 * model of the lessons and loads the saved weights into it (checking each
 * matrix, see `loadWeights`), and samples through the lessons.
 */
export function stepProgram<M extends object, T extends Tokenizer>(
  parts: StepLessons<M, T>,
): StepProgram {
  const { buildTokenizer, encode, init, train } = parts;
  /**
   * The lesson's `sample`, where NaN or infinite probabilities (which
   * PyRandom's weighted choice refuses) end in one sentence.
   */
  const sample = (
    model: M,
    tokenizer: T,
    rng: PyRandom,
    temperature: number,
  ) => {
    const options = { temperature, maxLength: MAX_SAMPLE_LENGTH };
    try {
      return parts.sample(model, tokenizer, rng, options);
    } catch (error) {
      // PyRandom's weighted choice refuses NaN and infinite weights.
      const weights = /^Total of weights/.test(Object(error).message);
      if (!(error instanceof RangeError && weights)) throw error;
      throw new UserError(
        `Cannot sample: the model's probabilities at temperature ${temperature} became NaN or infinite; the weights or the temperature are too extreme for floating point`,
      );
    }
  };
  return {
    ...parts,
    run(names, options, output) {
      const rng = new PyRandom(options.seed);
      const docs = [...names];
      rng.shuffle(docs);
      output.line(`num docs: ${docs.length}`);
      const tokenizer = buildTokenizer(docs);
      const { vocabSize } = tokenizer;
      output.line(`vocab size: ${vocabSize}`);
      const model = init(vocabSize, rng);
      parts.describe?.(model, encode(tokenizer, docs[0]), output);

      // No steps: the starting weights, without calling the lesson at all.
      const { steps, lr: lr0, logEvery } = options;
      if (steps > 0) {
        output.startTraining({ steps, vocabSize });
        const reached = docs.slice(0, steps).map((doc) =>
          encode(tokenizer, doc)
        );
        train(model, reached, {
          steps,
          lr0,
          onStep: ({ step, loss, lr = 0 }) => {
            // Training cannot recover from NaN or infinity: stop it, with
            // the step's own rate (1.0 as the guide writes it, not 1).
            if (!Number.isFinite(loss)) {
              const guide = optionsFor(parts).lr;
              const shown = Number.isInteger(guide) ? guide.toFixed(1) : guide;
              const at = step + 1;
              throw new UserError(
                `Training diverged at step ${at} of ${steps}: the loss became ${loss} with learning rate ${lr}, try a smaller --lr (the guide uses ${shown})`,
              );
            }
            output.step({ step, steps, loss, lr });
            // The first five steps, then every logEvery-th.
            if (step < 5 || step % logEvery === 0) {
              output.line(stepLine(step, steps, loss));
            }
          },
        });
        output.endTraining();
      }

      output.line("");
      output.line(INFERENCE_HEADER);
      for (let i = 0; i < options.samples; i++) {
        const name = sample(model, tokenizer, rng, options.temperature);
        output.line(sampleLine(i, name));
      }
      return {
        vocabulary: tokenizer.chars,
        hyperparameters: { ...parts.hyperparameters },
        weights: weightsOf(model),
      };
    },
    load(saved) {
      for (const [name, size] of Object.entries(parts.hyperparameters)) {
        const found = saved.hyperparameters[name];
        if (found !== size) {
          throw new UserError(
            `hyperparameters.${name} is ${found}, but the lessons' code uses ${size} (as every model deno task train saves does)`,
          );
        }
      }
      const chars = saved.vocabulary;
      const n = chars.length;
      const tokenizer = { chars, bos: n, vocabSize: n + 1 } as T;
      // A fresh model of the lessons, of their sizes, takes the weights.
      const model = init(n + 1, new PyRandom(0));
      loadWeights(model, saved.weights, parts.entries);
      return {
        sample: (rng, temperature) =>
          sample(model, tokenizer, rng, temperature),
        nextTokenProbabilities: (prefix, temperature) =>
          parts.next(model, prefix, temperature),
        gpt: parts.gpt?.(model),
      };
    },
  };
}
