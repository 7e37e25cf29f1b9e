/**
 * Softmax playground (guide 1.3): edit logits, see probabilities, from
 * Step 1's softmax lesson.
 *
 * @module
 */

import type * as Softmax from "../../../lessons/step1/04_softmax.ts";
import { BadRequest, numberParam } from "../params.ts";
import type { Lessons, Widget } from "../widget.ts";

/** The most logits the playground takes, and their largest magnitude. */
const MAX_LOGITS = 27;
const MAX_ABS_LOGIT = 1000;

export function widget(lesson: Lessons): Widget {
  const { softmax } = lesson<typeof Softmax>("step1/04");
  return {
    probe() {
      softmax([1, 0]);
    },
    compute(params) {
      const { logits } = params;
      if (
        !Array.isArray(logits) || logits.length < 1 ||
        logits.length > MAX_LOGITS
      ) {
        throw new BadRequest(
          `"logits" must be a list of 1 to ${MAX_LOGITS} numbers.`,
        );
      }
      const checked = logits.map((logit) =>
        numberParam({ logit }, "logit", -MAX_ABS_LOGIT, MAX_ABS_LOGIT)
      );
      return { logits: checked, probs: softmax(checked) };
    },
  };
}
