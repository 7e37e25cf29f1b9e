/**
 * Steps 3–5 against CPython: `deno task train --plain --solutions --step N`
 * must print, byte for byte, what the independent CPython references
 * (bench/reference/step3.py, step4.py, step5.py) printed for the same data
 * and flags. The runs are listed in bench/reference/golden/cases.json; the
 * guide's own runs (names.txt, the defaults) are checked against GUIDE.md's
 * figures too.
 */

import { assertEquals, assertStringIncludes } from "@std/assert";
import { findGuideNames } from "../data.ts";
import { ROOT_DIR } from "../root.ts";
import { IGNORED_REASON, runCli } from "./_run_cli.ts";

/** One run of cases.json. */
interface GoldenCase {
  step: number;
  /** The expected stdout, in bench/reference/golden/. */
  file: string;
  /** The names file, from the project root (names.txt: found by findGuideNames). */
  data: string;
  args: string[];
  /** The data is the guide's names.txt (never committed). */
  needs_guide_data: boolean;
  /** The guide's own 1000-step run. */
  slow: boolean;
}

const GOLDEN = `${ROOT_DIR}bench/reference/golden/`;
const CASES: GoldenCase[] = JSON.parse(
  Deno.readTextFileSync(`${GOLDEN}cases.json`),
);
const GUIDE_NAMES = findGuideNames();

/** GUIDE.md's figures for the guide's runs: lines each listing must hold. */
const GUIDE_FIGURES: Record<number, string[]> = {
  3: [
    "step    1 / 1000 | loss 3.3816",
    "step    2 / 1000 | loss 3.4377",
    "step  201 / 1000 | loss 2.1831",
    "step  801 / 1000 | loss 2.2230",
    "sample  1: jalon\nsample  2: annyn\nsample  3: jaenn\nsample  4: aren\n",
  ],
  4: [
    "step    1 / 1000 | loss 3.3660",
    "step    2 / 1000 | loss 3.4273",
    "step  201 / 1000 | loss 2.1700",
    "step  801 / 1000 | loss 2.2216",
    "sample  1: jalyn\nsample  2: annze\nsample  3: jaenn\nsample  4: aren\n",
  ],
  5: [
    "step    1 / 1000 | loss 3.3660",
    "step    2 / 1000 | loss 3.4243",
    "step 1000 / 1000 | loss 2.6497",
    "sample  1: kamon\nsample  2: ann\nsample  3: karai\nsample  4: jaire\n" +
    "sample  5: vialan\nsample  6: karia\nsample  7: yeran\nsample  8: anna\n" +
    "sample  9: areli\nsample 10: kaina\n",
  ],
};

/** Why a case cannot run here, as the suffix of its name ("" if it can). */
function ignoredBecause(c: GoldenCase): string {
  if (c.needs_guide_data && GUIDE_NAMES === undefined) {
    return " (ignored: names.txt not found; save it as data/names.txt)";
  }
  return IGNORED_REASON;
}

for (const c of CASES.filter((c) => c.step >= 3)) {
  const flags = c.args.join(" ");
  const name = c.slow
    ? `train --step ${c.step} prints the guide's listing on names.txt byte for byte (GUIDE.md's figures, CPython's ${c.file})`
    : `train --step ${c.step} matches CPython on ${
      c.data.split("/").pop()
    } ${flags} (${c.file})`;
  const why = ignoredBecause(c);
  Deno.test({
    name: name + why,
    ignore: why !== "",
    fn: async () => {
      const expected = await Deno.readTextFile(`${GOLDEN}${c.file}`);
      const data = c.needs_guide_data ? GUIDE_NAMES! : `${ROOT_DIR}${c.data}`;
      const result = await runCli("train", [
        "--solutions",
        "--plain",
        "--step",
        String(c.step),
        "--data",
        data,
        ...c.args,
      ]);
      assertEquals(result.code, 0, result.stderr);
      assertEquals(result.stdout, expected);
      if (c.slow) {
        for (const figure of GUIDE_FIGURES[c.step]) {
          assertStringIncludes(result.stdout, figure);
        }
      }
    },
  });
}

Deno.test("cases.json has at least three runs per step besides the guide's", () => {
  for (const step of [3, 4, 5]) {
    const quick = CASES.filter((c) => c.step === step && !c.slow);
    const others = quick.filter((c) => !c.needs_guide_data);
    assertEquals(others.length >= 3, true, `Step ${step}: ${others.length}`);
    assertEquals(
      CASES.filter((c) => c.step === step && c.slow).length,
      1,
      `Step ${step}'s guide run`,
    );
  }
});
