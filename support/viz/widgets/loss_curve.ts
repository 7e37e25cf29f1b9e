/**
 * Live training (guide 1.9, 2.8, 3.8, 4.6, 5.4): which steps can train. The
 * page trains through `/api/train` (see training.ts) and draws the loss
 * curve as it comes; this module only says which step programs run on the
 * learner's lessons, by running each on a tiny dataset for one step.
 *
 * @module
 */

import { probeProgram, programSteps, programTitle } from "../trainer_link.ts";
import { type Needs, someLive, stepStatuses, type Widget } from "../widget.ts";

/**
 * The lessons each step's program runs, first to last: its training and its
 * sampling. Step 5 trains Step 4's model, so it needs Step 4's lessons too.
 */
const PROGRAM_NEEDS: Record<number, Needs> = {
  0: { from: "step0/01", to: "step0/06" },
  1: { from: "step1/01", to: "step1/11" },
  2: { from: "step2/01", to: "step2/07" },
  3: { from: "step3/01", to: "step3/07" },
  4: { from: "step4/01", to: "step4/04" },
  5: { from: "step4/01", to: "step5/03" },
};

/** The lessons step `step`'s program needs. */
export function programNeeds(step: number): Needs {
  return PROGRAM_NEEDS[step];
}

/** Every step program's status, in step order. */
export function programStatuses() {
  return stepStatuses(programSteps(), probeProgram, programNeeds, programTitle);
}

export const LOSS_CURVE: Widget = {
  id: "loss-curve",
  title: "Training: the loss curve, live",
  guide: "1.9 · 2.8 · 3.8 · 4.6 · 5.4 Training",
  // Live as soon as one step can train: Step 0's program comes first.
  needs: programNeeds(0),
  async probe() {
    return { steps: await someLive(await programStatuses(), probeProgram) };
  },
};
