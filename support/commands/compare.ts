/**
 * `deno task compare [lesson] [--yes]`: your lesson next to its solution, as
 * a unified diff (lines starting with - are yours, + the solution's).
 *
 * For a lesson you have not passed yet it asks first (y/N); without a
 * terminal to ask on, it shows the solution only with `--yes`.
 *
 * @module
 */

import { parseFlags } from "../cli/args.ts";
import { reasonOf, runMain, UserError } from "../cli/errors.ts";
import {
  confirmOrRefuse,
  paint,
  stdoutStyle,
  type Style,
} from "../cli/style.ts";
import {
  checkProgress,
  currentLesson,
  type Progress,
} from "../journey/lesson_progress.ts";
import { hasSolutions, noSolutions } from "../journey/solutions.ts";
import { isLessonNumber, type LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

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

/**
 * The diff of the learner's lesson against its solution ("" when equal), by
 * `git diff --no-index` (git is already needed to reset a lesson).
 *
 * @throws {UserError} When git is missing or cannot read the files.
 */
export async function compareWithSolution(entry: LessonEntry): Promise<string> {
  const { lessonFile, solutionFile } = entry;
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("git", {
      args: [
        "diff",
        "--no-index",
        "--no-color",
        "--no-prefix",
        "--",
        lessonFile,
        solutionFile,
      ],
      cwd: ROOT_DIR,
      stdin: "null",
    }).output();
  } catch (error) {
    throw new UserError(
      `Cannot compare with git (${reasonOf(error)}): is git installed?`,
    );
  }
  const text = new TextDecoder();
  // Exit code 1 means "they differ"; anything else, that git could not compare.
  if (output.code > 1) {
    throw new UserError(
      `Cannot compare ${lessonFile} with ${solutionFile}: ${
        text.decode(output.stderr).trim()
      }`,
    );
  }
  const diff = text.decode(output.stdout);
  // From the --- line on: the file labels say whose each side is.
  const start = diff.indexOf("\n--- ");
  return start === -1 ? "" : diff.slice(start + 1)
    .replace(/^--- .*$/m, `--- ${lessonFile} (yours)`)
    .replace(/^\+\+\+ .*$/m, `+++ ${solutionFile} (solution)`);
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
  const args = parseFlags(Deno.args, {
    booleans: ["yes"],
    aliases: { yes: "y" },
    maxPositionals: 1,
    usage: USAGE,
  });
  if (args.booleans.has("help")) {
    console.log(
      `${USAGE}\n\nShows how your lesson differs from its solution; asks first if you have not passed it.`,
    );
    return 0;
  }
  if (!hasSolutions()) {
    throw new UserError(
      noSolutions(
        "there is no solution to compare with: deno task hint --all shows every hint",
      ),
    );
  }
  const key = args.positionals[0];
  // Without a lesson (or with a bare number) the tests say which one is
  // current; that run also says whether it passes.
  const progress = key === undefined || isLessonNumber(key)
    ? await checkProgress()
    : undefined;
  const entry = await currentLesson(key, "compare", progress);
  const { id } = entry.lesson;
  if (!args.booleans.has("yes") && !(await isPassed(entry, progress))) {
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
  const diff = await compareWithSolution(entry);
  if (diff === "") {
    console.log(`Your ${entry.lessonFile} is the same as the solution.`);
    return 0;
  }
  console.log(paintDiff(diff, stdoutStyle()).trimEnd());
  return 0;
}

if (import.meta.main) await runMain(main);
