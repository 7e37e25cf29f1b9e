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
}

/** How to run the tests. */
export interface RunTestsOptions {
  /** Import map from the project root; deno.json's imports when absent. */
  importMap?: string;
  /** Extra flags, e.g. `["-A"]` or `["--doc"]`. */
  flags?: readonly string[];
  /** Stops the run (the child is killed); the outcomes are then empty. */
  signal?: AbortSignal;
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
    const run = await runDeno([
      "test",
      "--reporter=dot",
      `--junit-path=${junit}`,
      ...(options.importMap ? ["--import-map", options.importMap] : []),
      ...(options.flags ?? []),
      ...paths,
    ], options.signal);
    if (run === undefined) {
      return { outcomes: [], code: 130, output: "stopped" };
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
      // No backtrace of deno's own "Test failed" error, whatever the shell has.
      env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
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
