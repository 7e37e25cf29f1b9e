/**
 * What a step program is, and the pieces every step program shares.
 *
 * A step program is the guide's reference program for one step, rebuilt from
 * the lessons' exports, that `deno task train --step N` runs. It does exactly
 * what the guide's Python does, in the same order (everything that draws
 * random numbers draws them in Python's order), and reports through a
 * {@linkcode ProgramOutput}: `line(text)` for every line the reference
 * program prints (in plain mode these lines are the whole of stdout), and
 * `startTraining`, `step(event)` per step and `endTraining` for the live
 * view. {@linkcode referenceRun} does that reporting for a program, so a
 * step file holds only what differs.
 *
 * To add a step: write `stepN.ts` beside `step1.ts` (import the lessons
 * through `../../lessons/stepN/...`; the `--solutions` import map swaps in
 * solutions/), export its {@linkcode StepProgram}, and add it to the list in
 * `steps.ts`. A program returns its trained weights as named matrices
 * (`wte`, or flat per-layer names such as `layer0.attnWq`); `load` checks
 * their shapes with {@linkcode checkMatrix} and returns a {@linkcode Sampler}
 * whose probabilities may depend on the whole prefix (a GPT's, which also
 * has a `gpt` view of its insides) or on its last character only.
 * `lessons` names the lessons it calls before training, for training and
 * for sampling (the trainer names them when one runs for long without a
 * word). Optional fields: `defaults` (e.g. `{ logEvery: 1 }` to print every
 * step line) and `unused` (flags the step refuses, with the reason).
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import { PyRandom } from "../random.ts";
import { DivergenceError, ModelFileError } from "./errors.ts";
import { INFERENCE_HEADER, isLogged, sampleLine, stepLine } from "./format.ts";

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
export const MAX_SAMPLE_LENGTH = 16;

/** The sampling options of Steps 1–5: the temperature, 16 characters. */
export function samplingOf(temperature: number) {
  return { temperature, maxLength: MAX_SAMPLE_LENGTH };
}

/** The embedding size of the guide's models (every step's). */
export const N_EMBD = 16;

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
   * The weight matrices by name, in parameter order, each an array of rows;
   * nested structures are saved under flat names such as `layer0.attnWq`.
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
  ): TrainedModel | Promise<TrainedModel>;
  /**
   * Rebuilds a sampler from a saved model.
   *
   * @throws {ModelFileError} When the weights do not have this step's shapes.
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

/**
 * The tokenizer of a saved vocabulary (the lessons' Tokenizer shape): its
 * characters, then BOS.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { tokenizerOf } from "./step_program.ts";
 *
 * assertEquals(tokenizerOf(["a", "b"]), { chars: ["a", "b"], bos: 2, vocabSize: 3 });
 * ```
 */
export function tokenizerOf(vocabulary: string[]) {
  return {
    chars: vocabulary,
    bos: vocabulary.length,
    vocabSize: vocabulary.length + 1,
  };
}

/** What a lesson's `train` is called with, besides the model and the docs. */
export interface TrainHooks {
  steps: number;
  lr0: number;
  onStep(event: { step: number; loss: number; lr?: number }): void;
}

/**
 * The frame every reference program shares. It starts the run as the guide
 * does (seed, shuffle a copy of the names, print `num docs`, build the
 * tokenizer, print `vocab size`) and returns the generator (for the weights
 * and the sampling), the shuffled documents, the tokenizer, and the two
 * reporting parts a step calls in turn:
 *
 * - `train(loop)` runs the lesson's training loop with the live view's
 *   start, step and end, and a step line when the step is logged; a loss
 *   that is not finite stops it with a {@linkcode DivergenceError}. Step s
 *   trains on docs[s % docs.length], so only the first `steps` docs are
 *   ever reached and only those are tokenized (same result, less work).
 * - `sample(draw)` prints a blank line, the header and one line per name
 *   drawn, `draw` getting the sampling options of Steps 1–5.
 *
 * @param buildTokenizer The lesson's tokenizer (Step 0's or Step 1's).
 * @param encode A document to token ids, with that tokenizer.
 */
