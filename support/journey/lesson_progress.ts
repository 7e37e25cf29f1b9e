/**
 * The kata's one progress engine: where the learner is, read from the tests
 * themselves. `deno task progress`, `watch`, `hint`, `compare` and the
 * trainer's unfinished-lesson message all read it.
 *
 * It runs `deno test` on tests/ against the lessons (only the test files
 * whose code changed since they last ran: test_cache.ts), beside a `deno
 * check` of the same files, and sorts every lesson into done, in progress,
 * not started, or waiting: a test that fails on another lesson's stub (06's
 * tests call 05's mlp()) waits on that lesson, as nothing there is the
 * learner's fault yet. The current lesson is the first unfinished one of the
 * track the learner edited last (last_edited.ts). A run that gets stuck in
 * an endless loop is stopped under a time limit (time_limit.ts).
 *
 * @module
 */

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
import { editedLessons } from "./last_edited.ts";
import {
  type FileResult,
  type GraphEntry,
  graphOf,
  loadResults,
  type RunSetup,
  saveResults,
} from "./test_cache.ts";
import { runDeno, runTests, type TestOutcome } from "./test_report.ts";
import { type Stuck, testTimeLimit } from "./time_limit.ts";

/** How far a lesson is. */
export type LessonState = "done" | "in progress" | "not started" | "waiting";

/** One lesson's standing. */
export interface LessonProgress {
  entry: LessonEntry;
  state: LessonState;
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
  /** What stopped tests from running (deno's own words, or a loop). */
  problems: string[];
}

/**
 * Runs the lesson tests (all of tests/, or only `paths`: test files or
 * folders) and works out the progress. `step` is the track to follow
 * (default: the one of the lesson edited last); `signal` stops the run.
 *
 * The tests run unchecked, beside a `deno check` of the same files: one type
 * error would otherwise stop every test, and the two together take less
 * time. A lesson with a type error is never done, as `deno test` would fail.
 */
export async function checkProgress(
  paths: string[] = ["tests/"],
  options: { step?: number; signal?: AbortSignal } = {},
): Promise<Progress> {
  const timeLimit = testTimeLimit(); // A bad KATA_TEST_TIME_LIMIT stops here.
  const odd = oddFileOfLessons();
  if (odd !== undefined) return stopped(odd.problem, odd.entry);
  // Offline when the launcher says so, or when this very process had to use
  // the @std stand-ins (started without the launcher).
  const offline = isOffline() ||
    import.meta.resolve("@std/cli").includes("/support/std/");
  const setup = {
    importMap: importMapFor(offline, "lessons"),
    flags: ["-R", "--no-check"],
  };
  const files = testFilesIn(paths);
  const [graph, anchor] = await Promise.all([
    graphOf(files, setup, { signal: options.signal }),
    options.step !== undefined
      ? TRACKS.find((t) => t.step === options.step)
      : editedLessons().then((edited) => edited?.[0]?.track),
  ]);
  const stored = loadResults();
  const results = new Map<string, FileResult>();
  for (const file of files) {
    const entry = stored.get(file);
    const key = graph.get(file)?.key;
    if (key !== undefined && entry?.key === key) {
      results.set(file, entry.result);
    }
  }
  const stale = files.filter((file) => !results.has(file));
  const fresh = await runStale(
    stale,
    { ...setup, timeLimit },
    graph,
    options.signal,
  );
  if (fresh.notRun !== undefined) return stopped(fresh.notRun);
  for (const [file, result] of fresh.results) {
    results.set(file, result);
    const key = graph.get(file)?.key;
    if (key !== undefined && fresh.ran.has(file)) {
      stored.set(file, { key, result });
    }
  }
  if (fresh.ran.size > 0) saveResults(stored);
  const all = files.map((file) => results.get(file)!);
  const typeErrors = [...new Set(all.map((r) => r.typeErrors ?? ""))]
    .join("\n").trim();
  const progress = summarize(all.flatMap((r) => r.outcomes), {
    typeErrors,
    anchor,
  });
  // The first stuck lesson is the one to fix, whatever the track.
  const stuck = fresh.stuck.find((s) => s.lesson !== undefined)?.lesson;
  const lessons = progress.tracks.flatMap((t) => t.lessons);
  return {
    ...progress,
    current: lessons.find((l) => l.entry.lesson.id === stuck?.lesson.id) ??
      progress.current,
    problems: [...fresh.stuck.map((s) => s.sentence), ...progress.problems],
  };
}

