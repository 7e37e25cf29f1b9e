/**
 * `deno task progress [--list] [--step N]`: where you are in the kata.
 *
 * Runs the lesson tests and shows a bar per track (lessons done, tests
 * passed) and, for the next lesson, its file, its guide page, its first
 * failing test and how to get a hint. The next lesson is the first
 * unfinished one of the track you last edited a lesson of (or of Step N).
 * With `--list`, every lesson with its state. Progress comes from the tests,
 * so it always agrees with `deno test`; test files whose code has not
 * changed since they last ran are not run again.
 *
 * @module
 */

import { parseFlags } from "../cli/args.ts";
import { EXIT_USAGE, runMain, UserError } from "../cli/errors.ts";
import { stdoutStyle } from "../cli/style.ts";
import { checkProgress } from "../journey/lesson_progress.ts";
import { viewOf } from "../journey/progress_view.ts";
import { TRACKS } from "../manifest.ts";

const USAGE = "deno task progress [--list] [--step N]";

/** What `--help` prints. */
export const HELP = `Usage: ${USAGE}

Runs the lesson tests and shows where you are: a bar per step, then your
next lesson (the first unfinished one of the step whose lessons you edited
last), its file, its guide page, its first failing test and how to get a hint.
Tests whose code has not changed since they last ran are not run again.

Flags:
  --list, -l    show every lesson and its state
  --step N      follow step N (${TRACKS.map((t) => t.step).join(", ")}) instead
  --help, -h    show this help`;

function stepOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const steps = TRACKS.map((t) => t.step);
  const step = Number(text);
  if (!/^\d+$/.test(text) || !steps.includes(step)) {
    throw new UserError(
      `--step must be one of ${
        steps.join(", ")
      }: received "${text}" (usage: ${USAGE})`,
      EXIT_USAGE,
    );
  }
  return step;
}

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    values: ["step"],
    booleans: ["list"],
    aliases: { list: "l" },
    usage: USAGE,
  });
  if (args.booleans.has("help")) {
    console.log(HELP);
    return 0;
  }
  const step = stepOf(args.values.get("step"));
  const progress = await checkProgress(undefined, { step });
  const footer = progress.current === undefined ? [] : [
    "Rerun whenever you save: deno task watch · every lesson: deno task progress --list",
  ];
  console.log(
    viewOf(progress, stdoutStyle(), {
      list: args.booleans.has("list"),
      footer,
    }),
  );
  return progress.problems.length > 0 ? 1 : 0;
}

if (import.meta.main) await runMain(main);