export function referenceRun<T extends { vocabSize: number }>(
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
  buildTokenizer: (docs: string[]) => T,
  encode: (tokenizer: T, doc: string) => number[],
) {
  const rng = new PyRandom(options.seed);
  const docs = [...names];
  rng.shuffle(docs);
  output.line(`num docs: ${docs.length}`);
  const tokenizer = buildTokenizer(docs);
  output.line(`vocab size: ${tokenizer.vocabSize}`);
  const { steps } = options;
  return {
    rng,
    docs,
    tokenizer,
    train(loop: (tokens: number[][], hooks: TrainHooks) => unknown): void {
      // No steps: the starting weights, without calling the lesson at all.
      if (steps === 0) return;
      const reached = docs.slice(0, Math.min(steps, docs.length));
      output.startTraining({ steps, vocabSize: tokenizer.vocabSize });
      loop(reached.map((doc) => encode(tokenizer, doc)), {
        steps,
        lr0: options.lr,
        onStep: ({ step, loss, lr = 0 }) => {
          // Training cannot recover from NaN or infinity: stop it.
          if (!Number.isFinite(loss)) {
            throw new DivergenceError(step + 1, steps, loss, lr);
          }
          output.step({ step, steps, loss, lr });
          if (isLogged(step, options.logEvery)) {
            output.line(stepLine(step, steps, loss));
          }
        },
      });
      output.endTraining();
    },
    sample(draw: (sampling: ReturnType<typeof samplingOf>) => string): void {
      output.line("");
      output.line(INFERENCE_HEADER);
      const sampling = samplingOf(options.temperature);
      for (let i = 0; i < options.samples; i++) {
        output.line(sampleLine(i, draw(sampling)));
      }
    },
  };
}

/**
 * A saved size such as `hyperparameters.nEmbd`, checked to be a positive
 * integer, and to be `lessons` when given: a size the lessons' own code
 * fixes (their `CONFIG`), which a model of another size would break.
 *
 * @throws {ModelFileError} When it is missing, not a positive integer, or
 * not the lessons' size.
 *
 * @example Usage
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkSize } from "./step_program.ts";
 *
 * const model = { vocabulary: [], hyperparameters: { blockSize: 8 }, weights: {} };
 * checkSize(model, "blockSize");
 * assertThrows(() => checkSize(model, "blockSize", 16), Error, "is 8, but the lessons' code uses CONFIG.blockSize = 16");
 * ```
 */
export function checkSize(
  model: TrainedModel,
  name: string,
  lessons?: number,
): number {
  const size = model.hyperparameters[name];
  if (!Number.isInteger(size) || size < 1) {
    throw new ModelFileError(
      `hyperparameters.${name} is ${size}, expected a positive integer`,
    );
  }
  if (lessons !== undefined && size !== lessons) {
    throw new ModelFileError(
      `hyperparameters.${name} is ${size}, but the lessons' code uses CONFIG.${name} = ${lessons} (as every model deno task train saves does)`,
    );
  }
  return size;
}

/**
 * Checks that `weights[name]` is a rows × cols matrix; steps call it from
 * their `load`.
 *
 * @throws {ModelFileError} When it is missing or has another shape.
 *
 * @example Usage
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { DivergenceError, ModelFileError } from "./errors.ts";
 * import { checkMatrix } from "./step_program.ts";
 *
 * const weights = { wte: [[1, 2], [3, 4], [5, 6]] };
 * checkMatrix(weights, "wte", 3, 2);
 * assertThrows(() => checkMatrix(weights, "wte", 27, 2), ModelFileError, "has 3 rows, expected 27");
 * ```
 */
export function checkMatrix(
  weights: Record<string, number[][]>,
  name: string,
  rows: number,
  cols: number,
): number[][] {
  const matrix = weights[name];
  if (matrix === undefined) {
    throw new ModelFileError(`weights.${name} is missing`);
  }
  if (matrix.length !== rows) {
    throw new ModelFileError(
      `weights.${name} has ${matrix.length} rows, expected ${rows}`,
    );
  }
  const i = matrix.findIndex((row) => row.length !== cols);
  if (i !== -1) {
    throw new ModelFileError(
      `weights.${name}[${i}] has ${matrix[i].length} columns, expected ${cols}`,
    );
  }
  return matrix;
}
