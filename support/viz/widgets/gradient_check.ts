/**
 * Gradient check (guide 1.8): every parameter's numerical gradient against
 * its analytic one, on the guide's model (seed 42, first shuffled name).
 * When the lessons are right every point sits on the diagonal.
 *
 * @module
 */

import { PyRandom } from "../../random.ts";
import type * as Tokenizer from "../../../lessons/step1/01_tokenizer.ts";
import type * as Parameters from "../../../lessons/step1/02_parameters.ts";
import type * as Numerical from "../../../lessons/step1/07_numerical_gradient.ts";
import type * as Analytic from "../../../lessons/step1/08_analytic_gradient.ts";
import type { Lessons, Widget } from "../widget.ts";

export function widget(lesson: Lessons): Widget {
  const { buildTokenizer, encode } = lesson<typeof Tokenizer>("step1/01");
  const { initModel } = lesson<typeof Parameters>("step1/02");
  const { numericalGradient } = lesson<typeof Numerical>("step1/07");
  const { analyticGradient } = lesson<typeof Analytic>("step1/08");
  return {
    probe() {
      encode(buildTokenizer(["ab"]), "ab");
      const model = initModel(3, 2, new PyRandom(1));
      numericalGradient(model, [2, 0, 2]);
      analyticGradient(model, [2, 0, 2]);
    },
    compute(_params, { names }) {
      // The reference program's order: seed, shuffle, tokenizer, weights.
      const rng = new PyRandom(42);
      const docs = [...names];
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
}
