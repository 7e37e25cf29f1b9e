/**
 * Test helper: a ProgramOutput that remembers everything a step program
 * reports, for the programs' tests.
 *
 * @module
 */

import { type ProgramOutput, type StepEvent } from "./step_program.ts";

/** What a recorder collected, and the output to hand to a program. */
export interface Recording {
  output: ProgramOutput;
  /** Every line, in order. */
  lines: string[];
  /** Every training step's event. */
  events: StepEvent[];
  /** `start STEPS VOCAB` and `end`, in the order they were called. */
  calls: string[];
}

/** A fresh recorder. */
export function recorder(): Recording {
  const lines: string[] = [];
  const events: StepEvent[] = [];
  const calls: string[] = [];
  const output: ProgramOutput = {
    line: (text) => lines.push(text),
    startTraining: (info) =>
      calls.push(`start ${info.steps} ${info.vocabSize}`),
    step: (event) => events.push(event),
    endTraining: () => void calls.push("end"),
  };
  return { output, lines, events, calls };
}
