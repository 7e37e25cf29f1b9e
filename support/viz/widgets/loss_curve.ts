/**
 * Live training (guide 1.9, 2.8, 3.8, 4.6, 5.4): which steps can train. The
 * page trains through `/api/train` (see training.ts) and draws the loss
 * curve as it comes; this module only says which step programs run on the
 * learner's lessons, by running each on a tiny dataset for one step.
 *
 * @module
 */

import { probeProgram, programSteps, programTitle } from "../trainer_link.ts";
import { stepStatuses, type Widget } from "../widget.ts";

/** Every step program's status, in step order. */
export function programStatuses() {
  return stepStatuses(programSteps(), probeProgram, programTitle);
}

export const LOSS_CURVE: Widget = {
  id: "loss-curve",
  title: "Training: the loss curve, live",
  guide: "1.9 · 2.8 · 3.8 · 4.6 · 5.4 Training",
  async probe() {
    const steps = await programStatuses();
    if (!steps.some((s) => s.state === "live") && steps.length > 0) {
      // Nothing can train yet: wait for the first step's lessons.
      await probeProgram(steps[0].step);
    }
    return { steps };
  },
};
