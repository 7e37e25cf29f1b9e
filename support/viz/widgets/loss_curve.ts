/**
 * Live training (guide 1.9, 2.8, 3.8, 4.6, 5.4), a step at a time: which step programs run on the learner's lessons, each probed on a
 * tiny dataset for one step. The page trains through `/api/train`.
 *
 * @module
 */

import { programStatuses, type Widget } from "../widget.ts";

export function widget(): Widget {
  return { probe: programStatuses };
}
