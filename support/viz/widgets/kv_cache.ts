/**
 * The KV cache growing position by position (guide 3.7). Waits for Step 3's
 * lessons: when `gpt(model, token, pos, cache)` exists, call it in `probe`
 * and `compute` and add `page/widgets/kv-cache.js`.
 *
 * @module
 */

import { MissingTrack, type Widget } from "../widget.ts";

export const KV_CACHE: Widget = {
  id: "kv-cache",
  title: "The KV cache, position by position",
  guide: "3.7 KV cache · 4.5 Per-layer KV cache",
  probe() {
    throw new MissingTrack(3);
  },
};
