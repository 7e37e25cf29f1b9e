/**
 * What the trainer says when a lesson it needs is still a stub: how many of
 * the step's lessons pass their tests, which one is next, and how to watch
 * the finished trainer with `--solutions`.
 *
 * The count comes from the lesson tests themselves (run in a child
 * `deno test`), so it can never disagree with them. That needs permission to
 * run deno; without it the message points to `deno task progress`.
 *
 * @module
 */

import { type Lesson, type Track, TRACKS } from "../manifest.ts";
import { importMapFor, isOffline } from "../mode.ts";
import { runTests, type TestOutcome } from "../test_report.ts";

/** How far the learner is in a step's lessons. */
export interface LessonProgress {
  /** Lessons whose tests all pass. */
  done: number;
  /** Lessons in the step. */
  total: number;
  /** The first lesson, in order, with a test that does not pass. */
  next?: Lesson;
}

/**
 * Counts the lessons whose tests all pass, and finds the first one that does
 * not. A lesson with no test outcome at all counts as not done.
 *
 * @param track The step's track in the manifest.
 * @param outcomes The outcomes of its tests.
 * @returns The progress.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TRACKS } from "../manifest.ts";
 * import { lessonProgress } from "./unfinished.ts";
 *
 * const track = TRACKS.find((t) => t.step === 1)!;
 * const file = "tests/step1/01_tokenizer_test.ts";
 * const progress = lessonProgress(track, [
 *   { name: "step1/01 a", file, status: "passed", notImplemented: false },
 * ]);
 * assertEquals(progress.done, 1);
 * assertEquals(progress.next?.id, "step1/02");
 * ```
 */
export function lessonProgress(
  track: Track,
  outcomes: readonly TestOutcome[],
): LessonProgress {
  let done = 0;
  let next: Lesson | undefined;
  for (const lesson of track.lessons) {
    const file = `tests/${track.dir}/${lesson.slug}_test.ts`;
    const mine = outcomes.filter((outcome) => outcome.file === file);
    const passes = mine.length > 0 &&
      mine.every((outcome) => outcome.status !== "failed");
    if (passes) done++;
    else next ??= lesson;
  }
  return { done, total: track.lessons.length, next };
}

/**
 * Runs the step's lesson tests against the learner's lessons, when allowed
 * to start deno.
 *
 * @param track The step's track.
 * @returns The progress, or undefined without permission to run deno.
 */
export async function measureProgress(
  track: Track,
): Promise<LessonProgress | undefined> {
  const permission = await Deno.permissions.query({
    name: "run",
    command: Deno.execPath(),
  });
  if (permission.state !== "granted") return undefined;
  // Offline when the launcher says so, or when this very process had to use
  // the @std stand-ins (started without the launcher).
  const offline = isOffline() ||
    import.meta.resolve("@std/cli").includes("/support/std/");
  const run = await runTests([`tests/${track.dir}/`], {
    importMap: importMapFor(offline, "lessons"),
  });
  if (run.outcomes.length === 0) return undefined;
  return lessonProgress(track, run.outcomes);
}

/**
 * The message for an unfinished lesson, line by line.
 *
 * @param step The guide step being trained.
 * @param reason The NotImplementedError's message (names the function and file).
 * @param progress The learner's progress, if it could be measured.
 * @param task The command that stopped: `deno task train` or `sample`.
 * @param track The track whose progress is reported: the step's own, or an
 * earlier one whose lesson is missing.
 * @returns The lines, for stderr.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { unfinishedMessage } from "./unfinished.ts";
 *
 * const lines = unfinishedMessage(1, "softmax() is not implemented yet", undefined);
 * assertEquals(lines[2], "To watch the finished trainer now: deno task train --solutions");
 * ```
 */
export function unfinishedMessage(
  step: number,
  reason: string,
  progress: LessonProgress | undefined,
  task: "train" | "sample" = "train",
  track: Track | undefined = findTrack(step),
): string[] {
  const title = track === undefined
    ? `Step ${step}`
    : track.step === step
    ? `Step ${step} (${track.title})`
    : `Step ${step} builds on Step ${track.step} (${track.title})`;
  let status: string;
  if (progress === undefined) {
    status =
      "run deno task progress to see which lessons pass their tests and which one is next";
  } else {
    const next = progress.next;
    status = `${progress.done} of ${progress.total} lessons pass their tests` +
      (next === undefined
        ? "."
        : `; next: ${next.id} "${next.title}" (lessons/${track?.dir}/${next.slug}.ts)`);
  }
  const finished = task === "train"
    ? `To watch the finished trainer now: deno task train --solutions${
      step === 1 ? "" : ` --step ${step}`
    }`
    : "To sample with the finished code now: deno task sample --solutions";
  return [
    `The ${task === "train" ? "trainer" : "sampler"} stopped: ${reason}`,
    `${title}: ${status}`,
    finished,
  ];
}

/** The manifest's track for a guide step, if there is one. */
export function findTrack(step: number): Track | undefined {
  return TRACKS.find((track) => track.step === step);
}

/**
 * The track of the lesson a NotImplementedError names (it says "open
 * lessons/stepN/..."), or else the track of the step being run: Step 2 uses
 * Step 1's lessons, so an unfinished Step 1 lesson can stop it.
 *
 * @param step The guide step being run.
 * @param reason The NotImplementedError's message.
 * @returns The track to report progress for.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { blockingTrack } from "./unfinished.ts";
 *
 * const reason = "encode() is not implemented yet: open lessons/step1/01_tokenizer.ts";
 * assertEquals(blockingTrack(2, reason)?.step, 1);
 * ```
 */
export function blockingTrack(step: number, reason: string): Track | undefined {
  const dir = /\blessons\/([^/]+)\//.exec(reason)?.[1];
  return TRACKS.find((track) => track.dir === dir) ?? findTrack(step);
}
