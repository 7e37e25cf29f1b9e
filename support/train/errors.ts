/**
 * The errors `deno task train` and `deno task sample` explain to the user in
 * one sentence, without a stack trace. Anything else is a bug (in the kata
 * or in a lesson) and is shown in full.
 *
 * @module
 */

/** A bad command line: unknown flag, missing or invalid value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The loss became NaN or infinite: training cannot go on. */
export class DivergenceError extends Error {
  /** The step (counting from 1, as the step lines do) whose loss was not finite. */
  step: number;

  constructor(step: number, steps: number, loss: number, lr: number) {
    super(
      `Training diverged at step ${step} of ${steps}: the loss became ${loss} with learning rate ${lr}, try a smaller --lr (the guide uses 1.0)`,
    );
    this.name = "DivergenceError";
    this.step = step;
  }
}

/** A model file that cannot be written or read back. */
export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelFileError";
  }
}
