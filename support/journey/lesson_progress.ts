/**
 * The kata's one progress engine: where the learner is, read from the tests
 * themselves. `deno task progress`, `watch`, `hint`, `compare` and the
 * trainer's unfinished-lesson message all read it.
 *
 * It runs `deno test` on tests/ against the lessons (only the test files
 * whose code changed since they last ran: test_cache.ts), as the learner
 * would, and sorts every lesson into done, in progress,
 * not started, or waiting: a test that fails on another lesson's stub (06's
 * tests call 05's mlp()) waits on that lesson, as nothing there is the
 * learner's fault yet. The current lesson is the first unfinished one of the
 * track the learner edited last (stub.ts). A run that gets stuck in
 * an endless loop is stopped under a time limit (test_report.ts).
 *
 * @module
 */

import { stripVTControlCharacters } from "node:util";
import { secondsFromEnv } from "../cli/args.ts";
import { lessonKeyFromCaller } from "../cli/caller.ts";
import { UserError } from "../cli/errors.ts";
import { kindOf } from "../cli/files.ts";
import {
  allLessons,
  isLessonNumber,
  type LessonEntry,
  resolveLesson,
  type Track,
  TRACKS,
} from "../manifest.ts";
import { importMapFor, isOffline } from "../maps.ts";
import { ROOT_DIR } from "../root.ts";
import { editedLessons } from "./stub.ts";
import { cachedResults } from "./test_cache.ts";
import {
  runDeno,
  runTests,
  TEST_TIME_LIMIT,
  type TestOutcome,
} from "./test_report.ts";

/** One lesson's standing. */
export interface LessonProgress {
  entry: LessonEntry;
  /** How far it is. */
  state: "done" | "in progress" | "not started" | "waiting";
  /** Tests of the lesson that pass. */
  passed: number;
  /** Tests of the lesson that ran (ignored ones left out). */
  total: number;
  /** For "waiting": the unfinished lesson it waits on. */
  waitingOn?: LessonEntry;
  /** The first failing test (its name, its message), if any. */
  failure?: { test: string; message: string };
}

/** One track's standing. */
export interface TrackProgress {
  track: Track;
  lessons: LessonProgress[];
  /** Lessons done. */
  done: number;
  /** Tests passed and run, over all the track's lessons. */
  passed: number;
  total: number;
  /** Tests of the track's other test files (e.g. guide_fidelity_test.ts). */
  checks: TestOutcome[];
}

/** Everything the progress view shows. */
export interface Progress {
  tracks: TrackProgress[];
  /** The lesson to work on; undefined when every lesson is done. */
  current?: LessonProgress;
  /**
   * What stopped the tests from running (deno's own words, or the time
   * limit's); `tracks` is then empty, and `current` the lesson it names.
   */
  problem?: string;
}

/**
 * Runs the lesson tests (all of tests/, or only `paths`: test files or
 * folders) and works out the progress. `track` is the track to follow
 * (default: the one of the lesson edited last); `signal` stops the run.
 * When the tests cannot run (a type or syntax error, a loop that outlives
 * the time limit), deno's words, or the limit's, are the problem to show.
 */
