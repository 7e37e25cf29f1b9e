/**
 * The page's one link to the trainer (support/train/): the step programs
 * that `deno task train` runs, and the dataset it reads. Everything else in
 * support/viz/ calls the lessons directly; when the trainer's modules move,
 * only the imports below change.
 *
 * @module
 */

import { findProgram, PROGRAMS } from "../train/steps.ts";
import {
  type ProgramOptions,
  type ProgramOutput,
  type Sampler,
  TRAIN_DEFAULTS,
} from "../train/step_program.ts";
import { loadDataset } from "../data.ts";

export type { ProgramOutput };

/** The guide steps that have a program, in order. */
export function programSteps(): number[] {
  return [...PROGRAMS.keys()];
}

/** The title of step `step`'s program. */
export function programTitle(step: number): string {
  return findProgram(step).title;
}

/**
 * The options `deno task train --step N` runs with by default: the guide's
 * hyperparameters, with the step's own defaults (Step 0 samples at
 * temperature 1), then `overrides`.
 */
export function programOptions(
  step: number,
  overrides: Partial<ProgramOptions> = {},
): ProgramOptions {
  return {
    ...TRAIN_DEFAULTS,
    ...PROGRAMS.get(step)?.defaults,
    ...overrides,
  };
}

/**
 * Runs step `step`'s program, as `deno task train --step N` does, and
 * brings its trained model back as a sampler.
 *
 * @throws {UserError} When there is no program for `step`; whatever the
 * lessons throw (NotImplementedError for a stub).
 */
export async function runProgram(
  step: number,
  names: readonly string[],
  options: ProgramOptions,
  output: ProgramOutput,
): Promise<Sampler> {
  const found = findProgram(step);
  return found.load(await found.run(names, options, output));
}

/**
 * Runs step `step`'s program for one step on two tiny names: whether it
 * runs on the lessons.
 *
 * @throws Whatever the lessons throw (NotImplementedError for a stub).
 */
export async function probeProgram(step: number): Promise<void> {
  const options = programOptions(step, { steps: 1, samples: 1 });
  await runProgram(step, ["ab", "ba"], options, SILENT);
}

/** The names the trainer would learn from (data/names.txt, or the npm list). */
export function trainingNames(
  path?: string,
): Promise<{ names: string[]; source: string }> {
  return loadDataset(path);
}

/** A ProgramOutput that ignores everything, for probes. */
export const SILENT: ProgramOutput = {
  line: () => {},
  startTraining: () => {},
  step: () => {},
  endTraining: () => {},
};
