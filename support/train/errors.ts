/**
 * The trainer's own user errors (see `support/cli/errors.ts` for how every
 * {@linkcode UserError} ends a command).
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";

/** The loss became NaN or infinite: training cannot go on. */
export class DivergenceError extends UserError {
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
export class ModelFileError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ModelFileError";
  }
}
