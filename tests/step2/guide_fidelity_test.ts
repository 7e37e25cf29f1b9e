/**
 * Step 2 against the numbers GUIDE.md prints: the guide says Step 2's
 * output is identical to Step 1's (seed 42, the guide's names.txt), apart
 * from the gradient check Step 2 no longer needs. Runs only when a copy of
 * names.txt is found (data/names.txt or ../shared/data/names.txt) and the
 * tests may read it (`deno test -R`); otherwise it is reported as ignored,
 * and its name says why.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { findGuideNames, readNames } from "../../support/data.ts";
import { PyRandom } from "../../support/random.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import { initModel, parameters } from "../../lessons/step2/04_parameters.ts";
import { train } from "../../lessons/step2/06_training.ts";
import { sample } from "../../lessons/step2/07_sampling.ts";
import {
  GUIDE_STEP1_LOSSES,
  GUIDE_STEP1_SAMPLES,
  needsGuideNames,
} from "../_guide.ts";

const NAMES = findGuideNames();
const TITLE = "step2 reproduces the guide's Step 1 listing on names.txt";

Deno.test({
  name: NAMES === undefined ? `${TITLE} ${needsGuideNames()}` : TITLE,
  ignore: NAMES === undefined,
  fn: async (t) => {
    // The reference program's order: seed, load and shuffle, then the weights.
    const rng = new PyRandom(42);
    const docs = readNames(NAMES!);
    rng.shuffle(docs);
    const tokenizer = buildTokenizer(docs);
    const model = initModel(tokenizer.vocabSize, 16, rng);

    await t.step("the same 3,184 parameters as Step 1", () => {
      assertEquals(parameters(model).length, 3184);
    });

    await t.step("training: Step 1's printed step losses", () => {
      const printed: Record<number, string> = {};
      train(model, docs.map((doc) => encode(tokenizer, doc)), {
        steps: 1000,
        lr0: 1.0,
        onStep: ({ step, loss }) => {
          if (step + 1 in GUIDE_STEP1_LOSSES) {
            printed[step + 1] = loss.toFixed(4);
          }
        },
      });
      assertEquals(printed, GUIDE_STEP1_LOSSES);
    });

    await t.step("inference: Step 1's 20 samples at temperature 0.5", () => {
      const names = Array.from(
        { length: 20 },
        () =>
          sample(model, tokenizer, rng, { temperature: 0.5, maxLength: 16 }),
      );
      assertEquals(names, GUIDE_STEP1_SAMPLES);
    });
  },
});
