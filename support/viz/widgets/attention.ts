/**
 * Attention weights for a name, one heatmap per head (guide 3.5, 4.3):
 * row p is position p reading, column t the earlier position it looks at,
 * from the lessons' `gpt` (its `trace`), on an untrained or briefly
 * trained model of Step 3 (one head), 4 or 5 (four heads).
 *
 * @module
 */

import { modelStatuses, READING, readName } from "../models.ts";
import type { Widget } from "../widget.ts";

export const ATTENTION: Widget = {
  id: "attention",
  title: "Attention: who looks at whom",
  guide: "3.5 Scores and weights · 4.3 Multi-head attention",
  // Live once Step 3 reads a name; each step an option when it can.
  needs: READING.needs[3],
  probe: async () => ({ steps: await modelStatuses(READING) }),
  async compute(params, ctx) {
    const { readings, ...read } = await readName(params, ctx);
    // weights[h][p][t]: head h, position p reading, position t read.
    const weights = Array.from(
      { length: read.nHead },
      (_, h) => readings.map((r) => r.heads[h]),
    );
    return { ...read, weights };
  },
};
