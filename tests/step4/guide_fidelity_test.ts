/**
 * Step 4 against the numbers GUIDE.md prints for the transformer (seed 42,
 * the guide's names.txt): 4,192 parameters, the step losses 1, 2, 201 and
 * 801 of 1,000 SGD steps at lr 0.1, and the first four samples at
 * temperature 0.5. Runs only when a copy of names.txt is found
 * (data/names.txt or ../shared/data/names.txt) and the tests may read it
 * (`deno test -R`); otherwise it is reported as ignored, and its name says
 * why.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { findGuideNames, readNames } from "../../support/data.ts";
import { PyRandom } from "../../support/random.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import { initModel, parameters } from "../../lessons/step4/02_parameters.ts";
import { sample, train } from "../../lessons/step4/04_training.ts";
import { GUIDE_STEP4_LOSSES, GUIDE_STEP4_SAMPLES } from "./_fixtures.ts";
import { emptyCaches } from "../../lessons/step4/03_gpt.ts";
import { needsGuideNames, stopAtFirstDifference } from "../_guide.ts";

const NAMES = findGuideNames();
const TITLE = "step4 reproduces the guide's Step 4 numbers on names.txt";

Deno.test({
  name: NAMES === undefined ? `${TITLE} ${needsGuideNames()}` : TITLE,
  ignore: NAMES === undefined,
  fn: async (t) => {
    // The reference program's order: seed, load and shuffle, then the weights.
    const rng = new PyRandom(42);
    const docs = readNames(NAMES!);
    rng.shuffle(docs);
    const tokenizer = buildTokenizer(docs);
    const model = initModel(tokenizer.vocabSize, rng);

    const ready = await t.step(
      "4,192 parameters, and fresh caches per name",
      () => {
        assertEquals(parameters(model).length, 4192);
        // A cache shared by all names would grow for 1000 steps.
        const [a, b] = [emptyCaches(1)[0], emptyCaches(1)[0]];
        assert(
          a.keys !== b.keys && a.keys.length === 0,
          "emptyCaches() must give every name its own empty caches",
        );
      },
    );
    // Training with a cache that is not fresh could run for minutes.
    if (!ready) return;

    await t.step(
      "training: the printed losses of steps 1, 2, 201 and 801",
      () => {
        const printed: Record<number, string> = {};
        train(model, docs.map((doc) => encode(tokenizer, doc)), {
          steps: 1000,
          lr0: 0.1,
          onStep: stopAtFirstDifference(GUIDE_STEP4_LOSSES, printed),
        });
        assertEquals(printed, GUIDE_STEP4_LOSSES);
      },
    );

    await t.step("inference: the first four samples at temperature 0.5", () => {
      const names = Array.from(
        { length: 4 },
        () =>
          sample(model, tokenizer, rng, { temperature: 0.5, maxLength: 16 }),
      );
      assertEquals(names, GUIDE_STEP4_SAMPLES);
    });
  },
});
