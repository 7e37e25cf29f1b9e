/**
 * Lesson step1/10 · Training: SGD with a decaying learning rate
 * Guide: 1.9 Training & inference
 *
 * Gradient descent in one line: move every parameter a small step against its
 * gradient, `param -= lr * grad`. Repeat for many names and the loss goes
 * down. Step s trains on name s (wrapping around the dataset), and the
 * learning rate lr falls in a straight line from its start value to 0 over
 * the run: big steps while the model is bad, careful ones at the end.
 *
 * The traps the tests check, each with a test named after it:
 * - the learning-rate schedule: step s updates with
 *   `learningRate(s, steps, lr0)`, not with lr0 itself (lr0 is only where
 *   the schedule starts);
 * - the name: step s trains on `docs[s % docs.length]`;
 * - the order: measure the loss and gradient, call `onStep`, then update,
 *   so the loss reported for a step is the one before its update;
 * - `sgdUpdate` walks the parameters in flat order (wte, mlpFc1, mlpFc2,
 *   row by row), the order of the gradient's entries.
 *
 * Run this lesson's tests: deno task test tests/step1/10_training_test.ts
 *
 * @module
 */

import { matrices, type Model } from "./02_parameters.ts";
import { analyticGradient } from "./08_analytic_gradient.ts";

import { todo } from "../../support/todo.ts";

/** What the training loop reports for each step, before its update. */
export interface StepInfo {
  /** The step, counting from 0. */
  step: number;
  /** The loss of this step's name, before the update. */
  loss: number;
  /** The learning rate this step uses. */
  lr: number;
}

/** How to train. */
export interface TrainOptions {
  /** How many steps (one name each). */
  steps: number;
  /** The starting learning rate; `learningRate()` decays it to 0. */
  lr0: number;
  /** Called once per step, before the update (to print or plot progress). */
  onStep?: (info: StepInfo) => void;
}

/**
 * The learning rate at `step`: a straight line from `lr0` at step 0 to 0 at
 * step `steps`.
 *
 * @param step The step, counting from 0.
 * @param steps The number of steps in the run.
 * @param lr0 The starting learning rate.
 * @returns `lr0 * (1 - step / steps)`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { learningRate } from "./10_training.ts";
 *
 * assertEquals(learningRate(250, 1000, 1.0), 0.75);
 * ```
 */
export function learningRate(step: number, steps: number, lr0: number): number {
  todo("learningRate", import.meta.url);
}

/**
 * One step of plain stochastic gradient descent, in place:
 * `param -= lr * grad` for every parameter, in flat order.
 *
 * @param model The parameters, updated in place.
 * @param grad The gradient, in flat parameter order.
 * @param lr The learning rate.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { sgdUpdate } from "./10_training.ts";
 *
 * const model = { wte: [[1]], mlpFc1: [[1]], mlpFc2: [[1]] };
 * sgdUpdate(model, [1, 2, 3], 0.5);
 * assertEquals(model, { wte: [[0.5]], mlpFc1: [[0]], mlpFc2: [[-0.5]] });
 * ```
 */
export function sgdUpdate(model: Model, grad: number[], lr: number): void {
  todo("sgdUpdate", import.meta.url);
}

/**
 * Trains the model in place: step s uses `docs[s % docs.length]`, computes
 * its loss and gradient, reports them through `onStep`, and updates.
 *
 * @param model The parameters, trained in place.
 * @param docs The tokenized names.
 * @param options Steps, starting learning rate and an optional callback.
 * @returns The loss of every step, before its update.
 *
 * @example Usage
 * ```ts
 * import { assertLess } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { train } from "./10_training.ts";
 *
 * const model = initModel(3, 4, new PyRandom(1));
 * const losses = train(model, [[2, 0, 1, 2]], { steps: 50, lr0: 1 });
 * assertLess(losses[49], losses[0]);
 * ```
 */
export function train(
  model: Model,
  docs: number[][],
  options: TrainOptions,
): number[] {
  todo("train", import.meta.url);
}
