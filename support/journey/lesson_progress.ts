/**
 * The kata's one progress engine: where the learner is, read from the tests
 * themselves. Runs `deno test` on tests/ against the lessons (only the test
 * files whose code changed since they last ran: test_cache.ts) and sorts
 * every lesson into done, in progress, not started, or waiting on an earlier
 * lesson; `deno task progress`, `watch`, `hint`, `compare` and the trainer's
 * unfinished-lesson message all read it. The current lesson is the first
 * unfinished one of the track the learner edited last (last_edited.ts).
 *
 * A lesson's tests can fail with a NotImplementedError thrown by another,
 * earlier lesson they import (06's tests call 05's mlp()). Those lessons are
 * "waiting" rather than failing: nothing there is the learner's fault yet.
 * A test that never ends (an endless loop) is stopped and named under a
 * time limit (stuck_tests.ts).
 *
 * @module
 */

import { lessonKeyFromCaller } from "../cli/caller.ts";
import { UserError } from "../cli/errors.ts";
import { kindOf } from "../cli/files.ts";
import { stripAnsi } from "../cli/style.ts";
import {
  allLessons,
  isLessonNumber,
  type LessonEntry,
  resolveLesson,
  type Track,
  TRACKS,
} from "../manifest.ts";
import { importMapFor, isOffline } from "../maps.ts";
import { projectPath, ROOT_DIR } from "../root.ts";
import { runDeno, type TestOutcome, type TestRun } from "../test_report.ts";
import { editedLessons } from "./last_edited.ts";
import {
  NOT_RUN,
  rememberStuck,
  runWithTimeLimit,
  type Stuck,
  stuckBefore,
  testTimeLimit,
} from "./stuck_tests.ts";
import {
  type FileResult,
  type GraphEntry,
  graphOf,
  TestCache,
  type TypeCheckError,
} from "./test_cache.ts";

/** How far a lesson is. */
export type LessonState = "done" | "in progress" | "not started" | "waiting";

/** A failing test, for the view: its name and the first line of its error. */
export interface Failure {
  test: string;
  message: string;
}

/** One lesson's standing. */
export interface LessonProgress {
  entry: LessonEntry;
  state: LessonState;
  /** Tests of the lesson that pass. */
  passed: number;
  /** Tests of the lesson that ran (ignored ones left out). */
  total: number;
  /** For "waiting": the unfinished lesson whose stub the tests ran into. */
  waitingOn?: LessonEntry;
  /** The first failing test, if any. */
  failure?: Failure;
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
  /** The track the learner is working on; undefined when all are done. */
  currentTrack?: TrackProgress;
  /** Its first unfinished lesson. */
  current?: LessonProgress;
  /** Errors that stopped tests from running, e.g. a syntax error. */
  problems: string[];
}

/** How to check progress. */
export interface CheckOptions {
  /**
   * The track to follow (its step number): the current lesson is its first
   * unfinished one. Default: the track of the lesson the learner edited
   * last (see {@linkcode editedLessons}).
   */
  step?: number;
  /** Stops the test run early (watch, when the learner saves again). */
  signal?: AbortSignal;
}

/**
 * Runs the lesson tests (all of tests/, or only `paths`: test files or
 * folders) and works out the progress.
 *
 * Only test files whose code can have changed run: the others' results come
 * from .kata/ (see test_cache.ts for why a stored result is never stale).
 * The tests run unchecked, beside a `deno check` of the same files: one type
 * error would otherwise stop every test, and the two together take less
 * time. A lesson with a type error is never done, as `deno test` would fail.
 */
