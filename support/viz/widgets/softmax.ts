/**
 * Softmax playground (guide 1.3): edit logits, see probabilities. Uses
 * Step 1's softmax lesson.
 *
 * @module
 */

import { softmax } from "../../../lessons/step1/04_softmax.ts";
import { BadRequest, type Widget } from "../widget.ts";

/** The most logits the playground takes, and their largest magnitude. */
const MAX_LOGITS = 27;
const MAX_ABS_LOGIT = 1000;

export const SOFTMAX: Widget = {
  id: "softmax",
  title: "Softmax: logits to probabilities",
  guide: "1.3 Linear & softmax",
  needs: { from: "step1/04", to: "step1/04" },
  probe() {
    softmax([1, 0]);
  },
  compute(params) {
    const logits = params.logits;
    if (
      !Array.isArray(logits) || logits.length < 1 ||
      logits.length > MAX_LOGITS
    ) {
      throw new BadRequest(
        `"logits" must be a list of 1 to ${MAX_LOGITS} numbers.`,
      );
    }
    for (const x of logits) {
      if (
        typeof x !== "number" || !Number.isFinite(x) ||
        Math.abs(x) > MAX_ABS_LOGIT
      ) {
        throw new BadRequest(
          `every logit must be a number between -${MAX_ABS_LOGIT} and ${MAX_ABS_LOGIT}, got ${
            JSON.stringify(x)
          }.`,
        );
      }
    }
    return { logits, probs: softmax(logits as number[]) };
  },
};
