/**
 * What a step program is: the guide's reference program for one step,
 * rebuilt from the lessons' exports, that `deno task train --step N` runs.
 *
 * A program does exactly what the guide's Python does, in the same order
 * (everything that draws random numbers must draw them in Python's order),
 * and reports through a {@linkcode ProgramOutput}:
 *
 * - `line(text)` for every line the reference program prints, formatted
 *   exactly as Python prints it (use `pyFixed`/`pyInt` from `format.ts`);
 *   in plain mode these lines are the whole of stdout;
 * - `startTraining`, then `step(event)` once per training step (before its
 *   update), then `endTraining`, so the live view can draw its progress bar
 *   and loss curve. `step` throws a {@linkcode DivergenceError} when the loss
 *   is not finite; let it propagate, it ends the run politely.
 *
 * It returns its trained weights so that `--save` can write them and
 * `deno task sample` can load them again through `load`.
 *
 * To add a step: write `stepN.ts` beside `step1.ts` (the pattern), import the
 * lessons through `../../lessons/stepN/...` (the `--solutions` import map
 * swaps in solutions/), and register it in `programs.ts`.
 *
 * @module
 */

import type { PyRandom } from "../random.ts";

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

/** One training step, reported before its update. */
export interface StepEvent {
  /** The step, counting from 0. */
  step: number;
  /** The number of steps in the run. */
  steps: number;
  /** This step's loss, before the update. */
  loss: number;
  /** The learning rate this step uses. */
  lr: number;
}

/** Where a program reports what it does. */
export interface ProgramOutput {
  /** One line of the reference program's output, without the newline. */
  line(text: string): void;
  /** Training is about to start; `vocabSize` gives the ln(vocab) reference line. */
  startTraining(info: { steps: number; vocabSize: number }): void;
  /**
   * One training step, before its update.
   *
   * @throws {DivergenceError} When the loss is NaN or infinite.
   */
  step(event: StepEvent): void;
  /** Training is over; the inference lines come next. */
  endTraining(): void;
}

/** A trained model, as a program returns it and a model file stores it. */
export interface TrainedModel {
  /** The tokenizer's characters in id order; BOS is `vocabulary.length`. */
  vocabulary: string[];
  /** The architecture's sizes, e.g. `{ nEmbd: 16 }`. */
  hyperparameters: Record<string, number>;
  /** The weight matrices by name, in parameter order, each an array of rows. */
  weights: Record<string, number[][]>;
}

/** A saved model brought back to life, for `deno task sample`. */
export interface Sampler {
  /** Invents one name (one weighted draw per character, as in training). */
  sample(rng: PyRandom, temperature: number): string;
  /**
   * The probability of each token (ids 0 … vocabulary.length, BOS last)
   * coming next after `prefix`, a name's beginning as token ids starting
   * with BOS.
   */
  nextTokenProbabilities(prefix: number[], temperature: number): number[];
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
