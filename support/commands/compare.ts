/**
 * `deno task compare [lesson] [--yes]`: your lesson next to its solution, as
 * a unified diff (lines starting with - are yours, + the solution's).
 *
 * For a lesson you have not passed yet it asks first (y/N); without a
 * terminal to ask on, it shows the solution only with `--yes`.
 *
 * @module
 */

import { styleText } from "node:util";
import { parseFlags } from "../cli/args.ts";
import { runMain, UserError } from "../cli/errors.ts";
import { MIB, readFileSafely } from "../cli/files.ts";
import { visible } from "../cli/style.ts";
import { lstatIfAny } from "../journey/kata_files.ts";
import { checkProgress, currentLesson } from "../journey/lesson_progress.ts";
import { git } from "../journey/stub.ts";
import { hasSolutions, noSolutions } from "../maps.ts";
import type { LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

/** The colour of each kind of line of a unified diff (others: none). */
const DIFF_COLOURS = [
  [/^(---|\+\+\+) /, "bold"],
  [/^@@/, "cyan"],
  [/^-/, "red"],
  [/^\+/, "green"],
] as const;

/**
 * The diff of the learner's lesson against its solution ("" when they are
 * the same), by `git diff --no-index` (git is already needed to reset a
 * lesson), each line made visible (the learner's file may hold escape
 * sequences).
 *
 * @throws {UserError} When git is missing or cannot compare them.
 */
async function compareWithSolution(entry: LessonEntry): Promise<string> {
  const { lessonFile: mine, solutionFile: theirs } = entry;
  // As text whatever the bytes, and without the user's own diff tools.
  const args =
    "diff --no-index --no-color --no-prefix --no-ext-diff --no-textconv --text --";
  const task = "compare your lesson with its solution";
  const diff = await git([...args.split(" "), mine, theirs], ROOT_DIR, task);
  // From the --- line on: the file labels say whose each side is.
  const start = diff.indexOf("\n--- ");
  if (start === -1) return "";
  return diff.slice(start + 1).split("\n").map((line) => visible(line))
    .join("\n")
    .replace(/^--- .*$/m, `--- ${mine} (yours)`)
    .replace(/^\+\+\+ .*$/m, `+++ ${theirs} (solution)`);
}

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    command: "compare",
    booleans: ["yes"],
    aliases: { yes: "y" },
    maxPositionals: 1,
  });
  if (!hasSolutions()) {
    throw new UserError(noSolutions(
      "there is no solution to compare with: deno task hint --all shows every hint",
    ));
  }
  const entry = await currentLesson(args.positionals[0], "compare");
  const { lesson: { id }, lessonFile } = entry;
  // Refused before asking anything: no lesson, or not a regular file of at
  // most 1 MB (git would diff a pipe or a huge file into this process).
  if (lstatIfAny(ROOT_DIR + lessonFile) === undefined) {
    throw new UserError(
      `There is no ${lessonFile} to compare with the solution: deno task reset ${id} puts its stub back`,
    );
  }
  readFileSafely(ROOT_DIR + lessonFile, MIB, "lesson");
  if (!args.booleans.has("yes")) {
    const { tracks } = await checkProgress([entry.testFile]);
    const passed = tracks.flatMap((t) => t.lessons)
      .some((l) => l.entry.lessonFile === lessonFile && l.state === "done");
    if (!passed && !Deno.stdin.isTerminal()) {
      throw new UserError(
        `You have not passed ${id} yet, so its solution stays hidden: rerun with --yes to see it anyway`,
      );
    }
    if (
      !passed &&
      !confirm(`You have not passed ${id} yet. Show its solution anyway?`)
    ) {
      console.log(`Not shown. A hint may be enough: deno task hint ${id}`);
      return 1;
    }
  }
  const diff = await compareWithSolution(entry);
  const colourOf = (line: string) =>
    DIFF_COLOURS.find(([pattern]) => pattern.test(line))?.[1] ?? "reset";
  console.log(
    diff === ""
      ? `Your ${lessonFile} is the same as the solution.`
      : diff.trimEnd().split("\n").map((l) => styleText(colourOf(l), l))
        .join("\n"),
  );
  return 0;
}

if (import.meta.main) await runMain(main);
