/**
 * Step 5 of the guide, "Adam", as `deno task train --step 5` runs it: the
 * complete microGPT. It is Step 4's program (`step4.ts`) with the lessons'
 * Adam training loop; it starts from the same weights as Step 4.
 *
 * As the guide's program does, it prints a step line at every step, and its
 * learning rate starts at 0.01 (Adam's steps are about lr each). Its model
 * files have Step 4's shape.
 *
 * @module
 */

import { stepProgram } from "./step_program.ts";
import { TRANSFORMER } from "./step4.ts";
import { train } from "../../lessons/step5/03_training.ts";

/** The guide's Step 5 program. */
export const STEP5 = stepProgram({
  ...TRANSFORMER,
  step: 5,
  title: "Adam: the complete microGPT",
  defaults: { lr: 0.01, logEvery: 1 },
  lessons: {
    setup: ["step1/01", "step4/02"],
    train: "step5/03",
    sample: "step4/04",
  },
  train,
});
