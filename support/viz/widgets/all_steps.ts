/**
 * Every step's loss curve on one chart (guide 3.8, 4.6, 5.4), each toggled
 * on and off. The page trains each live step through `/api/train`, one
 * after the other. Live once Step 3's program runs on the lessons: the
 * comparison is about the steps that add attention.
 *
 * @module
 */

import { probeProgram } from "../trainer_link.ts";
import type { Widget } from "../widget.ts";
import { programNeeds, programStatuses } from "./loss_curve.ts";

export const ALL_STEPS: Widget = {
  id: "all-steps",
  title: "Every step's loss, on one chart",
  guide: "3.8 · 4.6 · 5.4 Training and results",
  needs: programNeeds(3),
  async probe() {
    // Throws what the lessons throw while Step 3 cannot train yet.
    await probeProgram(3);
    return { steps: await programStatuses() };
  },
};
