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
 * under flat names (`layer0.attnWq` …), and `nEmbd`, `nHead`, `nLayer`,
 * `blockSize`; loading checks every shape. The lessons' code fixes the
 * number of heads (`CONFIG.nHead`), so a model file must have as many.
 *
 * @module
 */

import { gptParts, layerShapes, loadValues } from "./gpt_model.ts";
import { UserError } from "../cli/errors.ts";
import { checkSize } from "./model_file.ts";
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
  restore(saved) {
    const vocabSize = saved.vocabulary.length + 1;
    const n = checkSize(saved, "nEmbd");
    const nHead = checkSize(saved, "nHead", CONFIG.nHead);
    const nLayer = checkSize(saved, "nLayer");
    const blockSize = checkSize(saved, "blockSize", CONFIG.blockSize);
    if (n % nHead !== 0) {
      throw new UserError(
        `hyperparameters.nEmbd (${n}) is not a multiple of nHead (${nHead})`,
      );
    }
    const layers = Array.from(
      { length: nLayer },
      (_, i) => loadValues(saved, layerShapes(n), `layer${i}.`),
    );
    const shapes = {
      wte: [vocabSize, n],
      wpe: [blockSize, n],
      lmHead: [vocabSize, n],
    } as const;
    return { ...loadValues(saved, shapes), layers };
  },
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
