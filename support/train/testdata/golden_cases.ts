/**
 * The golden runs: command lines whose output CPython's run of the Step 1
 * reference (bench/reference/step1.py) recorded in this folder, and the
 * datasets they use. `make_golden.ts` writes the files; `../golden_test.ts`
 * checks that `deno task train --plain` prints the same bytes.
 *
 * @module
 */

import { englishFirstNames, packageNames } from "../../data.ts";

/** One golden run. */
export interface GoldenCase {
  /** The file in testdata/ holding the expected stdout. */
  file: string;
  /** The dataset: the committed tiny list, or the npm package's names. */
  data: "tiny" | "english";
  /** Flags shared by the trainer and the Python reference. */
  args: string[];
}

/** The golden runs. */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  { file: "english_defaults.txt", data: "english", args: [] },
  {
    file: "english_seed1337.txt",
    data: "english",
    args:
      "--seed 1337 --steps 500 --lr 0.5 --log-every 100 --temperature 0.8 --samples 10"
        .split(" "),
  },
  {
    file: "tiny_seed7.txt",
    data: "tiny",
    args: "--seed 7 --steps 60 --log-every 7 --temperature 1.5 --samples 8"
      .split(" "),
  },
];

/** The committed tiny list (made-up names, a capital, a hyphen and an ë). */
export const TINY_NAMES = new URL("./tiny_names.txt", import.meta.url).pathname;

/**
 * A file holding the dataset of a golden run: the tiny list itself, or the
 * npm package's names as the trainer cleans them, written into `dir`.
 *
 * @param data Which dataset.
 * @param dir A folder for the written list.
 * @returns The file's path.
 */
export async function datasetFile(
  data: GoldenCase["data"],
  dir: string,
): Promise<string> {
  if (data === "tiny") return TINY_NAMES;
  const path = `${dir}/english_names.txt`;
  const names = englishFirstNames(await packageNames());
  await Deno.writeTextFile(path, names.join("\n") + "\n");
  return path;
}
