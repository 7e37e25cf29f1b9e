/**
 * The step programs `deno task train --step N` can run, keyed by the guide's
 * step number. To add one, import it here and add it to {@linkcode PROGRAMS}
 * (see `program.ts` for what a program is and `step1.ts` for the pattern).
 *
 * @module
 */

import { UsageError } from "./errors.ts";
import type { StepProgram } from "./program.ts";
import { STEP0 } from "./step0.ts";
import { STEP1 } from "./step1.ts";
import { STEP2 } from "./step2.ts";

/** Every program, by guide step. */
export const PROGRAMS: ReadonlyMap<number, StepProgram> = new Map(
  [STEP0, STEP1, STEP2].map((program) => [program.step, program]),
);

/** The step `deno task train` runs without `--step`. */
export const DEFAULT_STEP = 1;

/**
 * The program for guide step `step`.
 *
 * @param step The guide's step number.
 * @returns Its program.
 * @throws {UsageError} Listing the available steps when there is none.
 */
export function findProgram(step: number): StepProgram {
  const program = PROGRAMS.get(step);
  if (program === undefined) {
    throw new UsageError(
      `There is no program for step ${step}: available steps are ${availableSteps()}`,
    );
  }
  return program;
}

/** The available steps, e.g. "1 (Gradient descent: a neural bigram model)". */
export function availableSteps(): string {
  return [...PROGRAMS.values()]
    .sort((a, b) => a.step - b.step)
    .map((program) => `${program.step} (${program.title})`)
    .join(", ");
}
