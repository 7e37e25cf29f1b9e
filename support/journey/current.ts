/**
 * The lesson a command works on: the one named on the command line, or the
 * current one (the first unfinished lesson, found by running the tests).
 *
 * @module
 */

import type { LessonEntry } from "../manifest.ts";
import { CliError } from "./cli.ts";
import { isLessonNumber, resolveLesson } from "./select.ts";
import { checkProgress, type Progress } from "./status.ts";

/**
 * The lesson `key` names, or the current lesson when `key` is undefined. A
 * bare number ("4") is a lesson of the current track. `command` is used in
 * messages ("deno task hint step1/04").
 *
 * @throws {CliError} When `key` names no lesson, or when there is no current
 * lesson (every lesson passes, or the tests could not run).
 */
export async function currentLesson(
  key: string | undefined,
  command: string,
  progress?: Progress,
): Promise<LessonEntry> {
  if (key !== undefined && !isLessonNumber(key)) return resolveLesson(key);
  const found = progress ?? await checkProgress();
  const example = `deno task ${command} step1/04`;
  if (found.current === undefined) {
    throw new CliError(
      found.problems.length > 0
        ? `Cannot tell which lesson you are on, the tests did not run (${
          found.problems[0]
        }): name the lesson, e.g. ${example}`
        : `Every lesson passes, so there is no current lesson: name one, e.g. ${example}`,
    );
  }
  if (key === undefined) return found.current.entry;
  return resolveLesson(key, found.current.entry.track.dir);
}
