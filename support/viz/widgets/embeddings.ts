/**
 * A position's input is a token embedding plus a position embedding (guide
 * 3.2): `wte[token]`, `wpe[pos]` and the lessons' `embed` of both.
 *
 * @module
 */

import { CONFIG } from "../../../lessons/step3/02_parameters.ts";
import {
  EMBEDDING,
  modelParams,
  modelStatuses,
  modelView,
  tokenLabel,
} from "../models.ts";
import { BadRequest, numberParam, type Widget } from "../widget.ts";

export const EMBEDDINGS: Widget = {
  id: "embeddings",
  title: "Token + position: the input of each position",
  guide: "3.2 Position embeddings",
  // Gated on what it draws, embeddings only: live after step3/02, with
  // every step an option as soon as it has them.
  needs: EMBEDDING.needs[3],
  probe: async () => ({ steps: await modelStatuses(EMBEDDING) }),
  async compute(params, ctx) {
    const { step, trained } = modelParams(params);
    const { model, tokenizer } = await modelView(ctx, step, trained);
    const token = numberParam(params, "token", 0, tokenizer.vocabSize - 1);
    const pos = numberParam(params, "pos", 0, CONFIG.blockSize - 1);
    if (!Number.isInteger(token) || !Number.isInteger(pos)) {
      throw new BadRequest(`"token" and "pos" must be whole numbers.`);
    }
    return {
      step,
      trained,
      token,
      pos,
      labels: [...tokenizer.chars.keys(), tokenizer.bos].map((t) =>
        tokenLabel(tokenizer, t)
      ),
      ...model.embedding(token, pos),
    };
  },
};
