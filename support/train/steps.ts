/**
 * The registry: the step programs `deno task train --step N` can run, keyed
 * by the guide's step number. To add one, write `stepN.ts` (see
 * `step_program.ts`) and add it to the list below.
 *
 * This is also the trainer's door for the rest of the kata (the viz page):
 * a step's wiring lives only in its program, so run the program rather than
 * the lessons.
 *
 * - `findProgram(step).run(names, optionsFor(program, given), output)`
 *   trains as `deno task train` does and returns the model's numbers
 *   (`{ steps: 0, samples: 0 }` with `SILENT`: the starting
 *   weights, no lesson of training called);
 * - `program.load(model)` brings it to life: a `Sampler`, whose `gpt`
 *   (Steps 3–5) reads attention, the KV cache and the embeddings through
 *   the lessons;
 * - `smoothLoss` (`chart.ts`) is the loss curve's smoothing. It and
 *   everything in `step_program.ts` import no lesson; this module does.
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import type { StepProgram } from "./step_program.ts";
import { STEP0 } from "./step0.ts";
import { STEP1 } from "./step1.ts";
import { STEP2 } from "./step2.ts";
import { STEP3 } from "./step3.ts";
import { STEP4 } from "./step4.ts";
import { STEP5 } from "./step5.ts";

/** Every program, by guide step, in step order. */
export const PROGRAMS: ReadonlyMap<number, StepProgram> = new Map(
  [STEP0, STEP1, STEP2, STEP3, STEP4, STEP5].map((
    program,
  ) => [program.step, program]),
);

/**
 * The program for guide step `step`.
 *
 * @param what What asks for it, for the message.
 * @param code The exit code when there is none.
 * @throws {UserError} Listing the available steps when there is none.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { findProgram } from "./steps.ts";
 *
 * assertEquals(findProgram(1).step, 1);
 * assertThrows(() => findProgram(9), Error, "available steps are 0 (Counting");
 * ```
 */
export function findProgram(
  step: number,
  what = `There is no program for step ${step}`,
  code = 2,
): StepProgram {
  const program = PROGRAMS.get(step);
  if (program === undefined) {
    const available = [...PROGRAMS.values()]
      .map((program) => `${program.step} (${program.title})`).join(", ");
    throw new UserError(`${what}: available steps are ${available}`, code);
  }
  return program;
}
