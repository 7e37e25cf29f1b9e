/**
 * `deno task progress [--list]`: where you are in the kata.
 *
 * Runs the lesson tests and shows a bar per track (lessons done, tests
 * passed) and, for the first unfinished lesson, its file, its guide page,
 * its first failing test and how to get a hint. With `--list`, every lesson
 * with its state. Progress comes from the tests, so it always agrees with
 * `deno test`.
 *
 * @module
 */

import { parseFlags } from "../cli/args.ts";
import { runMain } from "../cli/errors.ts";
import { stdoutStyle } from "../cli/style.ts";
import { checkProgress } from "../journey/lesson_progress.ts";
import { viewOf } from "../journey/progress_view.ts";

const USAGE = "deno task progress [--list]";

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    booleans: ["list"],
    aliases: { list: "l" },
    usage: USAGE,
  });
  if (args.booleans.has("help")) {
    console.log(
      `${USAGE}\n\nRuns the lesson tests and shows where you are; --list shows every lesson.`,
    );
    return 0;
  }
  const progress = await checkProgress();
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
