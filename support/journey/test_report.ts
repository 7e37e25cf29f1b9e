/**
 * Runs `deno test` in a child process and reads back every test's outcome
 * from its JUnit report, so the tools (progress, the self-check) judge
 * lessons by the tests themselves and can never disagree with them.
 *
 * @module
 */

import { ROOT_DIR } from "../root.ts";
import { stubLessonIn } from "../todo.ts";
import { followTests, type Stuck, stuckAt } from "./time_limit.ts";

/** One top-level test and how it went. */
export interface TestOutcome {
  /** The test's name, e.g. `"step1/04 softmax() sums to one"`. */
  name: string;
  /** Its file, from the project root, e.g. `"tests/step1/04_softmax_test.ts"`. */
  file: string;
  status: "passed" | "failed" | "ignored";
  /** The failure's message (of the test, or of its first failed step). */
  message?: string;
  /** The id of the lesson whose stub (a `todo()`) the test failed on, if any. */
  stub?: string;
}

/** What a run of deno gave. */
export interface DenoRun {
  /** deno's exit code. */
  code: number;
  stdout: string;
  /** stdout, then stderr: deno's own words when a report is empty. */
  output: string;
  /** Set when the time limit stopped the run. */
  stuck?: Stuck;
}

/** A test run: each test's outcome, and how deno ended. */
export interface TestRun extends DenoRun {
  outcomes: TestOutcome[];
}

/** How to run the tests. */
export interface RunOptions {
  /** Import map from the project root; deno.json's imports when absent. */
  importMap?: string;
  /** Extra flags, e.g. `["-A", "--doc"]`. */
  flags?: readonly string[];
  /** Stops the run: the child is killed and the signal's reason thrown. */
  signal?: AbortSignal;
  /**
   * Seconds the run may go without a test ending before it is stopped as
   * stuck (time_limit.ts); the outcomes are then empty. No limit when absent.
   */
  timeLimit?: number;
}

/**
 * Runs `deno test` on `paths` (from the project root; files run in this
 * order) and returns each top-level test's outcome, a test file that failed
 * to load counting as one failed test.
 */
export async function runTests(
  paths: string[],
  options: RunOptions = {},
): Promise<TestRun> {
  const junit = await Deno.makeTempFile({ prefix: "kata_junit_" });
  try {
    const { importMap, timeLimit } = options;
    const run = await runDeno([
      "test",
      `--junit-path=${junit}`,
      ...(importMap ? ["--import-map", importMap] : []),
      ...(options.flags ?? []),
      ...paths,
    ], {
      signal: options.signal,
      limit: timeLimit === undefined
        ? undefined
        : { seconds: timeLimit, files: paths },
    });
    if (run.stuck !== undefined) return { ...run, outcomes: [] };
    // No report when deno stopped before the tests (a syntax error).
    const xml = await Deno.readTextFile(junit).catch(() => "");
    return {
      ...run,
      outcomes: [...parseJunit(xml), ...loadErrors(run.output)],
    };
  } finally {
    await Deno.remove(junit).catch(() => {});
  }
}

/**
 * Runs `deno <args>` in `root` (the project root by default) without colours
 * or backtraces. With `limit`, a `deno test` run is killed when it goes
 * `limit.seconds` without a test ending, and `stuck` says where it was.
 *
 * @throws {DOMException} The signal's reason, when `signal` stopped it.
 */
export async function runDeno(
  args: string[],
  options: {
    signal?: AbortSignal;
    root?: string;
    limit?: { seconds: number; files: readonly string[] };
  } = {},
): Promise<DenoRun> {
  const { signal, limit } = options;
  signal?.throwIfAborted();
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.root ?? ROOT_DIR,
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal,
  }).spawn();
  const stderr = new Response(child.stderr).text();
  let stuck: Stuck | undefined;
  const stdout = limit === undefined
    ? await new Response(child.stdout).text()
    : await followTests(child.stdout, limit.seconds, (watch) => {
      stuck = stuckAt(watch, limit.seconds, limit.files);
      // SIGKILL: a test stuck in a loop never handles a gentler signal.
      child.kill("SIGKILL");
    });
  const { code } = await child.status;
  signal?.throwIfAborted();
  return { code, stdout, output: stdout + await stderr, stuck };
}

/** Reads deno's JUnit XML into top-level outcomes (steps fold into parents). */
export function parseJunit(xml: string): TestOutcome[] {
  const outcomes = new Map<string, TestOutcome>();
  const testcase =
    /<testcase name="([^"]*)" classname="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g;
  for (const [, rawName, rawFile, body] of xml.matchAll(testcase)) {
    const name = unescapeXml(rawName);
    const file = unescapeXml(rawFile).replace(/^\.\//, "");
    const failure = body.match(/<failure message="([^"]*)"/);
    const message = failure ? unescapeXml(failure[1]) : undefined;
    const stub = stubLessonIn(message ?? "");
    // A step is reported as "parent > step" in the same file, after it.
    const parent = [...outcomes.values()].find((o) =>
      o.file === file && name.startsWith(`${o.name} > `)
    );
    if (parent === undefined) {
      const status = failure
        ? "failed"
        : body.includes("<skipped")
        ? "ignored"
        : "passed";
      outcomes.set(`${file}\0${name}`, { name, file, status, message, stub });
    } else if (message !== undefined) {
      parent.stub ??= stub;
      // The step's own message rather than "1 test step failed".
      if (!parent.message || /test steps? failed/.test(parent.message)) {
        parent.message = message;
      }
    }
  }
  return [...outcomes.values()];
}

function unescapeXml(text: string): string {
  const named = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
  return text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, name) => named[name as keyof typeof named],
  );
}

/**
 * The test files that failed to load (an error at their top level): the
 * JUnit report leaves them out, deno's output says
 * `./tests/step1/11_sampling_test.ts (uncaught error)` then `error: …`.
 */
export function loadErrors(output: string): TestOutcome[] {
  const found = new Map<string, TestOutcome>();
  const pattern = /^(?:\.\/)?(\S+) \(uncaught error\)\nerror: (.*)$/gm;
  for (const [, file, text] of output.matchAll(pattern)) {
    const message = text.replace(/^\(in promise\) /, "");
    const stub = stubLessonIn(message);
    const name = "(the test file did not load)";
    found.set(file, { name, file, status: "failed", message, stub });
  }
  return [...found.values()];
}
