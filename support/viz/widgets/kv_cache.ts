/**
 * The KV cache growing position by position (guide 3.7, 4.5): the keys,
 * values and weights after each position of a name, read through the
 * lessons' `gpt` (its `trace`) on an untrained or briefly trained model of
 * Step 3 (one head), 4 or 5 (four heads).
 *
 * @module
 */

import { modelStatuses, readName } from "../gpt.ts";
import type { Widget } from "../widget.ts";

export function widget(): Widget {
  return {
    probe: () => modelStatuses((gpt) => gpt.read([2, 0, 1])),
    compute: readName,
  };
}
