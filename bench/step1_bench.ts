/**
 * Benchmarks of Step 1 on the lessons' code (run them on the solutions):
 *
 *     deno bench -A --import-map support/maps/offline_solutions.json bench/
 *
 * (online: support/maps/solutions.json). The data is the guide's names.txt
 * when it is found (data/ or ../shared/data/), else the npm names list.
 *
 * @module
 */

import {
  englishFirstNames,
  findGuideNames,
  packageNames,
  readNames,
} from "../support/data.ts";
import { PyRandom } from "../support/random.ts";
import {
  type ProgramOutput,
  TRAIN_DEFAULTS,
} from "../support/train/step_program.ts";
import { STEP1 } from "../support/train/step1.ts";
import { buildTokenizer, encode } from "../lessons/step1/01_tokenizer.ts";
import { initModel } from "../lessons/step1/02_parameters.ts";
import { gradientCheck } from "../lessons/step1/09_gradient_check.ts";
import { train } from "../lessons/step1/10_training.ts";

const guideNames = findGuideNames();
const names = guideNames === undefined
  ? englishFirstNames(await packageNames())
  : readNames(guideNames);

// The reference order: seed, shuffle, tokenizer, weights.
const rng = new PyRandom(42);
const docs = [...names];
rng.shuffle(docs);
const tokenizer = buildTokenizer(docs);
const tokens = docs.slice(0, 1000).map((doc) => encode(tokenizer, doc));
const model = initModel(tokenizer.vocabSize, 16, rng);

const silent: ProgramOutput = {
  line() {},
  startTraining() {},
  step() {},
  endTraining() {},
};

let s = 0;
Deno.bench({
  name: "step1: one training step (gradient and update, one name)",
  warmup: 200,
  n: 2000,
  fn: () => {
    // A tiny learning rate keeps the model near its start over many runs.
    train(model, [tokens[s++ % tokens.length]], {
      steps: 1,
      lr0: 1e-3,
    });
  },
});

Deno.bench("step1: gradient check on docs[0] (3,184 forward passes)", () => {
  gradientCheck(model, tokens[0]);
});

Deno.bench({
  name: "step1: the whole reference run (1000 steps, check and samples)",
  n: 10,
  fn: () => {
    STEP1.run(names, TRAIN_DEFAULTS, silent);
  },
});
