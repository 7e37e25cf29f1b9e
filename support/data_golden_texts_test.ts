/**
 * The CPython goldens for hostile-but-valid names files
 * (`bench/reference/golden/text_cases.json`, made by `make_texts.py`):
 * `train --plain` on each prints what the reference program printed, byte
 * for byte, except where the kata refuses the file on purpose (a name
 * holding a control or text-direction character, see data.ts), which it
 * must then say in one sentence.
 */

import { assertEquals, assertMatch } from "@std/assert";
import { CONTROL, LAYOUT } from "./data.ts";
import { ROOT_DIR } from "./root.ts";
import { CAN_RUN, IGNORED_REASON, runCli } from "./train/_run_cli.ts";

interface TextCase {
  step: number;
  file: string;
  data: string;
  args: string[];
  what: string;
  uchars: string[];
}

const GOLDEN = `${ROOT_DIR}bench/reference/golden/`;

function loadCases(): TextCase[] {
  try {
    return JSON.parse(Deno.readTextFileSync(`${GOLDEN}text_cases.json`));
  } catch {
    return [];
  }
}

const CASES = loadCases().filter((c) => c.step <= 2);

/** Whether the vocabulary holds a character the kata refuses in a name. */
function isRefused(uchars: string[]): boolean {
  return uchars.some((u) => {
    const ch = String.fromCodePoint(parseInt(u.slice(2), 16));
    return CONTROL.test(ch) || LAYOUT.test(ch);
  });
}

Deno.test({
  name:
    `train --plain prints the CPython goldens for hostile-but-valid names files, Steps 0-2${IGNORED_REASON}`,
  ignore: !CAN_RUN || CASES.length === 0,
  fn: async (t) => {
    for (const c of CASES) {
      const name = `step ${c.step}, ${c.file.replace(/^.*\//, "")}`;
      await t.step(name, async () => {
        const result = await runCli("train", [
          "--plain",
          "--step",
          `${c.step}`,
          "--data",
          `${ROOT_DIR}${c.data}`,
          ...c.args,
        ]);
        if (isRefused(c.uchars)) {
          assertEquals(result.code, 1, result.stderr);
          assertMatch(
            result.stderr,
            /contains (a control character|U\+\w+, which rearranges the terminal's text)/,
          );
          return;
        }
        assertEquals(result.code, 0, result.stderr);
        assertEquals(
          result.stdout,
          Deno.readTextFileSync(`${GOLDEN}${c.file}`),
          c.what,
        );
      });
    }
  },
});
