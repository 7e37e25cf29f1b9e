/**
 * Which lesson the learner means: `step1/04`, `04_softmax`, `4` (in the
 * current track), or a lesson, solution or test file.
 *
 * @module
 */

import { allLessons, type LessonEntry, TRACKS } from "../manifest.ts";
import { CliError } from "./cli.ts";

/** Whether `key` is a bare lesson number such as "4" or "04". */
export function isLessonNumber(key: string): boolean {
  return /^\d{1,3}$/.test(key);
}

/**
 * Finds the lesson `key` names.
 *
 * @param key An id (`step1/04`, also `step1/4`), a slug (`04_softmax`), a
 * number within `currentTrack` (`4`), or a path or file URL of the lesson,
 * its solution or its test.
 * @param currentTrack The track a bare number refers to.
 * @throws {CliError} When `key` names no lesson, or several.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { resolveLesson } from "./select.ts";
 *
 * assertEquals(resolveLesson("step1/4").lesson.id, "step1/04");
 * assertEquals(resolveLesson("lessons/step1/04_softmax.ts").lesson.id, "step1/04");
 * ```
 */
export function resolveLesson(
  key: string,
  currentTrack?: string,
): LessonEntry {
  const entries = allLessons();
  const matches = entries.filter((entry) => names(entry, key, currentTrack));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new CliError(
      `"${key}" names several lessons (${
        matches.map((m) => m.lesson.id).join(", ")
      }): use the lesson's id`,
      2,
    );
  }
  throw new CliError(
    `Unknown lesson "${key}": expected a lesson id (${validIds()}), a lesson file, or a lesson number in the current track`,
    2,
  );
}

/** The valid ids, compactly: "step1/01 to step1/11, step2/01 to step2/08". */
export function validIds(): string {
  return TRACKS.filter((track) => track.lessons.length > 0).map((track) => {
    const ids = track.lessons.map((lesson) => lesson.id);
    return ids.length === 1 ? ids[0] : `${ids[0]} to ${ids.at(-1)}`;
  }).join(", ");
}

function names(
  entry: LessonEntry,
  key: string,
  currentTrack: string | undefined,
): boolean {
  const { lesson, track } = entry;
  const number = lesson.slug.match(/^\d+/)?.[0];
  if (isLessonNumber(key)) {
    return track.dir === currentTrack && Number(number) === Number(key);
  }
  const id = key.match(/^([\w-]+)\/(\d{1,3})$/);
  if (id !== null) {
    return id[1] === track.dir && Number(id[2]) === Number(number);
  }
  if (key === lesson.slug || key === `${lesson.slug}.ts`) return true;
  if (key === `${track.dir}/${lesson.slug}`) return true;
  let path = key.replaceAll("\\", "/");
  if (path.startsWith("file:")) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
    } catch {
      return false;
    }
  }
  const files = [entry.lessonFile, entry.solutionFile, entry.testFile];
  return files.some((file) =>
    path === file || path === `./${file}` || path.endsWith(`/${file}`)
  );
}
