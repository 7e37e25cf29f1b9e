/**
 * Gradient check (guide 1.8): every parameter's numerical gradient against
 * its analytic one, on the guide's model (seed 42, first shuffled name).
 * When the lessons are right every point sits on the diagonal.
 *
 * @module
 */

import { PyRandom } from "../../random.ts";
import { buildTokenizer, encode } from "../../../lessons/step1/01_tokenizer.ts";
import { initModel } from "../../../lessons/step1/02_parameters.ts";
import { numericalGradient } from "../../../lessons/step1/07_numerical_gradient.ts";
import { analyticGradient } from "../../../lessons/step1/08_analytic_gradient.ts";
import type { Widget } from "../widget.ts";

export const GRADIENT_CHECK: Widget = {
  id: "gradient-check",
  title: "Gradient check: numerical against analytic",
  guide: "1.6–1.8 Gradients",
  needs: { from: "step1/01", to: "step1/08" },
  probe() {
    const model = initModel(3, 2, new PyRandom(1));
    numericalGradient(model, [2, 0, 2]);
    analyticGradient(model, [2, 0, 2]);
  },
  compute(_params, ctx) {
    // The reference program's order: seed, shuffle, tokenizer, weights.
    const rng = new PyRandom(42);
    const docs = [...ctx.names];
    rng.shuffle(docs);
    const tokenizer = buildTokenizer(docs);
    const model = initModel(tokenizer.vocabSize, 16, rng); // the guide's nEmbd
    const tokens = encode(tokenizer, docs[0]);
    const numerical = numericalGradient(model, tokens);
    const analytic = analyticGradient(model, tokens);
    return {
      name: docs[0],
      lossNumerical: numerical.loss,
      lossAnalytic: analytic.loss,
      numerical: numerical.grad,
      analytic: analytic.grad,
    };
  },
};
