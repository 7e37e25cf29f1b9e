/**
 * Temperature (guide 1.9): the trained Step 1 model's next-token
 * distribution after a prefix, redrawn as the temperature changes, and a
 * few names sampled at that temperature. The server trains the model once,
 * as `deno task train --step 1` does, and hands it over.
 *
 * @module
 */

import { PyRandom } from "../../random.ts";
import { knownCharacters, numberParam, stringParam } from "../params.ts";
import { load, programStatus, type Widget } from "../widget.ts";

/** How many names each answer samples. */
const SAMPLES = 10;

export function widget(): Widget {
  return {
    probe: async () => ({ steps: [await programStatus(1)] }),
    async compute(params, { model }) {
      const temperature = numberParam(params, "temperature", 0.05, 5);
      const prefix = stringParam(params, "prefix", 15);
      const chars = model!.vocabulary;
      knownCharacters(prefix, chars);
      const sampler = await load(1, model!);
      // A name's beginning: BOS and the prefix's characters.
      const context = [
        chars.length,
        ...[...prefix].map((c) => chars.indexOf(c)),
      ];
      const rng = new PyRandom(42);
      return {
        chars,
        temperature,
        probs: sampler.nextTokenProbabilities(context, temperature),
        samples: Array.from(
          { length: SAMPLES },
          () => sampler.sample(rng, temperature),
        ),
      };
    },
  };
}
