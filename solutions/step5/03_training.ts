/**
 * Lesson step5/03 · microGPT: the complete training loop
 * Guide: 5.4 Training and results
 *
 * The last change: Step 4's training loop with Adam in place of SGD, the
 * learning rate 0.01 (Adam's steps are about lr each, so it needs a much
 * smaller lr than SGD's 0.1), and one Adam state for the whole run: m and
 * v must remember the earlier steps. Sampling is Step 4's `sample`,
 * unchanged.
 *
 * With it, your code is Andrej Karpathy's complete microGPT, and every
 * piece of it is something you wrote:
 * - the tokenizer (step1/01) turns names into token ids and back;
 * - `Value` and `backward` (Step 2) record every operation and give every
 *   weight its gradient by the chain rule;
 * - the embeddings (step3/02) say which token sits at which position;
 * - RMSNorm (step3/03) keeps every vector at the same scale;
 * - attention (step3/04, step4/01) lets each position look back at the
 *   earlier ones, four heads at a time, through the KV cache (step3/05,
 *   step4/03);
 * - the MLP block and the residual connections (step3/05) compute on what
 *   attention gathered, while the residuals keep the signal flowing;
 * - the layer loop (step4/03) stacks these blocks, and lmHead turns the
 *   result into one score per token;
 * - softmax and the cross-entropy loss (Steps 1–2) say how surprised the
 *   model was by each true next letter;
 * - Adam (step5/01–02) turns the gradients into steps;
 * - sampling with a temperature (step4/04) invents new names.
 * It is the same algorithm as the large GPTs, at a size you can read.
 *
 * With names.txt and seed 42 the guide prints 3.3660 for step 1 and
 * 2.6497 for step 1000, and the samples kamon, ann, karai, jaire.
 *
 * Run this lesson's tests: deno task test tests/step5/03_training_test.ts
 *
 * @module
 */

import { learningRate, type TrainOptions } from "../step1/10_training.ts";
import { backward } from "../step2/03_backward.ts";
import { type Model, parameters } from "../step4/02_parameters.ts";
import { forward } from "../step4/04_training.ts";
import { adamState, adamUpdate } from "./02_adam.ts";

/**
 * Trains in place with Adam and the decaying learning rate, keeping one
 * Adam state for the whole run: step s uses docs[s % docs.length];
 * forward (Step 4's), backward, report through `onStep`, then `adamUpdate`
 * with learningRate(s, steps, lr0) and step s (which zeroes the grads).
 *
 * @param model The parameters, updated in place.
 * @param docs The tokenized names.
 * @param options Steps, starting learning rate (the guide's: 0.01), onStep.
 * @returns The loss of every step, before its update.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "../step4/02_parameters.ts";
 * import { train } from "./03_training.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * assertEquals(train(model, [[26, 0, 26]], { steps: 2, lr0: 0.01 }).length, 2);
 * ```
 */
export function train(
  model: Model,
  docs: readonly number[][],
  options: TrainOptions,
): number[] {
  const params = parameters(model);
  const state = adamState(params.length);
  const losses: number[] = [];
  for (let step = 0; step < options.steps; step++) {
    const loss = forward(model, docs[step % docs.length]);
    backward(loss);
    const lr = learningRate(step, options.steps, options.lr0);
    options.onStep?.({ step, loss: loss.data, lr });
    adamUpdate(params, state, lr, step);
    losses.push(loss.data);
  }
  return losses;
}
