/**
 * Temperature (guide 1.9): the trained Step 1 model's next-token
 * distribution after a prefix, redrawn as the temperature changes, and a
 * few names sampled at that temperature. The model is trained once, by the
 * same program `deno task train` runs, and kept.
 *
 * @module
 */

import { PyRandom } from "../../random.ts";
import { buildTokenizer, encode } from "../../../lessons/step1/01_tokenizer.ts";
import {
  probeProgram,
  programOptions,
  runProgram,
  SILENT,
} from "../trainer_link.ts";
import { programNeeds } from "./loss_curve.ts";
import {
  cached,
  knownCharacters,
  numberParam,
  stringParam,
  type Widget,
} from "../widget.ts";

/** How many names each answer samples. */
const SAMPLES = 10;

export const TEMPERATURE: Widget = {
  id: "temperature",
  title: "Temperature: sharper or flatter guesses",
  guide: "1.9 Training & inference",
  needs: programNeeds(1),
  probe: () => probeProgram(1),
  async compute(params, ctx) {
    const temperature = numberParam(params, "temperature", 0.05, 5);
    const prefix = stringParam(params, "prefix", 15);
    const tokenizer = buildTokenizer(ctx.names);
    knownCharacters(prefix, tokenizer.chars);
    // The Step 1 model trained with the guide's defaults, trained once.
    const sampler = await cached(
      ctx,
      "step1-model",
      () => runProgram(1, ctx.names, programOptions(1, { samples: 0 }), SILENT),
    );
    // A name's beginning: BOS and the prefix's characters, no closing BOS.
    const context = encode(tokenizer, prefix).slice(0, -1);
    const rng = new PyRandom(42);
    return {
      chars: tokenizer.chars,
      bos: tokenizer.bos,
      temperature,
      probs: sampler.nextTokenProbabilities(context, temperature),
      samples: Array.from(
        { length: SAMPLES },
        () => sampler.sample(rng, temperature),
      ),
    };
  },
};
