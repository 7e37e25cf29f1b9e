/**
 * Step 3 against the numbers GUIDE.md prints for the guide's Step 3 program
 * (seed 42, the guide's names.txt): the step losses at steps 1, 2, 201 and
 * 801, and the first four samples. Runs only when a copy of names.txt is
 * found (data/names.txt or ../shared/data/names.txt) and the tests may read
 * it (`deno test -R`); otherwise it is reported as ignored, and its name
 * says why. The 1000 training steps take a few seconds; the run stops at
 * the first printed loss that differs from the guide's.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { findGuideNames, readNames } from "../../support/data.ts";
import { PyRandom } from "../../support/random.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import { initModel, parameters } from "../../lessons/step3/02_parameters.ts";
import { train } from "../../lessons/step3/06_training.ts";
import { emptyCache } from "../../lessons/step3/05_gpt.ts";
import { sample } from "../../lessons/step3/07_sampling.ts";
import { needsGuideNames, stopAtFirstDifference } from "../_guide.ts";

/** The printed step losses GUIDE.md gives for Step 3, by step from 1. */
const GUIDE_STEP3_LOSSES: Readonly<Record<number, string>> = {
  1: "3.3816",
  2: "3.4377",
  201: "2.1831",
  801: "2.2230",
};

/** The first four of Step 3's 20 samples at temperature 0.5. */
const GUIDE_STEP3_SAMPLES: readonly string[] = [
  "jalon",
  "annyn",
  "jaenn",
  "aren",
];

const NAMES = findGuideNames();
const TITLE = "step3 reproduces the guide's Step 3 numbers on names.txt";

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
      "4,192 parameters, and a fresh cache per name",
      () => {
        assertEquals(parameters(model).length, 4192);
        // A cache shared by all names would grow for 1000 steps.
        const [a, b] = [emptyCache(), emptyCache()];
        assert(
          a.keys !== b.keys && a.keys.length === 0,
          "emptyCache() must give every name its own empty cache",
        );
      },
    );
    // Training with a cache that is not fresh could run for minutes.
    if (!ready) return;

    await t.step(
      "training: the printed losses at steps 1, 2, 201 and 801",
      () => {
        const printed: Record<number, string> = {};
        train(model, docs.map((doc) => encode(tokenizer, doc)), {
          steps: 1000,
          lr0: 0.1,
          onStep: stopAtFirstDifference(GUIDE_STEP3_LOSSES, printed),
        });
        assertEquals(printed, GUIDE_STEP3_LOSSES);
      },
    );

    await t.step("inference: the first 4 samples at temperature 0.5", () => {
      const names = Array.from(
        { length: 4 },
        () =>
          sample(model, tokenizer, rng, { temperature: 0.5, maxLength: 16 }),
      );
      assertEquals(names, GUIDE_STEP3_SAMPLES);
    });
  },
});
