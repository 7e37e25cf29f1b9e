/**
 * Step 3 of the guide, "Attention", as `deno task train --step 3` runs it:
 * the guide's reference program rebuilt from the lessons' exports (see
 * `step1.ts`, the pattern, and `step_program.ts`).
 *
 * The order is the reference program's (seed → shuffle the names → draw the
 * nine matrices → training draws nothing → one weighted draw per sampled
 * character). It prints Step 2's lines: `num docs`, `vocab size`,
 * `num params`, a step line when `s < 5` or `s % 200 == 0`, and the samples.
 * Its learning rate starts at 0.1.
 *
 * The saved model holds the nine matrices by name, and the lessons'
 * `CONFIG` (`nEmbd`, `blockSize`), which a model file must have; loading
 * checks their shapes. A loaded model reads the whole
 * beginning of a name, and `deno task sample --attention TEXT` draws where
 * its one head looks.
 *
 * @module
 */

import { gptParts } from "./gpt_model.ts";
import { stepProgram } from "./step_program.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import {
  CONFIG,
  initModel,
  type Model,
  parameters,
} from "../../lessons/step3/02_parameters.ts";
import { emptyCache, gpt } from "../../lessons/step3/05_gpt.ts";
import { train } from "../../lessons/step3/06_training.ts";
import { sample } from "../../lessons/step3/07_sampling.ts";

/** The guide's Step 3 program. */
export const STEP3 = stepProgram({
  step: 3,
  title: "Attention: each position looks back at the name so far",
  defaults: { lr: 0.1 },
  lessons: {
    setup: ["step1/01", "step3/02"],
    train: "step3/06",
    sample: "step3/07",
  },
  buildTokenizer,
  encode,
  init: initModel,
  describe: (model, _, output) =>
    output.line(`num params: ${parameters(model).length}`),
  train,
  sample,
  hyperparameters: { ...CONFIG },
  // One head, one layer.
  ...gptParts<Model>({
    heads: 1,
    tracedBy: "attentionBlock pushes the weights (lessons/step3/05_gpt.ts)",
    fresh(model) {
      const cache = emptyCache();
      return {
        step: (token, pos, trace) => gpt(model, token, pos, cache, trace),
        cache,
      };
    },
  }),
});
