/**
 * Momentum as an exponential moving average (guide 5.2): a noisy gradient,
 * its EMA and the bias-corrected EMA, computed by the learner's `ema` and
 * `biasCorrected` (lesson step5/01), redrawn as β changes.
 *
 * @module
 */

import { PyRandom } from "../../random.ts";
import type * as Ema from "../../../lessons/step5/01_ema.ts";
import { numberParam } from "../params.ts";
import type { Lessons, Widget } from "../widget.ts";

export function widget(lesson: Lessons): Widget {
  const { biasCorrected, ema } = lesson<typeof Ema>("step5/01");
  return {
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
      let m = 0;
      const average = gradient.map((g) => m = ema(m, g, beta));
      // t counts from 1 in the correction: the first average is (1 − β)·g.
      const corrected = average.map((m, t) => biasCorrected(m, beta, t + 1));
      // JSON has no Infinity or NaN: a broken lesson's are sent as text.
      const json = (xs: number[]) =>
        xs.map((x) => Number.isFinite(x) ? x : String(x));
      return { beta, gradient, ema: json(average), corrected: json(corrected) };
    },
  };
}