export async function checkProgress(
  paths: string[] = ["tests/"],
  { track, signal }: { track?: Track; signal?: AbortSignal } = {},
): Promise<Progress> {
  // A bad KATA_TEST_TIME_LIMIT stops here.
  const timeLimit = secondsFromEnv("KATA_TEST_TIME_LIMIT", TEST_TIME_LIMIT);
  const odd = oddFileOfLessons();
  if (odd !== undefined) return stopped(odd);
  // Offline when the launcher says so, or when this very process had to use
  // the @std stand-ins (started without the launcher).
  const offline = isOffline() ||
    import.meta.resolve("@std/cli").includes("/support/std/");
  const importMap = importMapFor(offline, "lessons");
  const mapFlag = importMap ? ["--import-map", importMap] : [];
  const files = testFilesIn(paths);
  const [cache, anchor] = await Promise.all([
    cachedResults(files, importMap, { signal }),
    // No lesson edited yet: the first track (git missing: see summarize).
    track ??
      editedLessons().then((edited) =>
        edited && (edited[0]?.track ?? TRACKS[0])
      ),
  ]);
  const { stale } = cache;
  if (stale.length > 0) {
    // Read only (test_cache.ts), and unchecked (a type check prints nothing
    // while the time limit runs), beside a deno check of the same files: a
    // type error is then shown as deno test would show it.
    const args = [...mapFlag, "-R", "--no-check", ...stale];
    const [run, check] = await Promise.all([
      runTests(args, { timeLimit, files: stale, signal }),
      runDeno(["check", ...mapFlag, ...stale], { signal }),
    ]);
    if (check.code !== 0) return stopped(deno(check.output));
    if (run.stuck) return stopped(run.stuck);
    if (run.outcomes.length === 0) return stopped(deno(run.output));
    cache.store(run);
  }
  return summarize(files.flatMap((file) => cache.results.get(file)!), anchor);
}

/**
 * deno's own words, without its "Check file:///…" lines (progress, not
 * errors) and the colours it gives some lines even under NO_COLOR.
 */
function deno(output: string): string {
  return stripVTControlCharacters(output).replace(/^Check .*\n/gm, "").trim();
}

/**
 * Progress when the tests could not run: `problem` says why (deno's own
 * words, or a sentence), and the lesson whose file it names first (a lesson
 * file before a test file) is the current lesson.
 */
function stopped(problem: string): Progress {
  const found = allLessons().find((e) => problem.includes(e.lessonFile)) ??
    allLessons().find((e) => problem.includes(e.testFile));
  const current = found &&
    { entry: found, state: "in progress" as const, passed: 0, total: 0 };
  return { tracks: [], current, problem };
}

/**
 * The problem when a lesson or test file is there but is not a regular file
 * (a folder, a pipe: loading it would wait for ever), saying what to do;
 * undefined when every one is a file or missing.
 */
function oddFileOfLessons(): string | undefined {
  for (const entry of allLessons()) {
    for (const file of [entry.lessonFile, entry.testFile]) {
      let kind: string | undefined;
      try {
        kind = kindOf(Deno.statSync(ROOT_DIR + file));
      } catch {
        continue; // Missing: deno test says so.
      }
      if (kind === undefined) continue;
      return file === entry.lessonFile
        ? `${file} is ${kind}, expected the lesson's file: move it away, then deno task reset ${entry.lesson.id} puts the stub back`
        : `${file} is ${kind}, expected the lesson's test file`;
    }
  }
}