/**
 * Progress when the tests could not run: `problem` says why (deno's own
 * words, or a sentence), and `entry`, or else the lesson whose file the
 * problem names first, is the current lesson.
 */
function stopped(problem: string, entry?: LessonEntry): Progress {
  const found = entry ??
    allLessons().find((e) => problem.includes(e.lessonFile)) ??
    allLessons().find((e) => problem.includes(e.testFile));
  const failure = { test: "loading the tests", message: problem };
  const current: LessonProgress | undefined = found &&
    { entry: found, state: "in progress", passed: 0, total: 0, failure };
  return { tracks: [], current, problems: [problem] };
}

/** What running the stale test files gave. */
interface StaleRun {
  results: Map<string, FileResult>;
  /** The files whose run finished, whose results may be stored. */
  ran: Set<string>;
  /** What got stuck, in the order found. */
  stuck: Stuck[];
  /** deno's own words when no test could run at all. */
  notRun?: string;
}

/**
 * Runs `files` under the time limit, beside a type check. When a run gets
 * stuck it is repeated without the stuck file and the files that use its
 * lesson (they would most likely get stuck in the same loop, each after
 * waiting out the limit again): those get one failed outcome each, waiting
 * on that lesson.
 */
async function runStale(
  files: string[],
  setup: RunSetup & { timeLimit: number },
  graph: Map<string, GraphEntry>,
  signal?: AbortSignal,
): Promise<StaleRun> {
  const fresh: StaleRun = { results: new Map(), ran: new Set(), stuck: [] };
  const checked = files.length === 0
    ? undefined
    : typeCheck(files, setup, signal);
  for (let queue = files; queue.length > 0;) {
    const run = await runTests(queue, { ...setup, signal });
    if (run.stuck === undefined) {
      if (run.outcomes.length === 0) fresh.notRun = run.output;
      for (const file of queue) {
        const outcomes = run.outcomes.filter((o) => o.file === file);
        fresh.results.set(file, { outcomes });
        // Only a run that finished (exit 0 or 1) is worth keeping.
        if (run.code <= 1 && run.outcomes.length > 0) fresh.ran.add(file);
      }
      break;
    }
    const { file, lesson, sentence } = run.stuck;
    fresh.stuck.push(run.stuck);
    const left = queue.filter((f) =>
      file === undefined || f === file ||
      (lesson && graph.get(f)?.files.includes(lesson.lessonFile))
    );
    for (const f of left) {
      const stub = f === file ? undefined : lesson?.lesson.id;
      const name = "(did not finish)";
      const outcome = { name, file: f, status: "failed" as const, stub };
      fresh.results.set(f, { outcomes: [{ ...outcome, message: sentence }] });
    }
    queue = queue.filter((f) => !left.includes(f));
  }
  // A type error counts for the test files whose graph it names.
  const typeErrors = await checked;
  for (const [file, result] of fresh.results) {
    const local = graph.get(file)?.files ?? [];
    if (local.some((f) => typeErrors?.includes(f))) {
      result.typeErrors = typeErrors;
    }
  }
  return fresh;
}

/**
 * deno check's own words about `files` (their type errors), or undefined
 * when they type-check. A backstop stops it, generous: a check stopped early
 * misses type errors, but only a pipe planted in the graph could hold it up.
 */
