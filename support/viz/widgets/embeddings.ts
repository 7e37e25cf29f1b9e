/**
 * A position's input is a token embedding plus a position embedding (guide
 * 3.2): `wte[token]`, `wpe[pos]` and the lessons' `embed` of both.
 *
 * @module
 */

import { gptOf, modelStatuses } from "../gpt.ts";
import { numberParam } from "../params.ts";
import type { Widget } from "../widget.ts";

export function widget(): Widget {
  return {
    probe: () => modelStatuses((gpt) => gpt.embedding(2, 1)),
    async compute(params, ctx) {
      const { step, trained, model, gpt, label } = await gptOf(params, ctx);
      const vocabSize = model.vocabulary.length + 1;
      const token = numberParam(params, "token", 0, vocabSize - 1, true);
      const pos = numberParam(params, "pos", 0, gpt.blockSize - 1, true);
      return {
        step,
        trained,
        token,
        pos,
        labels: Array.from({ length: vocabSize }, (_, t) => label(t)),
        ...gpt.embedding(token, pos),
      };
    },
  };
}
