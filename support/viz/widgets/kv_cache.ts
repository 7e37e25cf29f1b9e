/**
 * The KV cache growing position by position (guide 3.7, 4.5): after the
 * lessons' `gpt` reads position p of a name, its cache holds the keys and
 * values of positions 0 … p, and p attended over exactly those.
 *
 * @module
 */

import { modelStatuses, READING, readName } from "../models.ts";
import type { Widget } from "../widget.ts";

export const KV_CACHE: Widget = {
  id: "kv-cache",
  title: "The KV cache, position by position",
  guide: "3.7 KV cache · 4.5 Per-layer KV cache",
  // Live once Step 3 reads a name; each step an option when it can.
  needs: READING.needs[3],
  probe: async () => ({ steps: await modelStatuses(READING) }),
  compute: readName,
};