async function typeCheck(
  files: string[],
  { importMap, timeLimit }: { importMap?: string; timeLimit: number },
  signal?: AbortSignal,
): Promise<string | undefined> {
  const limit = AbortSignal.timeout(timeLimit * 5 * 1000);
  const run = await runDeno(
    ["check", ...(importMap ? ["--import-map", importMap] : []), ...files],
    { signal: signal ? AbortSignal.any([signal, limit]) : limit },
  ).catch((error) => {
    if (signal?.aborted) throw error;
    return undefined;
  });
  if (run === undefined || run.code === 0) return undefined;
  // Its "Check file:///…" lines are progress, not errors.
  return run.output.replace(/^Check .*\n/gm, "").trim();
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

/** The test files in `paths` (files, or folders searched as deno test does), sorted. */
export function testFilesIn(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(ROOT_DIR + path)];
    } catch {
      found.push(path); // A file (or missing: deno test will say so).
      return;
    }
    for (const entry of entries) {
      const child = `${path.replace(/\/?$/, "/")}${entry.name}`;
      if (entry.isDirectory) walk(child);
      else if (/^(.*[._])?test\.(ts|tsx|mts|js|mjs|jsx)$/.test(entry.name)) {
        found.push(child);
      }
    }
  };
  for (const path of paths) walk(path.replace(/^\.\//, ""));
  return [...new Set(found)].sort();
}

/**
 * Sorts outcomes into lessons (by test file) and tracks; `typeErrors` is
 * deno check's text (a lesson it names is never done), `anchor` the track
 * the learner last edited or chose.
 */
export function summarize(
  outcomes: TestOutcome[],
  options: { typeErrors?: string; anchor?: Track } = {},
): Progress {
  const typeErrors = options.typeErrors ?? "";
  const tracks = TRACKS.map((track) => {
    const lessons = allLessons().filter((e) => e.track === track).map((e) =>
      lessonProgress(
        e,
        outcomes.filter((o) => o.file === e.testFile),
        [e.lessonFile, e.testFile].some((f) => typeErrors.includes(f))
          ? typeErrors
          : undefined,
      )
    );
    const own = new Set(lessons.map((l) => l.entry.testFile));
    return {
      track,
      lessons,
      done: lessons.filter((l) => l.state === "done").length,
      passed: lessons.reduce((n, l) => n + l.passed, 0),
      total: lessons.reduce((n, l) => n + l.total, 0),
      checks: outcomes.filter((o) =>
        o.file.startsWith(`tests/${track.dir}/`) && !own.has(o.file)
      ),
    };
  });
  const current = pickCurrentTrack(tracks, options.anchor)?.lessons
    .find((l) => l.state !== "done");
  // A type error in no lesson's own files (a helper's, say) is a problem.
  const placed = tracks.some((t) =>
    t.lessons.some((l) => l.failure?.test === "deno check")
  );
  const problems = typeErrors && !placed ? [typeErrors] : [];
  return { tracks, current, problems };
}

/**
 * The track to work on: `anchor` if it is unfinished, else the next
 * unfinished track after it, so finishing Step 1 leads on to Step 2. Without
 * an anchor: the first track begun but not finished, else the first one not
 * finished.
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

/** Classifies one lesson from its tests' outcomes and deno check's text. */
export function lessonProgress(
  entry: LessonEntry,
  outcomes: TestOutcome[],
  typeErrors?: string,
): LessonProgress {
  const ran = outcomes.filter((o) => o.status !== "ignored");
  const failed = ran.filter((o) => o.status === "failed");
  const passed = ran.length - failed.length;
  const base = { entry, passed, total: ran.length };
  // A type error, or no test at all: never done, whatever else ran.
  const stopped = typeErrors !== undefined
    ? { test: "deno check", message: typeErrors }
    : ran.length === 0
    ? {
      test: entry.testFile,
      message: "none of its tests ran (is the file there?)",
    }
    : undefined;
  if (stopped) return { ...base, state: "in progress", failure: stopped };
  if (failed.length === 0) return { ...base, state: "done" };
  // The earliest other lesson whose stub a failing test ran into.
  const waitingOn = allLessons().find((e) =>
    e.lesson.id !== entry.lesson.id &&
    failed.some((o) => o.stub === e.lesson.id)
  );
  if (waitingOn !== undefined) {
    return {
      ...base,
      state: "waiting",
      waitingOn,
      failure: describe(failed[0]),
    };
  }
  const untouched = passed === 0 && failed.every((o) => o.stub !== undefined);
  const own = failed.find((o) => o.stub === undefined) ?? failed[0];
  return {
    ...base,
    state: untouched ? "not started" : "in progress",
    failure: describe(own),
  };
}

/** The test's name and the first line of its message, the stub's cut short. */
function describe(outcome: TestOutcome): { test: string; message: string } {
  const message = (outcome.message ?? "failed").split("\n")[0]
    .replace(/^Uncaught (\(in promise\) )?/, "")
    // The view names the file and the hint command anyway.
    .replace(/^(NotImplementedError: \S+ is not implemented yet): .*$/, "$1");
  return { test: outcome.name, message };
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
        ? `Cannot tell which lesson you are on, as the tests did not run (${
          found.problems[0].split("\n")[0]
        }): name the lesson, e.g. ${example}`
        : `Every lesson passes, so there is no current lesson: name one, e.g. ${example}`,
    );
  }
  if (key === undefined) return found.current.entry;
  return resolveLesson(key, found.current.entry.track.dir);
}
