/**
 * Momentum as an exponential moving average (guide 5.2): a noisy gradient,
 * its EMA and the bias-corrected EMA, computed by the learner's `ema` and
 * `biasCorrected` (lesson step5/01), redrawn as β changes.
 *
 * @module
 */

import { PyRandom } from "../../random.ts";
import { biasCorrected, ema } from "../../../lessons/step5/01_ema.ts";
import { numberParam, type Widget } from "../widget.ts";

export const EMA: Widget = {
  id: "ema",
  title: "Momentum: an EMA smooths a noisy gradient",
  guide: "5.2 Momentum and adaptive rates",
  needs: { from: "step5/01", to: "step5/01" },
  probe() {
    biasCorrected(ema(0, 1, 0.5), 0.5, 1);
  },
  compute(params) {
    const beta = numberParam(params, "beta", 0, 0.999);
    // A slowly drifting gradient plus noise, the same on every request.
    const rng = new PyRandom(42);
    const gradient = Array.from(
      { length: 120 },
      (_, t) => Math.cos(t / 25) + rng.gauss(0, 0.6),
    );
    const average: number[] = [];
    const corrected: number[] = [];
    let m = 0;
    gradient.forEach((g, t) => {
      m = ema(m, g, beta);
      average.push(m);
      // t counts from 1 in the correction: the first average is (1 − β)·g.
      corrected.push(biasCorrected(m, beta, t + 1));
    });
    return { beta, gradient, ema: average, corrected };
  },
};
