/**
 * The trainer's contract: each step program prints, byte for byte, what the
 * independent CPython reference programs (bench/reference/stepN.py) printed
 * for the same data and flags. The short runs run in this process; the
 * guide's own runs (names.txt, the defaults, only where GUIDE.md's figures
 * need them) run as `deno task train --plain` does, with its V8 flags.
 */

import { assertEquals, assertStringIncludes } from "@std/assert";
import {
  englishFirstNames,
  findGuideNames,
  packageNames,
  readNames,
} from "../data.ts";
import { ROOT_DIR } from "../root.ts";
import { recorder } from "./_recorder.ts";
import { runCli } from "./_run_cli.ts";
import { parseCommandLine } from "./args.ts";
import { optionsFor } from "./step_program.ts";
import { findProgram } from "./steps.ts";
import { GOLDEN_CASES, TINY_NAMES } from "./testdata/golden_cases.ts";

const GUIDE_NAMES = findGuideNames();
const TESTDATA = `${ROOT_DIR}support/train/testdata/`;
const BENCH = `${ROOT_DIR}bench/reference/golden/`;

/** One golden run: the step, its flags, its names and the expected file. */
interface Golden {
  step: number;
  args: string[];
  names: () => Promise<string[]> | string[];
  expected: string;
  /** Keeps only some of the expected lines (Step 2 prints no gradient check). */
  lines?: (line: string) => boolean;
}

const tiny = () => readNames(TINY_NAMES);
const guideNames = () => readNames(GUIDE_NAMES!);
const RUNS: Golden[] = [
  ...GOLDEN_CASES.map((c) => ({
    step: 1,
    args: c.args,
    names: c.data === "tiny"
      ? tiny
      : async () => englishFirstNames(await packageNames()),
    expected: `${TESTDATA}${c.file}`,
  })),
  {
    // CPython's step2.py prints Step 1's lines without the gradient check.
    step: 2,
    args: GOLDEN_CASES.find((c) => c.file === "tiny_seed7.txt")!.args,
    names: tiny,
    expected: `${TESTDATA}tiny_seed7.txt`,
    lines: (line) => !line.startsWith("gradient check"),
  },
  {
    step: 0,
    args: ["--seed", "7", "--steps", "45", "--samples", "8"],
    names: tiny,
    expected: `${TESTDATA}step0_tiny_seed7.txt`,
  },
  ...(JSON.parse(Deno.readTextFileSync(`${BENCH}cases.json`)) as {
    step: number;
    file: string;
    data: string;
    args: string[];
    needs_guide_data: boolean;
  }[]).map((c) => ({
    step: c.step,
    args: c.args,
    names: c.needs_guide_data ? guideNames : () => readNames(ROOT_DIR + c.data),
    expected: `${BENCH}${c.file}`,
  })),
  {
    step: 1,
    args: [],
    names: guideNames,
    expected: `${TESTDATA}guide_step1_listing.txt`,
  },
];

/** GUIDE.md's figures, which the guide runs' listings hold. */
const GUIDE_FIGURES: Record<string, string[]> = {
  "guide_step1_listing.txt": [
    "step  801 / 1000 | loss 2.2449",
    "sample 20: n\n",
  ],
  "guide_step3.txt": [
    "step    1 / 1000 | loss 3.3816",
    "step  801 / 1000 | loss 2.2230",
    "sample  1: jalon\nsample  2: annyn\nsample  3: jaenn\nsample  4: aren\n",
  ],
  "guide_step4.txt": [
    "step    1 / 1000 | loss 3.3660",
    "step  801 / 1000 | loss 2.2216",
    "sample  1: jalyn\nsample  2: annze\nsample  3: jaenn\nsample  4: aren\n",
  ],
  "guide_step5.txt": [
    "step    2 / 1000 | loss 3.4243",
    "step 1000 / 1000 | loss 2.6497",
    "sample  9: areli\nsample 10: kaina\n",
  ],
};

for (const run of RUNS) {
  const file = run.expected.split("/").pop()!;
  const needsGuide = run.names === guideNames && GUIDE_NAMES === undefined;
  Deno.test({
    name: `train --step ${run.step} ${run.args.join(" ")} prints ${file}${
      needsGuide
        ? " (ignored: names.txt not found; save it as data/names.txt)"
        : ""
    }`,
    ignore: needsGuide,
    fn: async () => {
      const expected = Deno.readTextFileSync(run.expected).split("\n")
        .filter(run.lines ?? (() => true)).join("\n");
      assertEquals(await printed(run), expected);
      for (const figure of GUIDE_FIGURES[file] ?? []) {
        assertStringIncludes(expected, figure);
      }
    },
  });
}

/** What the step program prints for `run`. */
async function printed(run: Golden): Promise<string> {
  if (run.names === guideNames) {
    const args = ["--plain", "--step", `${run.step}`, "--data", GUIDE_NAMES!];
    const { stdout, stderr } = await runCli("train", [...args, ...run.args]);
    assertEquals(stderr, "");
    return stdout;
  }
  const program = findProgram(run.step);
  const options = optionsFor(
    program,
    parseCommandLine("train", run.args).options,
  );
  const { lines, output } = recorder();
  await program.run(await run.names(), options, output);
  return lines.map((line) => `${line}\n`).join("");
}

Deno.test({
  name: `train --step 0 prints the guide's Step 0 figures on names.txt${
    GUIDE_NAMES === undefined ? " (ignored: names.txt not found)" : ""
  }`,
  ignore: GUIDE_NAMES === undefined,
  fn: async () => {
    const program = findProgram(0);
    const { lines, output } = recorder();
    await program.run(guideNames(), optionsFor(program), output);
    assertEquals(lines.slice(0, 5), [
      "num docs: 32033",
      "vocab size: 27",
      "step    1 / 1000 | loss 3.2958",
      "step    2 / 1000 | loss 3.3095",
      "step    3 / 1000 | loss 3.2326",
    ]);
    assertEquals(lines[1001], "step 1000 / 1000 | loss 2.7177");
    assertEquals(lines.slice(1004, 1008), [
      "sample  1: enaroa",
      "sample  2: romra",
      "sample  3: brabecyler",
      "sample  4: talyaxbranalewia",
    ]);
  },
});
