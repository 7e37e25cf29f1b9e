/**
 * `deno task progress [--list] [--step N]`: where you are in the kata (see
 * journey/lesson_progress.ts for how it is worked out, progress_view.ts for
 * what it shows).
 *
 * @module
 */

import { parseFlags } from "../cli/args.ts";
import { EXIT_USAGE, runMain, UserError } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import { checkProgress } from "../journey/lesson_progress.ts";
import { renderProgress } from "../journey/progress_view.ts";
import { TRACKS } from "../manifest.ts";

const USAGE = "deno task progress [--list] [--step N]";

const HELP = `Usage: ${USAGE}

Runs the lesson tests and shows where you are: a bar per step, then your
next lesson (the first unfinished one of the step whose lessons you edited
last), its file, its guide page, its first failing test and how to get a hint.
Test files whose code has not changed since they last ran are not run again
(their results are kept in .kata/test_results.json). A run where no test
ends for 60 s is taken for an endless loop: it stops and names the lesson
(KATA_TEST_TIME_LIMIT=120 allows 120 s).

Flags:
  --list, -l    show every lesson and its state
  --step N      follow step N (0 to 5) instead
  --help, -h    show this help`;

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    help: HELP,
    values: ["step"],
    booleans: ["list"],
    aliases: { list: "l" },
    usage: USAGE,
  });
  const text = args.values.get("step");
  const track = TRACKS.find((t) => String(t.step) === text);
  if (text !== undefined && track === undefined) {
    throw new UserError(
      `--step must be one of ${
        TRACKS.map((t) => t.step).join(", ")
      }: received ${visible(text, { quote: true, max: 40 })} (usage: ${USAGE})`,
      EXIT_USAGE,
    );
  }
  const progress = await checkProgress(undefined, { track });
  const footer = progress.current === undefined ? [] : [
    "Rerun whenever you save: deno task watch · every lesson: deno task progress --list",
  ];
  const list = args.booleans.has("list");
  console.log(renderProgress(progress, { list, footer }));
  return progress.problem === undefined ? 0 : 1;
}

if (import.meta.main) await runMain(main);
