/**
 * Step 2 of the guide, "Autograd", as `deno task train --step 2` runs it:
 * Step 1's program with the gradient computed by the lessons' scalar
 * `Value` graph instead of by hand (see `step1.ts`, the pattern, and
 * `step_program.ts`).
 *
 * The order is the reference program's (seed → shuffle the names → draw the
 * weights → training draws nothing → one weighted draw per sampled
 * character) and the printed lines are Step 1's without the gradient check,
 * which autograd makes unnecessary: the guide prints the same step lines and
 * samples as Step 1.
 *
 * The saved model has Step 1's shape (the Values' data), so a Step 2 model
 * file samples exactly like a Step 1 one.
 *
 * @module
 */

import { stepProgram } from "./step_program.ts";
import { N_EMBD } from "./step1.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import { div } from "../../lessons/step2/02_more_ops.ts";
import { initModel, parameters } from "../../lessons/step2/04_parameters.ts";
import { mlp, softmax } from "../../lessons/step2/05_model.ts";
import { train } from "../../lessons/step2/06_training.ts";
import { sample } from "../../lessons/step2/07_sampling.ts";

/** The guide's Step 2 program. */
export const STEP2 = stepProgram({
  step: 2,
  title: "Autograd: the same model, gradients by a scalar Value graph",
  lessons: {
    setup: ["step1/01", "step2/04"],
    train: "step2/06",
    sample: "step2/07",
  },
  buildTokenizer,
  encode,
  init: (vocabSize, rng) => initModel(vocabSize, N_EMBD, rng),
  describe: (model, _, output) =>
    output.line(`num params: ${parameters(model).length}`),
  train,
  sample,
  hyperparameters: { nEmbd: N_EMBD },
  // A bigram model looks only at the last token of the prefix.
  next(model, prefix, temperature) {
    const logits = mlp(model, prefix[prefix.length - 1]);
    return softmax(logits.map((v) => div(v, temperature))).map((p) => p.data);
  },
});
