/**
 * The numbers GUIDE.md prints for the Step 1 reference program (seed 42, the
 * guide's names.txt), shared by the guide-fidelity tests of Steps 1 and 2.
 *
 * @module
 */

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
 * What a guide-fidelity test's name says when it is ignored: where to put
 * names.txt, and the command that runs it. `deno task test` works online
 * and offline alike (plain `deno test` cannot load @std without JSR).
 */
export const NEEDS_GUIDE_NAMES =
  "(ignored: put names.txt in data/ and run deno task test -R)";
