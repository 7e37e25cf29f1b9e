/**
 * `deno task compare [lesson] [--yes]`: your lesson next to its solution, as
 * a unified diff (lines starting with - are yours, + the solution's).
 *
 * For a lesson you have not passed yet it asks first (y/N); without a
 * terminal to ask on, it shows the solution only with `--yes`.
 *
 * @module
 */

import type { LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../mode.ts";
import {
  CliError,
  confirmOrRefuse,
  paint,
  parseCommandArgs,
  runMain,
  stdoutStyle,
  type Style,
} from "./cli.ts";
import { currentLesson } from "./current.ts";
import { unifiedDiff } from "./diff.ts";
import { isLessonNumber } from "./select.ts";
import { checkProgress, type Progress } from "./status.ts";

const USAGE = "deno task compare [lesson] [--yes]";

/** Colours a unified diff: removals red, additions green, hunks cyan. */
export function paintDiff(diff: string, style: Style): string {
  return diff.split("\n").map((line) => {
    if (line.startsWith("---") || line.startsWith("+++")) {
      return paint(style, "bold", line);
    }
    if (line.startsWith("@@")) return paint(style, "cyan", line);
    if (line.startsWith("-")) return paint(style, "red", line);
    if (line.startsWith("+")) return paint(style, "green", line);
    return line;
  }).join("\n");
}

/** The diff of the learner's lesson against its solution ("" when equal). */
export function compareWithSolution(entry: LessonEntry): string {
  let mine = "";
  try {
    mine = Deno.readTextFileSync(ROOT_DIR + entry.lessonFile);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      throw new CliError(`Cannot read ${entry.lessonFile}: ${reason(error)}`);
    }
  }
  let solution: string;
  try {
    solution = Deno.readTextFileSync(ROOT_DIR + entry.solutionFile);
  } catch (error) {
    throw new CliError(`Cannot read ${entry.solutionFile}: ${reason(error)}`);
  }
  return unifiedDiff(
    mine,
    solution,
    `${entry.lessonFile} (yours)`,
    `${entry.solutionFile} (solution)`,
  );
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether the lesson's tests all pass (runs only its test file). */
async function isPassed(
  entry: LessonEntry,
  progress?: Progress,
): Promise<boolean> {
  const found = progress ?? await checkProgress([entry.testFile]);
  const lessons = found.tracks.flatMap((t) => t.lessons);
  return lessons.find((l) => l.entry.lesson.id === entry.lesson.id)?.state ===
    "done";
}

async function main(): Promise<number> {
  const args = parseCommandArgs(Deno.args, {
    flags: { yes: ["--yes", "-y"], help: ["--help", "-h"] },
    maxPositionals: 1,
    usage: USAGE,
  });
  if (args.flags.has("help")) {
    console.log(
      `${USAGE}\n\nShows how your lesson differs from its solution; asks first if you have not passed it.`,
    );
    return 0;
  }
  const key = args.positionals[0];
  // Without a lesson (or with a bare number) the tests say which one is
  // current; that run also says whether it passes.
  const progress = key === undefined || isLessonNumber(key)
    ? await checkProgress()
    : undefined;
  const entry = await currentLesson(key, "compare", progress);
  const { id } = entry.lesson;
  if (!args.flags.has("yes") && !(await isPassed(entry, progress))) {
    const refusal =
      `You have not passed ${id} yet, so its solution stays hidden: rerun with --yes to see it anyway`;
    if (
      !confirmOrRefuse(
        `You have not passed ${id} yet. Show its solution anyway?`,
        refusal,
      )
    ) {
      console.log("Not shown. A hint may be enough: deno task hint " + id);
      return 1;
    }
  }
  const diff = compareWithSolution(entry);
  if (diff === "") {
    console.log(`Your ${entry.lessonFile} is the same as the solution.`);
    return 0;
  }
  console.log(paintDiff(diff, stdoutStyle()).trimEnd());
  return 0;
}

if (import.meta.main) await runMain(main);
