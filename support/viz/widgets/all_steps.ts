/**
 * Every step's loss curve on one chart (guide 3.8, 4.6, 5.4): which step programs run on the learner's lessons, each probed on a
 * tiny dataset for one step. The page trains through `/api/train`.
 *
 * @module
 */

import { programStatuses, type Widget } from "../widget.ts";

export function widget(): Widget {
  return { probe: programStatuses };
}
