/**
 * Endless loops in the learner's code: the time limit under which
 * `deno task progress` and `watch` run the tests, and what they say when a
 * test file gets stuck (its file, its test, the lesson to look at). A run
 * that got stuck is run again without that file and without the files that
 * use its lesson, and the stuck results are remembered in this process only.
 *
 * @module
 */

import { EXIT_USAGE, UserError } from "../cli/errors.ts";
import { allLessons, type LessonEntry } from "../manifest.ts";
import { runTests, type TestOutcome, type Unfinished } from "../test_report.ts";
import type { FileResult, GraphEntry } from "./test_cache.ts";

/**
 * Seconds a test, or the loading of a test file, may take while no other
 * test finishes, before the run is stopped as stuck (an endless loop). The
 * slowest test on the solutions takes about 4 s, and a whole first run
 * 15 to 30 s on two cores; 60 s leaves room for a busy machine and a
 * learner's slower but correct code. KATA_TEST_TIME_LIMIT (seconds)
 * overrides it, for a slow machine.
 */
export const TEST_TIME_LIMIT = 60;

/**
 * The time limit in seconds: KATA_TEST_TIME_LIMIT if set, else
 * {@linkcode TEST_TIME_LIMIT}.
 *
 * @throws {UserError} When KATA_TEST_TIME_LIMIT is not a number above 0.
 */
export function testTimeLimit(): number {
  let text: string | undefined;
  try {
    text = Deno.env.get("KATA_TEST_TIME_LIMIT");
  } catch {
    return TEST_TIME_LIMIT; // No permission to read it: the default.
  }
  if (text === undefined || text === "") return TEST_TIME_LIMIT;
  const seconds = Number(text);
  // At most a day: a timer cannot wait longer than 2^31 - 1 ms (24.8 days).
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0) || seconds > 86400) {
    throw new UserError(
      `KATA_TEST_TIME_LIMIT must be a number of seconds from above 0 to 86400 (a day), e.g. 120: received "${text}"`,
      EXIT_USAGE,
    );
  }
  return seconds;
}

/** A test file the time limit stopped, and what to say about it. */
export interface Stuck {
  file: string;
  /** The lesson whose test it is (and whose test was running), if known. */
  lesson?: LessonEntry;
  /** One sentence: which file (and test) did not finish, and why to look. */
  problem: string;
}

/**
 * Results of test files that got stuck earlier in this process (e.g. the
 * watch's first, focused run), so that the run after does not wait for the
 * same endless loop again. Never written to .kata/: a stuck run may have
 * been only a slow one.
 */
const STUCK = new Map<string, Remembered>();

/** Keeps a stuck or left-out file's result for the runs after, in this process. */
export function rememberStuck(file: string, entry: Remembered): void {
  STUCK.set(file, entry);
}

/** A stuck or left-out file's result, and for a stuck one, what to say. */
export interface Remembered {
  key: string;
  result: FileResult;
  stuck?: Stuck;
}

export function stuckBefore(
  file: string,
  key: string | undefined,
): Remembered | undefined {
  const entry = STUCK.get(file);
  return entry !== undefined && entry.key === key
    ? structuredClone(entry)
    : undefined;
}

/** What {@linkcode runWithTimeLimit} found. */
interface LimitedRun {
  outcomes: TestOutcome[];
  output: string;
  /** The files that ran to the end (their results may be stored). */
  finished: Set<string>;
  /** The files that got stuck, or were left out after, with one outcome each. */
  leftOut: Set<string>;
  /** What got stuck, in the order found. */
  stuck: Stuck[];
}

/** The name of the one outcome of a test file left out after another got stuck. */
export const NOT_RUN = "(not run)";

/**
 * Runs `files` under the time limit. When one gets stuck, the run is
 * repeated without it (the stopped run wrote no report, so even the files
 * that had finished run again) and without the files that use its lesson:
 * they would most likely get stuck in the same loop, each after waiting
 * out the limit again. Those get one failed outcome each, saying why.
 */
export async function runWithTimeLimit(
  files: string[],
  setup: { importMap?: string; flags: string[] },
  graph: Map<string, GraphEntry>,
  signal?: AbortSignal,
): Promise<LimitedRun> {
  const timeLimit = testTimeLimit();
  const result: LimitedRun = {
    outcomes: [],
    output: "",
    finished: new Set(),
    leftOut: new Set(),
    stuck: [],
  };
  let queue = files;
  while (queue.length > 0) {
    const run = await runTests(queue, { ...setup, signal, timeLimit });
    const { unfinished } = run;
    if (unfinished === undefined) {
      result.output = run.output;
      result.outcomes.push(...run.outcomes);
      // Only a run that finished (deno test exits 0 or 1) is worth keeping.
      if (run.code === 0 || run.code === 1) {
        for (const file of queue) result.finished.add(file);
      }
      break;
    }
    const stuck = stuckProblem(unfinished);
    result.stuck.push(stuck);
    const suspects = suspectFiles(stuck, graph);
    const uses = (file: string) =>
      graph.get(file)?.files.some((f) => suspects.includes(f)) ?? true;
    // A stuck file that cannot be told leaves every file not run.
    const left = queue.includes(stuck.file)
      ? queue.filter((file) =>
        file === stuck.file ||
        (!unfinished.finished.includes(file) && uses(file))
      )
      : queue;
    result.outcomes.push(...left.map((file) => leftOut(file, stuck)));
    for (const file of left) result.leftOut.add(file);
    queue = queue.filter((file) => !left.includes(file));
  }
  return result;
}

/**
 * The lesson files that may hold the loop: the stuck test's own lesson,
 * else (stuck while loading, or not a lesson's test) every lesson file the
 * test file imports.
 */
function suspectFiles(stuck: Stuck, graph: Map<string, GraphEntry>): string[] {
  if (stuck.lesson !== undefined) return [stuck.lesson.lessonFile];
  return (graph.get(stuck.file)?.files ?? [])
    .filter((file) => file.startsWith("lessons/"));
}

/** The one outcome of a test file that got stuck or was left out. */
function leftOut(file: string, stuck: Stuck): TestOutcome {
  const isStuck = file === stuck.file;
  return {
    name: isStuck ? "(did not finish)" : NOT_RUN,
    file,
    status: "failed",
    message: isStuck
      ? stuck.problem
      : `not run, as it uses the code that ${stuck.file} got stuck in`,
    notImplemented: false,
  };
}

/**
 * The sentence for a stuck test file: which file (and test) did not finish
 * within the limit, and where the loop may be.
 */
export function stuckProblem(unfinished: Unfinished): Stuck {
  const { file, test, seconds, finished } = unfinished;
  if (file === undefined) {
    const after = finished.length > 0 ? ` after ${finished.at(-1)}` : "";
    return {
      file: "",
      problem:
        `The tests did not finish within ${seconds} s${after}: is there an endless loop in a lesson?`,
    };
  }
  const entry = allLessons().find((e) => e.testFile === file);
  if (test === undefined) {
    return {
      file,
      problem: `${file} did not finish loading within ${seconds} s: ${
        entry === undefined
          ? "is there an endless loop at the top level of a lesson it imports?"
          : `is there an endless loop at the top level of ${entry.lessonFile} or of a file it imports?`
      }`,
    };
  }
  const suspect = entry === undefined
    ? "a lesson it runs"
    : `${entry.lesson.id} (${entry.lessonFile})`;
  return {
    file,
    lesson: entry,
    problem:
      `${file} did not finish within ${seconds} s (its test "${test}" was running): is there an endless loop in ${suspect}?`,
  };
}
