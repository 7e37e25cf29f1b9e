/**
 * The whole of Step 1 against the numbers GUIDE.md prints for the reference
 * program (seed 42, the guide's names.txt). Runs only when a copy of
 * names.txt is found (data/names.txt or ../shared/data/names.txt) and the
 * tests may read it (`deno test -R`); otherwise it is reported as ignored, and
 * its name says why.
 *
 * @module
 */

import { assertEquals, assertLess } from "@std/assert";
import { assertClose } from "../_assert.ts";
import { findGuideNames, readNames } from "../../support/data.ts";
import { PyRandom } from "../../support/random.ts";
import { buildTokenizer, encode } from "../../lessons/step1/01_tokenizer.ts";
import { initModel } from "../../lessons/step1/02_parameters.ts";
import { gradientCheck } from "../../lessons/step1/09_gradient_check.ts";
import { train } from "../../lessons/step1/10_training.ts";
import { sample } from "../../lessons/step1/11_sampling.ts";
import {
  GUIDE_STEP1_LOSSES,
  GUIDE_STEP1_SAMPLES,
  needsGuideNames,
} from "../_guide.ts";

const NAMES = findGuideNames();
const TITLE = "step1 reproduces the guide's printed numbers on names.txt";

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

    await t.step("data: 32,033 names, 27 tokens, docs[0] is yuheng", () => {
      assertEquals(docs.length, 32033);
      assertEquals(tokenizer.vocabSize, 27);
      assertEquals(docs[0], "yuheng");
      assertEquals(encode(tokenizer, docs[0]), [26, 24, 20, 7, 4, 13, 6, 26]);
    });

    await t.step("parameters: wte[0][0..2] as printed by the guide", () => {
      // gauss() may differ from CPython in the last bit (see support/random.ts).
      const expected = [
        -0.04273180935726127,
        0.07696138795865093,
        0.10844210106107166,
      ];
      for (let j = 0; j < 3; j++) {
        assertClose(model.wte[0][j], expected[j], {
          what: `wte[0][${j}]`,
          tol: 1e-16,
        });
      }
    });

    await t.step(
      "gradient check: both losses 3.297830, max diff below 1e-7",
      () => {
        const check = gradientCheck(model, encode(tokenizer, docs[0]));
        assertClose(check.lossNumerical, 3.297830136557929, {
          what: "the numerical gradient check's loss",
          tol: 1e-12,
        });
        assertClose(check.lossAnalytic, 3.297830136557929, {
          what: "the analytic gradient check's loss",
          tol: 1e-12,
        });
        assertLess(check.maxDiff, 1e-7);
        assertEquals(check.maxDiff.toFixed(8), "0.00000000");
      },
    );

    await t.step("training: the printed step losses", () => {
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

    await t.step("inference: the 20 samples at temperature 0.5", () => {
      const names = Array.from(
        { length: 20 },
        () =>
          sample(model, tokenizer, rng, { temperature: 0.5, maxLength: 16 }),
      );
      assertEquals(names, GUIDE_STEP1_SAMPLES);
    });
  },
});
