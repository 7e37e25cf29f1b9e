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
  steps: number;
  loss: number;
  lr: number;

  /**
   * @param guideLr The guide's learning rate for this step, when known: the
   * advice names it.
   */
  constructor(
    step: number,
    steps: number,
    loss: number,
    lr: number,
    guideLr?: number,
  ) {
    // 1.0 as the guide writes it, not 1.
    const shown = Number.isInteger(guideLr) ? guideLr!.toFixed(1) : guideLr;
    const guide = guideLr === undefined ? "" : ` (the guide uses ${shown})`;
    super(
      `Training diverged at step ${step} of ${steps}: the loss became ${loss} with learning rate ${lr}, try a smaller --lr${guide}`,
    );
    this.name = "DivergenceError";
    this.step = step;
    this.steps = steps;
    this.loss = loss;
    this.lr = lr;
  }
}

/** A model file that cannot be written or read back. */
export class ModelFileError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ModelFileError";
  }
}
