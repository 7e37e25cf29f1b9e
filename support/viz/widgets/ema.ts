/**
 * Momentum as an exponential moving average (guide 5.2): a noisy gradient
 * and its EMA, redrawn as β changes. Waits for Step 5's lessons: when they
 * exist, import their EMA below and set {@linkcode ema} to it.
 *
 * @module
 */

import { PyRandom } from "../../random.ts";
import {
  MissingTrack,
  numberParam,
  requireTrack,
  type Widget,
} from "../widget.ts";

/** An EMA over a sequence: `m = β·m + (1 − β)·g` from m = 0, every m. */
export type EmaFunction = (values: number[], beta: number) => number[];

/** The Step 5 lesson's EMA: undefined until that lesson exists. */
const ema = undefined as EmaFunction | undefined;

/** How many steps of noisy gradient the widget shows. */
const LENGTH = 120;

export const EMA: Widget = {
  id: "ema",
  title: "Momentum: an EMA smooths a noisy gradient",
  guide: "5.2 Momentum and adaptive rates",
  probe() {
    requireTrack(5);
    if (ema === undefined) throw new MissingTrack(5);
    ema([1, 2], 0.5);
  },
  compute(params) {
    const beta = numberParam(params, "beta", 0, 0.999);
    if (ema === undefined) throw new MissingTrack(5);
    const gradient = noisyGradient(new PyRandom(42));
    return { beta, gradient, ema: ema(gradient, beta) };
  },
};

/** A slowly drifting gradient plus noise, the same on every request. */
function noisyGradient(rng: PyRandom): number[] {
  return Array.from(
    { length: LENGTH },
    (_, t) => Math.cos(t / 25) + rng.gauss(0, 0.6),
  );
}
