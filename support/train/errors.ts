/**
 * The trainer's own user errors (see `support/cli/errors.ts` for how every
 * {@linkcode UserError} ends a command), and how an error crosses from the
 * Worker that runs a step program to the thread that reports it.
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import { ROOT_DIR } from "../root.ts";
import { NotImplementedError } from "../todo.ts";

/** The loss became NaN or infinite: training cannot go on. */
export class DivergenceError extends UserError {
  /**
   * @param step The step (counting from 1, as the step lines do).
   * @param guideLr The guide's learning rate for this step, when known: the
   * advice names it.
   */
  constructor(
    readonly step: number,
    readonly steps: number,
    readonly loss: number,
    readonly lr: number,
    guideLr?: number,
  ) {
    // 1.0 as the guide writes it, not 1.
    const shown = Number.isInteger(guideLr) ? guideLr!.toFixed(1) : guideLr;
    const guide = guideLr === undefined ? "" : ` (the guide uses ${shown})`;
    super(
      `Training diverged at step ${step} of ${steps}: the loss became ${loss} with learning rate ${lr}, try a smaller --lr${guide}`,
    );
    this.name = "DivergenceError";
  }
}

/** A model file that cannot be written or read back. */
export class ModelFileError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ModelFileError";
  }
}

/** Probabilities that are NaN or infinite: one sentence, exit code 1. */
export class NonFiniteError extends ModelFileError {
  constructor(problem: string) {
    super(
      `Cannot sample: ${problem}; the weights or the temperature are too extreme for floating point`,
    );
    this.name = "NonFiniteError";
  }
}

/**
 * The sentence for a sampling draw that met NaN or infinite probabilities
 * (PyRandom's weighted choice refuses them with a RangeError), or the error
 * itself when it is something else.
 *
 * @param error What was thrown.
 * @param temperature The sampling temperature.
 */
export function explainNonFinite(error: unknown, temperature: number): unknown {
  if (
    error instanceof RangeError &&
    error.message.startsWith("Total of weights must be")
  ) {
    return new NonFiniteError(
      `the model's probabilities at temperature ${temperature} became NaN or infinite (${
        error.message.replace(/^.*: received /, "their total was ")
      })`,
    );
  }
  return error;
}

/**
 * A lesson that does not even load (a syntax error, an export renamed) as
 * one sentence naming its file and line, instead of Deno's error frame.
 *
 * @param error What importing the step programs threw.
 */
export function lessonsNotLoaded(error: unknown): UserError {
  const text = error instanceof Error ? error.message : String(error);
  const at = /at file:\/\/(\S+?):(\d+):\d+/.exec(text);
  const where = at === null
    ? ""
    : ` (at ${at[1].replace(ROOT_DIR, "")}:${at[2]})`;
  return new UserError(
    `The lessons could not be loaded: ${
      text.split("\n")[0]
    }${where}. Fix it and run this again (deno task progress shows it too)`,
  );
}

/** An error as it crosses from a Worker: what is needed to rebuild it. */
export interface ErrorRecord {
  name: string;
  message: string;
  stack?: string;
  /** A {@linkcode UserError}'s exit code. */
  code?: number;
  /** A {@linkcode NotImplementedError}'s lesson id. */
  lesson?: string;
}

/**
 * An error as an {@linkcode ErrorRecord}, and back: a stub's error keeps
 * its lesson, a user error its sentence and exit code, a bug its stack.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { UserError } from "../cli/errors.ts";
 * import { NotImplementedError } from "../todo.ts";
 * import { errorFrom, recordOf } from "./errors.ts";
 *
 * const stub = errorFrom(recordOf(new NotImplementedError("train()", "step1/10")));
 * assertEquals((stub as NotImplementedError).lesson, "step1/10");
 * assertEquals((errorFrom(recordOf(new UserError("no", 2))) as UserError).code, 2);
 * assertEquals(errorFrom(recordOf(new TypeError("bug"))).stack?.split("\n")[0], "TypeError: bug");
 * ```
 */
export function recordOf(error: unknown): ErrorRecord {
  if (!(error instanceof Error)) return { name: "Error", message: `${error}` };
  const { name, message, stack } = error;
  if (error instanceof UserError) return { name, message, code: error.code };
  if (error instanceof NotImplementedError) {
    return { name, message, lesson: error.lesson };
  }
  return { name, message, stack };
}

/** The error an {@linkcode ErrorRecord} was made from (see {@linkcode recordOf}). */
export function errorFrom(record: ErrorRecord): Error {
  if (record.name === "NotImplementedError") {
    return new NotImplementedError(record.message, record.lesson);
  }
  if (record.code !== undefined) {
    return new UserError(record.message, record.code);
  }
  // A bug: Deno prints its stack, as it would have in this thread.
  const error = new Error(record.message);
  error.name = record.name;
  if (record.stack !== undefined) error.stack = record.stack;
  return error;
}
