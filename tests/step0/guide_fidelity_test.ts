/**
 * The whole of Step 0 against the numbers GUIDE.md prints for the counting
 * model (seed 42, the guide's names.txt). Runs only when a copy of names.txt
 * is found (data/names.txt or ../shared/data/names.txt) and the tests may read
 * it (`deno test -R`); otherwise it is reported as ignored, and its name says
 * why.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { findGuideNames, readNames } from "../../support/data.ts";
import { PyRandom } from "../../support/random.ts";
import { buildTokenizer, encode } from "../../lessons/step0/01_tokenizer.ts";
import { emptyCounts } from "../../lessons/step0/02_count_table.ts";
import { train } from "../../lessons/step0/05_training.ts";
import { sample } from "../../lessons/step0/06_sampling.ts";
import { assertClose } from "../_assert.ts";
import { needsGuideNames } from "../_guide.ts";

const NAMES = findGuideNames();
const TITLE = "step0 reproduces the guide's printed numbers on names.txt";

// GUIDE.md, "The other steps' reference output", row "0 counting".
const GUIDE_STEP_LOSSES: Record<number, string> = {
  1: "3.2958",
  2: "3.3095",
  3: "3.2326",
  1000: "2.7177",
};
const GUIDE_FIRST_SAMPLES = [
  "enaroa",
  "romra",
  "brabecyler",
  "talyaxbranalewia",
];

Deno.test({
  name: NAMES === undefined ? `${TITLE} ${needsGuideNames()}` : TITLE,
  ignore: NAMES === undefined,
  fn: async (t) => {
    // The reference program's order: seed, load and shuffle; training draws
    // nothing; then one weighted draw per sampled token.
    const rng = new PyRandom(42);
    const docs = readNames(NAMES!);
    rng.shuffle(docs);
    const tokenizer = buildTokenizer(docs);
    const counts = emptyCounts(tokenizer.vocabSize);

    await t.step("data: 32,033 names, 27 tokens, a table of 729 counts", () => {
      assertEquals(docs.length, 32033);
      assertEquals(tokenizer.vocabSize, 27);
      assertEquals(counts.flat().length, 729);
    });

    await t.step(
      "training: the printed step losses, every step measured first",
      () => {
        const printed: Record<number, string> = {};
        const losses = train(
          counts,
          docs.map((doc) => encode(tokenizer, doc)),
          {
            steps: 1000,
            onStep: ({ step, loss }) => {
              if (step + 1 in GUIDE_STEP_LOSSES) {
                printed[step + 1] = loss.toFixed(4);
              }
            },
          },
        );
        assertEquals(printed, GUIDE_STEP_LOSSES);
        assertEquals(losses.length, 1000);
        // The first name meets an empty table: exactly the uniform loss, ln 27.
        assertClose(losses[0], Math.log(27), {
          what: "the loss of step 1 (an empty table: ln 27)",
          tol: 1e-12,
        });
      },
    );

    await t.step("inference: the first samples, with no temperature", () => {
      const names = Array.from(
        { length: 4 },
        () => sample(counts, tokenizer, rng, { maxLength: 16 }),
      );
      assertEquals(names, GUIDE_FIRST_SAMPLES);
    });
  },
});