export async function checkProgress(
  paths: string[] = ["tests/"],
  options: CheckOptions = {},
): Promise<Progress> {
  // Offline when the launcher says so, or when this very process had to use
  // the @std stand-ins (started without the launcher).
  const offline = isOffline() ||
    import.meta.resolve("@std/cli").includes("/support/std/");
  const setup = {
    importMap: importMapFor(offline, "lessons"),
    flags: ["-R", "--no-check"],
  };
  const odd = oddLessonFile();
  if (odd !== undefined) return odd;
  const files = testFilesIn(paths);
  // deno info and deno check read the modules without running them: only a
  // file that never ends (a pipe) could hold them up, and lesson files are
  // checked above. A backstop all the same, generous (a type check of every
  // test may be slow), since a check stopped early misses type errors.
  const limit = AbortSignal.timeout(testTimeLimit() * 5 * 1000);
  const bounded = options.signal === undefined
    ? limit
    : AbortSignal.any([options.signal, limit]);
  const [graph, anchor] = await Promise.all([
    graphOf(files, setup, ROOT_DIR, bounded),
    options.step !== undefined
      ? TRACKS.find((t) => t.step === options.step)
      : editedLessons().then((edited) => edited?.[0]?.track),
  ]);
  const cache = TestCache.load();
  const known = new Map<string, FileResult>();
  const stuck: Stuck[] = [];
  for (const file of files) {
    const key = graph.get(file)?.key;
    const cached = cache.get(file, key);
    const remembered = cached === undefined
      ? stuckBefore(file, key)
      : undefined;
    const found = cached ?? remembered?.result;
    if (found !== undefined) known.set(file, found);
    if (remembered?.stuck !== undefined) stuck.push(remembered.stuck);
  }
  const stale = files.filter((file) => !known.has(file));
  if (stale.length > 0) {
    const [fresh, typeErrors] = await Promise.all([
      runWithTimeLimit(stale, setup, graph, options.signal),
      typeCheck(stale, setup.importMap, bounded),
    ]);
    options.signal?.throwIfAborted();
    stuck.push(...fresh.stuck);
    const outcomes = [...fresh.outcomes, ...loadErrors(fresh.output)];
    if (outcomes.length === 0) return notRun(fresh.output);
    const results = splitByFile(stale, outcomes, typeErrors, graph);
    for (const [file, result] of results) {
      known.set(file, result);
      const key = graph.get(file)?.key;
      if (key === undefined) continue;
      if (fresh.finished.has(file)) cache.set(file, key, result);
      if (fresh.leftOut.has(file)) {
        rememberStuck(file, {
          key,
          result,
          stuck: fresh.stuck.find((s) => s.file === file),
        });
      }
    }
    if (fresh.finished.size > 0) cache.save();
  }
  const all = files.map((file) => known.get(file)!);
  const progress = summarize(
    { outcomes: all.flatMap((r) => r.outcomes), code: 0, output: "" },
    uniqueErrors(all.flatMap((r) => r.typeErrors)),
    anchor,
  );
  return stuck.length === 0 ? progress : withStuck(progress, stuck);
}

/**
 * The progress with the stuck files' sentences as its first problems, the
 * first stuck lesson as the current one (it is the lesson to fix, whatever
 * the track), and the lessons left out waiting on it.
 */
function withStuck(progress: Progress, stuck: Stuck[]): Progress {
  const byTest = (file: string) =>
    progress.tracks.flatMap((t) => t.lessons)
      .find((l) => l.entry.testFile === file);
  const first = stuck.map((s) => byTest(s.file)).find((l) => l !== undefined);
  for (const track of progress.tracks) {
    track.lessons = track.lessons.map((lesson) =>
      lesson.failure?.test === NOT_RUN && first !== undefined
        ? { ...lesson, state: "waiting", waitingOn: first.entry }
        : lesson
    );
  }
  return {
    ...progress,
    current: first ?? progress.current,
    problems: [...stuck.map((s) => s.problem), ...progress.problems],
  };
}

/**
 * Progress for a lesson or test file that is there but is not a regular
 * file (a folder, a pipe), so no deno command waits on it; undefined when
 * every one is a file or missing (deno test says what a missing one means).
 */
