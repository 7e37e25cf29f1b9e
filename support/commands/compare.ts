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
import {
  escapeInvisible,
  reasonOf,
  runMain,
  UserError,
} from "../cli/errors.ts";
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
import { readRegularFile } from "../journey/kata_files.ts";
import { hasSolutions, noSolutions } from "../maps.ts";
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
 * `git diff --no-index` (git is already needed to reset a lesson). Whether
 * they are equal is decided here, from the texts: git's exit code also says
 * "differ" when it could not read a file, and it skips files it takes for
 * binary.
 *
 * @throws {UserError} When a file is missing, a folder or not UTF-8 text,
 * or when git is missing or fails.
 */
export async function compareWithSolution(entry: LessonEntry): Promise<string> {
  const { lessonFile, solutionFile } = entry;
  const mine = readText(lessonFile, entry);
  const solution = readText(solutionFile, entry);
  if (mine === solution) return "";
  const output = await gitDiff(lessonFile, solutionFile);
  const text = new TextDecoder();
  const diff = text.decode(output.stdout);
  // From the --- line on: the file labels say whose each side is.
  const start = diff.indexOf("\n--- ");
  // Exit code 1 means "they differ"; anything else, that git could not compare.
  if (output.code !== 1 || start === -1) {
    const said = text.decode(output.stderr).trim().split("\n")[0] ||
      `git diff exited with code ${output.code} and no diff`;
    throw new UserError(
      `Cannot compare ${lessonFile} with ${solutionFile}: ${said}`,
    );
  }
  return diff.slice(start + 1).split("\n").map(escapeLine).join("\n")
    .replace(/^--- .*$/m, `--- ${lessonFile} (yours)`)
    .replace(/^\+\+\+ .*$/m, `+++ ${solutionFile} (solution)`);
}

/**
 * The file's text.
 *
 * @throws {UserError} When it is missing, a folder, or not UTF-8 text: one
 * sentence saying which, and for a missing lesson how to get its stub back.
 */
function readText(file: string, entry: LessonEntry): string {
  const isLesson = file === entry.lessonFile;
  const other = isLesson ? "solution" : "lesson";
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(ROOT_DIR + file);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && isLesson) {
      throw new UserError(
        `There is no ${file} to compare with the solution: deno task reset ${entry.lesson.id} puts its stub back`,
      );
    }
    throw new UserError(
      `Cannot compare ${file} with its ${other}: expected a text file to read, but ${
        reasonOf(error)
      }`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(
      `Cannot compare ${file} with its ${other}: expected UTF-8 text, but its ${bytes.length} bytes are not (is it the right file?)`,
    );
  }
}

/** `git diff` of two files, as text whatever their bytes, and without the user's external diff tools. */
async function gitDiff(
  lessonFile: string,
  solutionFile: string,
): Promise<Deno.CommandOutput> {
  try {
    return await new Deno.Command("git", {
      args: [
        "diff",
        "--no-index",
        "--no-color",
        "--no-prefix",
        "--no-ext-diff",
        "--no-textconv",
        "--text",
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
}

/**
 * A diff line made safe for the terminal: control characters of the
 * learner's file (an escape sequence could recolour or retitle the
 * terminal) escaped as `\uXXXX`, as every message of the kata does. Tabs
 * stay: they are indentation.
 */
export function escapeLine(line: string): string {
  return line.split("\t").map((part) => escapeInvisible(part)).join("\t");
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
  // A missing or unreadable lesson is refused before asking anything.
  readText(entry.lessonFile, entry);
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
