/**
 * Step 4 of the guide, "Transformer", as `deno task train --step 4` runs it:
 * Step 3's program with four attention heads and a list of layers (see
 * `step3.ts` and `step_program.ts`). Step 5 runs the same program with Adam
 * (`step5.ts`), so the parts both share are {@linkcode TRANSFORMER}.
 *
 * The order is the reference program's (seed → shuffle the names → draw
 * wte, wpe, lmHead, then each layer's six matrices → training draws nothing
 * → one weighted draw per sampled character). The printed lines are
 * Step 3's; the learning rate starts at 0.1.
 *
 * The saved model holds `wte`, `wpe`, `lmHead` and each layer's matrices
 * under flat names (`layer0.attnWq` …), and the lessons' `CONFIG`
 * (`nEmbd`, `nHead`, `nLayer`, `blockSize`), which a model file must have:
 * loading builds a model of those sizes and checks every shape.
 *
 * @module
 */

import { gptParts } from "./gpt_model.ts";
import { type StepLessons, stepProgram } from "./step_program.ts";
import {
  buildTokenizer,
  encode,
  type Tokenizer,
} from "../../lessons/step1/01_tokenizer.ts";
import {
  CONFIG,
  initModel,
  type Model,
  parameters,
} from "../../lessons/step4/02_parameters.ts";
import { emptyCaches, gpt } from "../../lessons/step4/03_gpt.ts";
import { sample, train } from "../../lessons/step4/04_training.ts";

/** What the programs of Steps 4 and 5 share: all but the training loop. */
export const TRANSFORMER = {
  buildTokenizer,
  encode,
  init: initModel,
  describe: (model, _, output) =>
    output.line(`num params: ${parameters(model).length}`),
  sample,
  hyperparameters: { ...CONFIG },
  ...gptParts<Model>({
    heads: CONFIG.nHead,
    tracedBy:
      "multiHeadAttention pushes one row per head (lessons/step4/01_multi_head.ts) and gpt passes trace down (lessons/step4/03_gpt.ts)",
    fresh(model) {
      const caches = emptyCaches(model.layers.length);
      return {
        step: (token, pos, trace) =>
          gpt(model, token, pos, caches, CONFIG.nHead, trace),
        cache: caches[0],
      };
    },
  }),
} satisfies Partial<StepLessons<Model, Tokenizer>>;

/** The guide's Step 4 program. */
export const STEP4 = stepProgram({
  ...TRANSFORMER,
  step: 4,
  title: "Transformer: multi-head attention and a stack of layers",
  defaults: { lr: 0.1 },
  lessons: {
    setup: ["step1/01", "step4/02"],
    train: "step4/04",
    sample: "step4/04",
  },
  train,
});
