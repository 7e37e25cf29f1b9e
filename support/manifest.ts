/**
 * The kata's manifest: the one list of tracks and lessons, in order, with
 * their files, guide pages and hints.
 *
 * Every tool reads it: the stubs' "not implemented" messages, the self-check,
 * the progress view, hints and the trainer. A test (support/manifest_test.ts)
 * proves that every entry has its lesson, solution and test file, and that no
 * lesson file is left out.
 *
 * @module
 */

import { UserError } from "./cli/errors.ts";
import MANIFEST from "./manifest.json" with { type: "json" };

/** One lesson: a file in `lessons/` that the learner fills in. */
export interface Lesson {
  /** Short id used in test names and commands, e.g. `"step1/04"`. */
  id: string;
  /** File name without `.ts`, the same in lessons/, solutions/ and tests/. */
  slug: string;
  /** What the lesson builds, in a few words. */
  title: string;
  /** The guide page(s) it follows, e.g. `"1.3 Linear & softmax"`. */
  guide: string;
  /** Graded hints: the first is a nudge, the last nearly the answer. */
  hints: string[];
}

/** One track: a step of the guide, taught as a folder of lessons. */
export interface Track {
  /** The guide's step number. */
  step: number;
  /** Folder name under lessons/, solutions/ and tests/. */
  dir: string;
  title: string;
  lessons: Lesson[];
}

/** The manifest file's shape: tracks in order, each lesson by its slug. */
interface ManifestFile {
  tracks: {
    step: number;
    title: string;
    lessons: Omit<Lesson, "id">[];
  }[];
}

/**
 * All tracks, in the order a learner takes them, read from `manifest.json`
 * (data, as rustlings keeps its exercises in one file): a track's folder is
 * `step<N>`, a lesson's id is that folder and the slug's two digits.
 */
export const TRACKS: Track[] = (MANIFEST as ManifestFile).tracks.map(
  (track) => {
    const dir = `step${track.step}`;
    return {
      ...track,
      dir,
      lessons: track.lessons.map((lesson) => ({
        id: `${dir}/${lesson.slug.slice(0, 2)}`,
        ...lesson,
      })),
    };
  },
);

/** A lesson together with the track it belongs to and its three files. */
export interface LessonEntry {
  track: Track;
  lesson: Lesson;
  /** Path from the project root, e.g. `"lessons/step1/04_softmax.ts"`. */
  lessonFile: string;
  solutionFile: string;
  testFile: string;
}

/** Every lesson of every track, in order, with its files. */
export function allLessons(): LessonEntry[] {
  return TRACKS.flatMap((track) =>
    track.lessons.map((lesson) => ({
      track,
      lesson,
      lessonFile: `lessons/${track.dir}/${lesson.slug}.ts`,
      solutionFile: `solutions/${track.dir}/${lesson.slug}.ts`,
      testFile: `tests/${track.dir}/${lesson.slug}_test.ts`,
    }))
  );
}

/**
 * Whether `key` is a bare lesson number such as "4" or "04": one or two
 * digits and nothing else (no sign, point, exponent, space or "0x"; lesson
 * numbers have two digits at most).
 */
export function isLessonNumber(key: string): boolean {
  return /^\d{1,2}$/.test(key);
}

/**
 * Finds the lesson `key` names: the one lesson resolver of the kata (the
 * commands, and todo() for its message, use it).
 *
 * @param key An id (`step1/04`, also `step1/4`), a slug (`04_softmax`), a
 * number within `currentTrack` (`4`), or a path or file URL of the lesson,
 * its solution or its test.
 * @param currentTrack The track a bare number refers to.
 * @throws {UserError} When `key` names no lesson, or several.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { resolveLesson } from "./manifest.ts";
 *
 * assertEquals(resolveLesson("step1/4").lesson.id, "step1/04");
 * assertEquals(resolveLesson("lessons/step1/04_softmax.ts").lesson.id, "step1/04");
 * ```
 */
export function resolveLesson(key: string, currentTrack?: string): LessonEntry {
  const entries = allLessons();
  const matches = entries.filter((entry) => names(entry, key, currentTrack));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UserError(
      `"${key}" names several lessons (${
        matches.map((m) => m.lesson.id).join(", ")
      }): use the lesson's id`,
      2,
    );
  }
  throw new UserError(
    `Unknown lesson "${key}": expected a lesson id (${validIds()}), a lesson file, or a lesson number in the current track`,
    2,
  );
}

/** The valid ids, compactly: "step1/01 to step1/11, step2/01 to step2/07". */
export function validIds(): string {
  return TRACKS.map((track) => {
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
  const id = key.match(/^([\w-]+)\/(\d{1,2})$/);
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