/** The test files in `paths` (files, or folders searched as deno test does), sorted. */
export function testFilesIn(paths: readonly string[]): string[] {
  const walk = (path: string): string[] => {
    const at = path.replace(/^\.\//, "").replace(/\/$/, "");
    try {
      return [...Deno.readDirSync(ROOT_DIR + at)].flatMap((entry) =>
        entry.isDirectory
          ? walk(`${at}/${entry.name}`)
          : /^(.*[._])?test\.(ts|tsx|mts|js|mjs|jsx)$/.test(entry.name)
          ? [`${at}/${entry.name}`]
          : []
      );
    } catch {
      return [at]; // A file (or missing: deno test will say so).
    }
  };
  return [...new Set(paths.flatMap(walk))].sort();
}

/**
 * Sorts outcomes into lessons (by test file) and tracks. The current lesson
 * is the first unfinished one of the track to work on: `anchor` (the track
 * the learner last edited or chose) if it is unfinished, else the next
 * unfinished track after it, so finishing Step 1 leads on to Step 2, and
 * after the last, the first. Without an anchor (a copy without git cannot
 * tell which lesson was edited): the first track begun but not finished,
 * else the first one not finished.
 */
export function summarize(outcomes: TestOutcome[], anchor?: Track): Progress {
  const tracks = TRACKS.map((track) => {
    const lessons = allLessons().filter((e) => e.track === track).map((e) =>
      lessonProgress(e, outcomes.filter((o) => o.file === e.testFile))
    );
    return {
      track,
      lessons,
      done: lessons.filter((l) => l.state === "done").length,
      passed: lessons.reduce((n, l) => n + l.passed, 0),
      total: lessons.reduce((n, l) => n + l.total, 0),
      checks: outcomes.filter((o) =>
        o.file.startsWith(`tests/${track.dir}/`) &&
        !lessons.some((l) => l.entry.testFile === o.file)
      ),
    };
  });
  const unfinished = tracks.filter((t) => t.done < t.lessons.length);
  const begun = (l: LessonProgress) =>
    l.state === "done" || (l.state === "in progress" && l.total > 0);
  const track = anchor !== undefined
    ? unfinished.find((t) => t.track.step >= anchor.step)
    : unfinished.find((t) => t.lessons.some(begun));
  const current = (track ?? unfinished[0])?.lessons
    .find((l) => l.state !== "done");
  return { tracks, current };
}

/** Classifies one lesson from its tests' outcomes. */
export function lessonProgress(
  entry: LessonEntry,
  outcomes: TestOutcome[],
): LessonProgress {
  const ran = outcomes.filter((o) => o.status !== "ignored");
  const failed = ran.filter((o) => o.status === "failed");
  const passed = ran.length - failed.length;
  const base = { entry, passed, total: ran.length };
  if (ran.length === 0) {
    const message = "none of its tests ran (is the file there?)";
    const failure = { test: entry.testFile, message };
    return { ...base, state: "in progress", failure };
  }
  if (failed.length === 0) return { ...base, state: "done" };
  // The earliest other lesson whose stub a failing test ran into.
  const waitingOn = allLessons().find((e) =>
    e.lesson.id !== entry.lesson.id &&
    failed.some((o) => o.stub === e.lesson.id)
  );
  const untouched = passed === 0 && failed.every((o) => o.stub !== undefined);
  const state = waitingOn
    ? "waiting"
    : untouched
    ? "not started"
    : "in progress";
  // A failure of the lesson's own, before one on a stub: its first line,
  // the stub's cut short (the view names the file and the hint command).
  const own = failed.find((o) => o.stub === undefined) ?? failed[0];
  const message = (own.message ?? "failed").split("\n")[0]
    .replace(/^Uncaught (\(in promise\) )?/, "")
    .replace(/^(NotImplementedError: \S+ is not implemented yet): .*$/, "$1");
  return { ...base, state, waitingOn, failure: { test: own.name, message } };
}

/**
 * The lesson `key` names (as typed: a path is relative to the user's
 * folder), or the current lesson when `key` is undefined; a bare number
 * ("4") is a lesson of the current track. `command` is for messages
 * ("deno task hint step1/04").
 *
 * @throws {UserError} When `key` names no lesson, or when there is no current
 * lesson (every lesson passes, or the tests could not run).
 */
export async function currentLesson(
  key: string | undefined,
  command: string,
): Promise<LessonEntry> {
  if (key !== undefined && !isLessonNumber(key)) {
    return resolveLesson(lessonKeyFromCaller(key));
  }
  const { current, problem } = await checkProgress();
  const example = `deno task ${command} step1/04`;
  if (current === undefined) {
    const why = problem?.split("\n")[0];
    throw new UserError(
      why !== undefined
        ? `Cannot tell which lesson you are on, as the tests did not run (${why}): name the lesson, e.g. ${example}`
        : `Every lesson passes, so there is no current lesson: name one, e.g. ${example}`,
    );
  }
  if (key === undefined) return current.entry;
  return resolveLesson(key, current.entry.track.dir);
}