function oddLessonFile(): Progress | undefined {
  const odd = oddFileOfLessons();
  if (odd === undefined) return undefined;
  const failure = { test: "loading the tests", message: odd.problem };
  const current: LessonProgress = {
    entry: odd.entry,
    state: "in progress",
    passed: 0,
    total: 0,
    failure,
  };
  return { tracks: [], current, problems: [odd.problem] };
}

/**
 * The first lesson or test file that is there but is not a regular file (a
 * folder, a pipe: loading it would wait for ever), and a sentence saying
 * what to do; undefined when every one is a file or missing.
 */
export function oddFileOfLessons():
  | { entry: LessonEntry; problem: string }
  | undefined {
  for (const entry of allLessons()) {
    for (const file of [entry.lessonFile, entry.testFile]) {
      let kind: string | undefined;
      try {
        kind = kindOf(Deno.statSync(ROOT_DIR + file));
      } catch {
        continue;
      }
      if (kind === undefined) continue;
      const problem = file === entry.lessonFile
        ? `${file} is ${kind}, expected the lesson's file: move it away, then deno task reset ${entry.lesson.id} puts the stub back`
        : `${file} is ${kind}, expected the lesson's test file`;
      return { entry, problem };
    }
  }
  return undefined;
}

/** The test files in `paths` (files, or folders searched as deno test does). */
export function testFilesIn(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const dir = path.endsWith("/") ? path : `${path}/`;
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(ROOT_DIR + dir)];
    } catch {
      found.push(path); // A file (or missing: deno test will say so).
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory) walk(`${dir}${entry.name}/`);
      else if (TEST_FILE.test(entry.name)) found.push(`${dir}${entry.name}`);
    }
  };
  for (const path of paths) walk(path.replace(/^\.\//, ""));
  return [...new Set(found)].sort();
}

/** deno test's own rule for test files. */
const TEST_FILE = /^(.*[._])?test\.(ts|tsx|mts|js|mjs|jsx)$/;

/**
 * One result per test file: its outcomes, and the type errors found in its
 * module graph (an error deno places in no graph goes to every file).
 */
function splitByFile(
  files: readonly string[],
  outcomes: TestOutcome[],
  typeErrors: TypeCheckError[],
  graph: Map<string, GraphEntry>,
): Map<string, FileResult> {
  const results = new Map<string, FileResult>();
  const placed = new Set<TypeCheckError>();
  for (const file of files) {
    const local = new Set(graph.get(file)?.files ?? [file]);
    const errors = typeErrors.filter((e) => local.has(e.file));
    for (const error of errors) placed.add(error);
    results.set(file, {
      outcomes: outcomes.filter((o) => o.file === file),
      typeErrors: errors,
    });
  }
  const nowhere = typeErrors.filter((e) => !placed.has(e));
  for (const result of results.values()) result.typeErrors.push(...nowhere);
  return results;
}

/** Each error once (an error deno reports is the same in every graph). */
function uniqueErrors(errors: TypeCheckError[]): TypeCheckError[] {
  const id = (e: TypeCheckError) => `${e.file}:${e.line}:${e.message}`;
  return [...new Map(errors.map((e) => [id(e), e])).values()];
}

async function typeCheck(
  paths: string[],
  importMap: string | undefined,
  signal?: AbortSignal,
): Promise<TypeCheckError[]> {
  const run = await runDeno([
    "check",
    ...(importMap ? ["--import-map", importMap] : []),
    ...paths,
  ], signal);
  return run === undefined || run.code === 0 ? [] : parseTypeErrors(run.output);
}

/** Reads `TS2322 [ERROR]: … at file:///…:38:9` blocks from deno's output. */
export function parseTypeErrors(output: string): TypeCheckError[] {
  const errors: TypeCheckError[] = [];
  const block =
    /(TS\d+) \[ERROR\]: ([^\n]*)[\s\S]*?\n\s+at (file:\/\/\S+?):(\d+):\d+/g;
  for (const match of stripAnsi(output).matchAll(block)) {
    errors.push({
      message: `${match[1]} ${match[2].trim()}`,
      file: projectPath(match[3]),
      line: Number(match[4]),
    });
  }
  return errors;
}

/**
 * Turns a test run into progress: outcomes grouped by lesson (by test file),
 * plus the type errors found before the run.
 */
export function summarize(
  run: TestRun,
  typeErrors: TypeCheckError[] = [],
  anchor?: Track,
): Progress {
  const outcomes = [...run.outcomes, ...loadErrors(run.output)];
  if (outcomes.length === 0) return notRun(run.output);
  const entries = allLessons();
  const isIn = (entry: LessonEntry, error: TypeCheckError) =>
    error.file === entry.lessonFile || error.file === entry.testFile;
  // A type error in no lesson's own files (a helper's, say) is a problem.
  const problems = typeErrors
    .filter((error) => !entries.some((entry) => isIn(entry, error)))
    .map((error) => `${error.message} (${error.file}:${error.line})`);
  const tracks = TRACKS.map((track) => {
    const lessons = entries.filter((e) => e.track === track).map((entry) =>
      lessonProgress(
        entry,
        outcomes.filter((o) => o.file === entry.testFile),
        typeErrors.filter((error) => isIn(entry, error)),
      )
    );
    const lessonFiles = new Set(lessons.map((l) => l.entry.testFile));
    return {
      track,
      lessons,
      done: lessons.filter((l) => l.state === "done").length,
      passed: lessons.reduce((n, l) => n + l.passed, 0),
      total: lessons.reduce((n, l) => n + l.total, 0),
      checks: outcomes.filter((o) =>
        o.file.startsWith(`tests/${track.dir}/`) && !lessonFiles.has(o.file)
      ),
    };
  });
  const currentTrack = pickCurrentTrack(tracks, anchor);
  const current = currentTrack?.lessons.find((l) => l.state !== "done");
  return { tracks, currentTrack, current, problems };
}

/**
 * The track to work on: `anchor` (the one the learner last edited, or chose
 * with --step) if it is unfinished, else the next unfinished track after it,
 * so finishing Step 1 leads on to Step 2. Without an anchor: the first track
 * begun but not finished, else the first one not finished.
 */
export function pickCurrentTrack(
  tracks: TrackProgress[],
  anchor?: Track,
): TrackProgress | undefined {
  const unfinished = tracks.filter((t) => t.done < t.lessons.length);
  const at = tracks.findIndex((t) => t.track === anchor);
  if (at !== -1) {
    const order = [...tracks.slice(at), ...tracks.slice(0, at)];
    return order.find((t) => unfinished.includes(t));
  }
  const begun = (l: LessonProgress) =>
    l.state === "done" || (l.state === "in progress" && l.total > 0);
  return unfinished.find((t) => t.lessons.some(begun)) ?? unfinished[0];
}

/** Classifies one lesson from its tests' outcomes and its type errors. */
export function lessonProgress(
  entry: LessonEntry,
  outcomes: TestOutcome[],
  typeErrors: TypeCheckError[] = [],
): LessonProgress {
  const ran = outcomes.filter((o) => o.status !== "ignored");
  const failed = ran.filter((o) => o.status === "failed");
  const passed = ran.length - failed.length;
  const base = { entry, passed, total: ran.length };
  const [error] = typeErrors;
  // A type error, or no test at all: never done, whatever else ran.
  const stopped = error !== undefined
    ? {
      test: `type error at ${error.file}:${error.line}`,
      message: error.message,
    }
    : ran.length === 0
    ? {
      test: entry.testFile,
      message: "none of its tests ran (is the file there?)",
    }
    : undefined;
  if (stopped) return { ...base, state: "in progress", failure: stopped };
  if (failed.length === 0) return { ...base, state: "done" };
  // The earliest other lesson whose stub a failing test ran into.
  const blockers = new Set(failed.map(blockingLesson));
  blockers.delete(entry.lessonFile);
  const waitingOn = allLessons().find((e) => blockers.has(e.lessonFile));
  if (waitingOn !== undefined) {
    return {
      ...base,
      state: "waiting",
      waitingOn,
      failure: describe(failed[0]),
    };
  }
  const untouched = passed === 0 && failed.every((o) => o.notImplemented);
  const own = failed.find((o) => !o.notImplemented) ?? failed[0];
  return {
    ...base,
    state: untouched ? "not started" : "in progress",
    failure: describe(own),
  };
}

/** The lesson file whose stub threw, read from a NotImplementedError message. */
function blockingLesson(outcome: TestOutcome): string | undefined {
  if (!outcome.notImplemented) return;
  return outcome.message?.match(/open (\S+\.ts) \(lesson /)?.[1];
}

/** The test's name and a one-line, readable message. */
function describe(outcome: TestOutcome): Failure {
  const message = (outcome.message ?? "failed").split("\n")[0]
    .replace(/^Uncaught (\(in promise\) )?/, "")
    // The stub's message names the file and the hint command, which the
    // view shows anyway: keep its first sentence.
    .replace(
      /^(NotImplementedError: \S+ is not implemented yet): open .*$/,
      "$1",
    );
  return { test: outcome.name, message };
}

/**
 * Test files that failed to load (an error at their top level) appear only
 * in deno's output: `./tests/step1/11_sampling_test.ts (uncaught error)`
 * followed by `error: …`.
 */
export function loadErrors(output: string): TestOutcome[] {
  const found: TestOutcome[] = [];
  const pattern = /^(?:\.\/)?(\S+) \(uncaught error\)\n\S*error\S*: (.*)$/gm;
  for (const match of stripAnsi(output).matchAll(pattern)) {
    if (found.some((o) => o.file === match[1])) continue;
    const message = match[2].replace(/^\(in promise\) /, "");
    found.push({
      name: "(the test file did not load)",
      file: match[1],
      status: "failed",
      message,
      notImplemented: message.includes("NotImplementedError"),
    });
  }
  return found;
}

/**
 * Progress when no test ran at all, e.g. after a syntax error in a lesson:
 * deno's first error becomes the problem, and the lesson it points into (if
 * any) the current lesson.
 */
function notRun(output: string): Progress {
  const text = stripAnsi(output);
  const error = text.match(/^error: (.*)$/m)?.[1] ??
    text.trim().split("\n").slice(0, 3).join(" ");
  const at = text.match(/^\s+at (file:\/\/\S+?):(\d+):\d+/m);
  const file = at === null ? undefined : projectPath(at[1]);
  const problem = at === null ? error : `${error} (at ${file}:${at[2]})`;
  const entry = allLessons().find((e) =>
    e.lessonFile === file || e.testFile === file
  );
  const current: LessonProgress | undefined = entry && {
    entry,
    state: "in progress",
    passed: 0,
    total: 0,
    failure: { test: "loading the tests", message: problem },
  };
  return { tracks: [], current, problems: [problem] };
}

/**
 * The lesson `key` names (as typed: a path is relative to the user's
 * folder), or the current lesson when `key` is undefined. A bare number
 * ("4") is a lesson of the current track. `command` is used in
 * messages ("deno task hint step1/04").
 *
 * @throws {UserError} When `key` names no lesson, or when there is no current
 * lesson (every lesson passes, or the tests could not run).
 */
export async function currentLesson(
  key: string | undefined,
  command: string,
  progress?: Progress,
): Promise<LessonEntry> {
  if (key !== undefined && !isLessonNumber(key)) {
    return resolveLesson(lessonKeyFromCaller(key));
  }
  const found = progress ?? await checkProgress();
  const example = `deno task ${command} step1/04`;
  if (found.current === undefined) {
    throw new UserError(
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
