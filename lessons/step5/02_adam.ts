/**
 * Lesson step5/02 · Adam: a step size for every parameter
 * Guide: 5.3 The code
 *
 * Adam keeps, for every parameter i, two numbers from lesson 01: m[i], the
 * moving average of its gradient (β₁ = 0.85), and v[i], the moving average
 * of its squared gradient (β₂ = 0.99). Both bias-corrected, then the step
 * is lr · m̂ / (√v̂ + ε). √v̂ is the gradient's usual size, so the division
 * makes the step about lr whatever the scale of the gradient: a weight
 * whose gradients are always 0.001 moves as fast as one whose gradients
 * are 10. On the very first step m̂ = g and √v̂ = |g|, so every parameter
 * moves by almost exactly lr, against its gradient. ε (1e-8) only keeps
 * the division finite when a gradient has been 0 all along. Here it sits
 * outside the root, √v̂ + ε, unlike RMSNorm's ε, which sits inside:
 * (ms + ε)^−0.5.
 *
 * Traps: m and v hold one entry PER PARAMETER (a single shared m would mix
 * every weight's gradients); bias correction uses t = step + 1 (with
 * t = step, step 0 divides by 1 − β⁰ = 0); and, as with SGD, each
 * gradient is set back to 0 after its update, since backward adds to it.
 * These are plain numbers, not Values: the update is not part of the
 * graph. Write g² as `g ** 2` and √v̂ as `vHat ** 0.5`, as the guide's
 * Python does (`g * g` and `Math.sqrt` give the same printed numbers
 * here; the form only matters to the last bit).
 *
 * Run this lesson's tests: deno task test tests/step5/02_adam_test.ts
 *
 * @module
 */

import type { Value } from "../step2/01_value.ts";
import { biasCorrected, ema } from "./01_ema.ts";

import { todo } from "../../support/todo.ts";

/** Adam's settings. */
export interface AdamOptions {
  /** β₁: how much of the average gradient (momentum) to keep. */
  beta1: number;
  /** β₂: how much of the average squared gradient to keep. */
  beta2: number;
  /** Keeps the step finite when the squared-gradient average is 0. */
  eps: number;
}

/** The guide's settings: β₁ 0.85, β₂ 0.99, ε 1e-8. */
export const ADAM: AdamOptions = { beta1: 0.85, beta2: 0.99, eps: 1e-8 };

/** Adam's memory: one m and one v per parameter, in parameter order. */
export interface AdamState {
  /** Moving average of each parameter's gradient. */
  m: number[];
  /** Moving average of each parameter's squared gradient. */
  v: number[];
}

/**
 * Fresh Adam buffers: zeros, one entry per parameter.
 *
 * @param size The number of parameters.
 * @returns m and v, two separate arrays of zeros.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { adamState } from "./02_adam.ts";
 *
 * assertEquals(adamState(2), { m: [0, 0], v: [0, 0] });
 * ```
 */
export function adamState(size: number): AdamState {
  todo("adamState", import.meta.url);
}

/**
 * One Adam update of every parameter, then its gradient set to 0:
 * m ← ema(m, g, β₁), v ← ema(v, g², β₂), mHat and vHat bias-corrected with
 * t = step + 1, and p −= (lr · mHat) / (√vHat + ε).
 *
 * @param params The parameters, in order.
 * @param state Their m and v, updated in place.
 * @param lr This step's learning rate.
 * @param step The step, counting from 0.
 * @param options β₁, β₂ and ε (default: the guide's).
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { adamState, adamUpdate } from "./02_adam.ts";
 *
 * const p = new Value(1);
 * p.grad = 0.5;
 * adamUpdate([p], adamState(1), 0.01, 0);
 * // The first step moves a parameter by about the learning rate.
 * assertAlmostEquals(p.data, 0.99, 1e-6);
 * ```
 */
export function adamUpdate(
  params: readonly Value[],
  state: AdamState,
  lr: number,
  step: number,
  options: AdamOptions = ADAM,
): void {
  todo("adamUpdate", import.meta.url);
}
