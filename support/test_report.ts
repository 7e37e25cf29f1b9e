/**
 * Runs `deno test` in a child process and reads back every test's outcome
 * from its JUnit report, so tools (self-check, progress, trainer) judge
 * lessons by the tests themselves and can never disagree with them.
 *
 * @module
 */

import { ROOT_DIR } from "./root.ts";

/** One top-level test and how it went. */
export interface TestOutcome {
  /** The test's name, e.g. `"step1/04 softmax() sums to one"`. */
  name: string;
  /** Its file, from the project root, e.g. `"tests/step1/04_softmax_test.ts"`. */
  file: string;
  status: "passed" | "failed" | "ignored";
  /** The first line of the failure (of the test or of a failed step). */
  message?: string;
  /** Whether the test or one of its steps failed with NotImplementedError. */
  notImplemented: boolean;
}

/** What a test run produced. */
export interface TestRun {
  outcomes: TestOutcome[];
  /** deno's exit code. */
  code: number;
  /** deno's own output (stdout and stderr), for when the report is empty. */
  output: string;
  /** Set when the time limit stopped the run: where it was. */
  unfinished?: Unfinished;
}

/** Where a run stopped by its time limit was. */
export interface Unfinished {
  /** The test file that was running or loading, when it can be told. */
  file?: string;
  /** The test of that file that had started and not finished, if any. */
  test?: string;
  /** The test files whose tests had all finished, in the order they ran. */
  finished: string[];
  /** The limit that ran out, in seconds. */
  seconds: number;
}

/** How to run the tests. */
export interface RunTestsOptions {
  /** Import map from the project root; deno.json's imports when absent. */
  importMap?: string;
  /** Extra flags, e.g. `["-A"]` or `["--doc"]`. */
  flags?: readonly string[];
  /** Stops the run (the child is killed); the outcomes are then empty. */
  signal?: AbortSignal;
  /**
   * Seconds a test, or the loading of a test file, may take while nothing
   * else finishes: past it the run is stopped (an endless loop would
   * otherwise hang it forever), the outcomes are empty and `unfinished`
   * says where it was. No limit when absent.
   */
  timeLimit?: number;
}

/**
 * Runs `deno test` on `paths` (from the project root) and returns each
 * top-level test's outcome.
 */
export async function runTests(
  paths: string[],
  options: RunTestsOptions = {},
): Promise<TestRun> {
  const junit = await Deno.makeTempFile({
    prefix: "kata_junit_",
    suffix: ".xml",
  });
  try {
    const { timeLimit, signal } = options;
    const args = [
      "test",
      // Only the pretty reporter says which test starts: the watchdog needs it.
      timeLimit === undefined ? "--reporter=dot" : "--reporter=pretty",
      `--junit-path=${junit}`,
      ...(options.importMap ? ["--import-map", options.importMap] : []),
      ...(options.flags ?? []),
      ...paths,
    ];
    const run = timeLimit === undefined
      ? await runDeno(args, signal)
      : await runDenoWatched(args, timeLimit, signal);
    if (run === undefined) {
      return { outcomes: [], code: 130, output: "stopped" };
    }
    if ("stalled" in run && run.stalled) {
      const unfinished = whereStopped(run.stdout, paths, timeLimit!);
      return { outcomes: [], code: run.code, output: run.output, unfinished };
    }
    let xml = "";
    try {
      xml = await Deno.readTextFile(junit);
    } catch {
      // deno stopped before writing a report (e.g. a type error): no outcomes.
    }
    return { outcomes: parseJunit(xml), code: run.code, output: run.output };
  } finally {
    await Deno.remove(junit).catch(() => {});
  }
}

/**
 * Runs `deno <args>` in `root` (the project root by default), without
 * colours or backtraces: its exit code, its stdout, and its output (stdout,
 * then stderr); undefined when `signal` stopped it.
 */
export async function runDeno(
  args: string[],
  signal?: AbortSignal,
  root: string = ROOT_DIR,
): Promise<{ code: number; stdout: string; output: string } | undefined> {
  try {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args,
      cwd: root,
      env: QUIET_ENV,
      stdin: "null",
      signal,
    }).output();
    const text = new TextDecoder();
    const out = text.decode(stdout);
    return { code, stdout: out, output: out + text.decode(stderr) };
  } catch (error) {
    if (signal?.aborted) return undefined;
    throw error;
  }
}

/**
 * deno's environment: no colours, and no backtrace of deno's own "Test
 * failed" error, whatever the shell has.
 */
const QUIET_ENV = { NO_COLOR: "1", RUST_BACKTRACE: "0" };

/**
 * {@linkcode runDeno} for `deno test --reporter=pretty`, with a watchdog:
 * when `seconds` pass with no test file starting and no test finishing, the
 * child is killed and `stalled` is true. Undefined when `signal` stopped it.
 */
async function runDenoWatched(
  args: string[],
  seconds: number,
  signal?: AbortSignal,
): Promise<
  { code: number; stdout: string; output: string; stalled: boolean } | undefined
> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(Deno.execPath(), {
      args,
      cwd: ROOT_DIR,
      env: QUIET_ENV,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal,
    }).spawn();
  } catch (error) {
    if (signal?.aborted) return undefined;
    throw error;
  }
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      // SIGKILL: a test stuck in a loop never gets to handle a gentler one.
      try {
        child.kill("SIGKILL");
      } catch {
        // It ended meanwhile.
      }
    }, seconds * 1000);
  };
  const stderr = new Response(child.stderr).text();
  let stdout = "";
  let partial = "";
  // Between these markers is what the tests print: a lesson printing
  // "epoch 1 ... ok" in a loop is not progress.
  let inTestOutput = false;
  rearm();
  try {
    for await (
      const chunk of child.stdout.pipeThrough(new TextDecoderStream())
    ) {
      stdout += chunk;
      const lines = (partial + chunk).split("\n");
      partial = lines.pop()!;
      for (const line of lines) {
        if (line === OUTPUT_START) inTestOutput = true;
        else if (line === OUTPUT_END) inTestOutput = false;
        else if (!inTestOutput && isProgressLine(line)) rearm();
      }
    }
  } finally {
    clearTimeout(timer);
  }
  const { code } = await child.status;
  const output = stdout + await stderr;
  if (signal?.aborted) return undefined;
  return { code, stdout, output, stalled };
}

/**
 * A pretty-reporter line saying that a test file starts or stopped, or that
 * a top-level test ended.
 */
function isProgressLine(line: string): boolean {
  return FILE_STARTS.test(line) || FILE_FAILED.test(line) ||
    TEST_ENDED.test(line);
}

/** The pretty reporter's frame around what a test prints. */
const OUTPUT_START = "------- output -------";
const OUTPUT_END = "----- output end -----";

/** The reporter's own lines: what the tests printed is left out. */
function withoutTestOutput(lines: readonly string[]): string[] {
  let inside = false;
  return lines.filter((line) => {
    if (line === OUTPUT_START) inside = true;
    else if (line === OUTPUT_END) inside = false;
    else return !inside;
    return false;
  });
}

/** `running 7 tests from ./tests/step1/04_softmax_test.ts` */
const FILE_STARTS = /^running (\d+) tests? from (?:\.\/)?(.+)$/;
/** `./tests/step1/11_sampling_test.ts (uncaught error)`: the file stopped. */
const FILE_FAILED = /^(?:\.\/)?(.+) \(uncaught error\)$/;
/** `step1/04 softmax() … ... ok (419µs)`: a top-level test, not an indented step. */
const TEST_ENDED = /^\S.* \.\.\. (?:ok|FAILED|ignored)\b/;
/** `step1/04 softmax() …  ...` with no result yet: the test running. */
const TEST_STARTED = /^(\S.*) \.\.\.\s*$/;

/**
 * Reads the pretty reporter's output of a stopped run: the files whose
 * tests all ended, and the file (with the test) that was running. A file
 * stuck while loading prints nothing, so it is the first of `paths` (run in
 * that order) that had not started, when `paths` are files.
 */
export function whereStopped(
  stdout: string,
  paths: readonly string[],
  seconds: number,
): Unfinished {
  const finished: string[] = [];
  const lines = withoutTestOutput(stdout.split("\n"));
  let file: string | undefined;
  let expected = 0;
  let ended = 0;
  let test: string | undefined;
  for (const line of lines) {
    const starts = line.match(FILE_STARTS);
    if (starts !== null) {
      [file, expected, ended, test] = [
        starts[2],
        Number(starts[1]),
        0,
        undefined,
      ];
    } else if (FILE_FAILED.test(line)) {
      // A file that failed to load, or threw outside its tests, is over.
      const failed = line.match(FILE_FAILED)![1];
      if (!finished.includes(failed)) finished.push(failed);
      if (failed === file) file = undefined;
    } else if (TEST_ENDED.test(line)) {
      ended++;
      test = undefined;
    } else if (file !== undefined) {
      test = line.match(TEST_STARTED)?.[1] ?? test;
    }
    if (file !== undefined && ended >= expected && !finished.includes(file)) {
      finished.push(file);
    }
  }
  if (file !== undefined && !finished.includes(file)) {
    return { file, test, finished, seconds };
  }
  const started = new Set(finished);
  const next = paths.find((path) => !started.has(path.replace(/^\.\//, "")));
  const isFile = next !== undefined && /\.(ts|tsx|mts|js|mjs|jsx)$/.test(next);
  return {
    file: isFile ? next.replace(/^\.\//, "") : undefined,
    finished,
    seconds,
  };
}

/** Reads deno's JUnit XML into top-level outcomes (steps fold into parents). */
export function parseJunit(xml: string): TestOutcome[] {
  const outcomes = new Map<string, TestOutcome>();
  const testcase =
    /<testcase name="([^"]*)" classname="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g;
  for (const match of xml.matchAll(testcase)) {
    const name = unescapeXml(match[1]);
    const file = unescapeXml(match[2]).replace(/^\.\//, "");
    const body = match[3];
    const failure = body.match(/<failure message="([^"]*)"/);
    const message = failure ? unescapeXml(failure[1]) : undefined;
    const notImplemented = message?.includes("NotImplementedError") ?? false;
    // A step is reported as "parent > step" in the same file, after it.
    const parent = [...outcomes.values()].find((o) =>
      o.file === file && name.startsWith(`${o.name} > `)
    );
    if (parent === undefined) {
      outcomes.set(`${file}\0${name}`, {
        name,
        file,
        status: failure
          ? "failed"
          : body.includes("<skipped")
          ? "ignored"
          : "passed",
        message,
        notImplemented,
      });
    } else if (message !== undefined) {
      parent.notImplemented ||= notImplemented;
      // Show the step's own message rather than "1 test step failed".
      if (!parent.message || /test steps? failed/.test(parent.message)) {
        parent.message = message;
      }
    }
  }
  return [...outcomes.values()];
}

function unescapeXml(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}
