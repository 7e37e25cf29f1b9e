/**
 * Every step's loss curve on one chart (guide 3.8, 4.6, 5.4), each toggled
 * on and off. The page trains each step through `/api/train`, one after
 * the other. Waits for Step 3, the first step the comparison is about.
 *
 * @module
 */

import { requireTrack, type Widget } from "../widget.ts";
import { stepStatuses } from "./loss_curve.ts";

export const ALL_STEPS: Widget = {
  id: "all-steps",
  title: "Every step's loss, on one chart",
  guide: "3.8 · 4.6 · 5.4 Training and results",
  async probe() {
    requireTrack(3);
    return { steps: await stepStatuses() };
  },
};
