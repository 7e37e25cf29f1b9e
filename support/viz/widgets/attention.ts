/**
 * Attention weights per head for a name, as a heatmap (guide 3.5, 4.3).
 * Waits for Step 3's lessons: when `gpt` records its attention weights,
 * call it in `probe` and `compute` and add `page/widgets/attention.js`.
 *
 * @module
 */

import { MissingTrack, type Widget } from "../widget.ts";

export const ATTENTION: Widget = {
  id: "attention",
  title: "Attention: who looks at whom",
  guide: "3.5 Scores and weights · 4.3 Multi-head attention",
  probe() {
    throw new MissingTrack(3);
  },
};
