/**
 * Lesson step0/05 · Training by counting: measure, then count
 * Guide: 0.5 Training
 *
 * Training walks through the names one at a time: step s takes name
 * s % docs.length, wrapping around the dataset. Each step does two things,
 * in this order:
 *
 * 1. measure: the loss of the name under the table as it is now;
 * 2. learn: add the name's bigrams to the table.
 *
 * Measuring first keeps the loss honest: it shows how well the model predicts
 * a name it has not been shown yet, so a falling loss means the model is
 * generalizing, not just remembering. The first step meets an empty table and
 * scores ln 27 ≈ 3.2958; in the guide's run the loss is 2.7177 at step 1000.
 *
 * Every later step of the guide keeps this loop (forward pass, then update)
 * and changes only the update. Here the update is counting, and there is
 * nothing to tune: for a model that looks at one token at a time, counting
 * gives the answer directly (how often j came after i is the best guess of
 * how likely j comes after i). From Step 1 on the models have no such
 * shortcut, and gradient descent takes the place of counting.
 *
 * Run this lesson's tests: deno task test tests/step0/05_training_test.ts
 *
 * @module
 */

import { addCounts, type CountTable } from "./02_count_table.ts";
import { forward } from "./04_loss.ts";

/** What the training loop reports for each step, before it counts. */
export interface StepInfo {
  /** The step, counting from 0. */
  step: number;
  /** The loss of this step's name, measured before its bigrams are counted. */
  loss: number;
}

/** How to train. */
export interface TrainOptions {
  /** How many steps (one name each). */
  steps: number;
  /** Called once per step, before the counting (to print or plot progress). */
  onStep?: (info: StepInfo) => void;
}

/**
 * Trains the table in place: step s takes `docs[s % docs.length]`, measures
 * its loss, reports it through `onStep`, then adds its bigrams.
 *
 * @param counts The count table, updated in place.
 * @param docs The tokenized names.
 * @param options Number of steps and an optional callback.
 * @returns The loss of every step, measured before its counting.
 *
 * @example Usage
 * ```ts
 * import { assertLess } from "@std/assert";
 * import { emptyCounts } from "./02_count_table.ts";
 * import { train } from "./05_training.ts";
 *
 * const losses = train(emptyCounts(3), [[2, 0, 1, 2]], { steps: 3 });
 * assertLess(losses[2], losses[0]);
 * ```
 */
export function train(
  counts: CountTable,
  docs: number[][],
  options: TrainOptions,
): number[] {
  const losses: number[] = [];
  for (let step = 0; step < options.steps; step++) {
    const tokens = docs[step % docs.length];
    const loss = forward(counts, tokens);
    options.onStep?.({ step, loss });
    addCounts(counts, tokens);
    losses.push(loss);
  }
  return losses;
}
