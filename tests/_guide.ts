/**
 * The numbers GUIDE.md prints for the Step 1 reference program (seed 42, the
 * guide's names.txt), shared by the guide-fidelity tests of Steps 1 and 2.
 *
 * @module
 */

import { AssertionError } from "@std/assert";

/** The printed step losses (4 decimals), by step number counting from 1. */
export const GUIDE_STEP1_LOSSES: Readonly<Record<number, string>> = {
  1: "3.2978",
  2: "3.2974",
  3: "3.2965",
  4: "3.2918",
  5: "3.2961",
  201: "2.5680",
  401: "2.5258",
  601: "2.1751",
  801: "2.2449",
};

/** The 20 samples at temperature 0.5, in order. */
export const GUIDE_STEP1_SAMPLES: readonly string[] = [
  "aylan",
  "an",
  "ma",
  "jara",
  "sa",
  "ann",
  "cah",
  "an",
  "anelisa",
  "an",
  "jan",
  "alinada",
  "ja",
  "relon",
  "lan",
  "canen",
  "do",
  "ma",
  "iann",
  "n",
];

/**
 * What a guide-fidelity test's name says when it is ignored: the command
 * that lets it read names.txt, or, when reading is allowed, where to put
 * the file. `deno task test` works online and offline alike (plain
 * `deno test` cannot load @std without JSR).
 */
export function needsGuideNames(): string {
  const read = Deno.permissions.querySync({ name: "read" }).state;
  return read === "granted"
    ? "(ignored: it needs the guide's names.txt in data/)"
    : "(ignored: it reads data/names.txt: run deno task test -R)";
}

/** Longer than any correct run of 1000 steps takes here (seconds). */
const TRAINING_BUDGET_S = 120;

/**
 * The `onStep` of a guide-fidelity run: records the losses the guide
 * prints (4 decimals) into `printed`, and stops the run at the first one
 * that differs from the guide's, or when training has taken longer than a
 * correct run ever does, instead of training on for minutes.
 *
 * @param guide The printed losses, by step counting from 1.
 * @param printed Receives the losses, formatted as the guide prints them.
 * @returns The callback for `train()`.
 */
export function stopAtFirstDifference(
  guide: Readonly<Record<number, string>>,
  printed: Record<number, string>,
): (info: { step: number; loss: number }) => void {
  const start = Date.now();
  return ({ step, loss }) => {
    const seconds = (Date.now() - start) / 1000;
    if (seconds > TRAINING_BUDGET_S) {
      throw new AssertionError(
        `training is still at step ${step + 1} after ${
          seconds.toFixed(0)
        } s; ` +
          `1000 steps take a few seconds: does a cache grow from name to name?`,
      );
    }
    const n = step + 1;
    if (!(n in guide)) return;
    printed[n] = loss.toFixed(4);
    if (printed[n] !== guide[n]) {
      throw new AssertionError(
        `the loss of step ${n} prints as ${printed[n]}, the guide prints ` +
          `${guide[n]} (the run stops here; printed so far: ` +
          `${JSON.stringify(printed)})`,
      );
    }
  };
}
