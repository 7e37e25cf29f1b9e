import { assertEquals, assertThrows } from "@std/assert";
import { readNames } from "../data.ts";
import { recorder } from "./_recorder.ts";
import { ModelFileError } from "./errors.ts";
import {
  checkMatrix,
  refuseUnused,
  tokenizerOf,
  TRAIN_DEFAULTS,
} from "./step_program.ts";
import { STEP0 } from "./step0.ts";
import { PROGRAMS } from "./steps.ts";
import { TINY_NAMES } from "./testdata/golden_cases.ts";

for (const program of PROGRAMS.values()) {
  Deno.test(`STEP${program.step} does not shuffle the caller's names`, async () => {
    const names = readNames(TINY_NAMES);
    const copy = [...names];
    const options = { ...TRAIN_DEFAULTS, steps: 1, samples: 0 };
    await program.run(names, options, recorder().output);
    assertEquals(names, copy);
  });
}

Deno.test("checkMatrix() checks rows and columns", () => {
  const weights = { w: [[1, 2], [3, 4], [5]] };
  assertThrows(
    () => checkMatrix(weights, "v", 3, 2),
    ModelFileError,
    "weights.v is missing",
  );
  assertThrows(
    () => checkMatrix(weights, "w", 2, 2),
    ModelFileError,
    "weights.w has 3 rows, expected 2",
  );
  assertThrows(
    () => checkMatrix(weights, "w", 3, 2),
    ModelFileError,
    "weights.w[2] has 1 columns, expected 2",
  );
  assertEquals(checkMatrix({ w: [[1]] }, "w", 1, 1), [[1]]);
});

Deno.test("refuseUnused() refuses a flag the step does not use whenever it is given", () => {
  // Given means refused, whatever the value: 1.0 is the trainer's default lr.
  assertThrows(
    () => refuseUnused(STEP0, { lr: 1.0 }),
    Error,
    "Step 0 learns by counting and has no learning rate: leave out --lr, received 1",
  );
  assertThrows(
    () => refuseUnused(STEP0, { temperature: 1 }),
    Error,
    "Step 0 samples without temperature: leave out --temperature",
  );
  refuseUnused(STEP0, { steps: 3, seed: 7, temperature: undefined });
});

Deno.test("tokenizerOf() puts BOS after the saved characters", () => {
  const tokenizer = tokenizerOf(["a", "b", "c"]);
  assertEquals([tokenizer.bos, tokenizer.vocabSize], [3, 4]);
});
