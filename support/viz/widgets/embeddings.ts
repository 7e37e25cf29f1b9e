/**
 * A position's input is a token embedding plus a position embedding (guide
 * 3.2): `wte[token]`, `wpe[pos]` and the lessons' `embed` of both.
 *
 * @module
 */

import { PyRandom } from "../../random.ts";
import { CONFIG } from "../../../lessons/step3/02_parameters.ts";
import { gptModel } from "../gpt_steps.ts";
import { gptStatuses, modelParams, modelView, tokenLabel } from "../models.ts";
import { BadRequest, numberParam, type Widget } from "../widget.ts";

export const EMBEDDINGS: Widget = {
  id: "embeddings",
  title: "Token + position: the input of each position",
  guide: "3.2 Position embeddings",
  async probe() {
    gptModel(3, 3, new PyRandom(1)).embedding(2, 1);
    return { steps: await gptStatuses() };
  },
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
