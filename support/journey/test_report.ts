/**
 * What `deno test` did: runs it in a child process, reads back every test's
 * outcome from its JUnit report (so the tools judge lessons by the tests
 * themselves and can never disagree with them), and keeps the one guard
 * against an endless loop in a lesson: a time limit.
 *
 * The time limit follows deno's pretty reporter as it prints: each line it
 * prints (a test file or a test starting or ending) shows the run moving on;
 * what the tests print themselves, which the reporter frames, does not. When
 * no such line comes within the limit the run is stuck: `deno task progress`
 * stops it, `deno task test` says so, and both name the lesson whose test
 * was running (every test name starts with its lesson's id).
 *
 * @module
 */

import { stripVTControlCharacters } from "node:util";
import { visible } from "../cli/style.ts";
import { allLessons } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";
import { stubLessonIn } from "../todo.ts";

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
  /**
   * Set when the time limit stopped the run: one sentence saying which file
   * did not finish and where the loop may be (it names the lesson's file).
   */
  stuck?: string;
}

/** A test run: each test's outcome, and how deno ended. */
export interface TestRun extends DenoRun {
  outcomes: TestOutcome[];
}

/**
 * Runs `deno test <args>` (flags, then test files or folders from the
 * project root) and returns each top-level test's outcome, a test file that
 * failed to load counting as one failed test. The options are
 * {@linkcode runDeno}'s: a run stopped by its time limit says so in
 * `stuck`, and what it ran before is no result.
 */
export async function runTests(
  args: string[],
  options: Parameters<typeof runDeno>[1] = {},
): Promise<TestRun> {
  const junit = await Deno.makeTempFile({ prefix: "kata_junit_" });
  try {
    const run = await runDeno(
      ["test", `--junit-path=${junit}`, ...args],
      options,
    );
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
 * or backtraces. With `timeLimit`, a `deno test` run of `files` (in the
 * order they run) is killed when it goes that many seconds without a test
 * ending, and `stuck` says where it was.
 *
 * @throws {DOMException} The signal's reason, when `signal` stopped it.
 */
export async function runDeno(
  args: string[],
  options: {
    signal?: AbortSignal;
    root?: string;
    timeLimit?: number;
    files?: readonly string[];
  } = {},
): Promise<DenoRun> {
  const { signal, timeLimit } = options;
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
  let stuck: string | undefined;
  const stdout = timeLimit === undefined
    ? await new Response(child.stdout).text()
    : await followTests(child.stdout, timeLimit, (watch) => {
      stuck = watch.stuck(timeLimit, options.files);
      // SIGKILL: a test stuck in a loop never handles a gentler signal.
      child.kill("SIGKILL");
    });
  const { code } = await child.status;
  signal?.throwIfAborted();
  return { code, stdout, output: stdout + await stderr, stuck };
}

/** Reads deno's JUnit XML into top-level outcomes (steps fold into parents). */
export function parseJunit(xml: string): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  const testcase =
    /<testcase name="([^"]*)" classname="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g;
  for (const [, rawName, rawFile, body] of xml.matchAll(testcase)) {
    const name = unescapeXml(rawName);
    const file = unescapeXml(rawFile).replace(/^\.\//, "");
    const failure = body.match(/<failure message="([^"]*)"/);
    const message = failure ? unescapeXml(failure[1]) : undefined;
    const stub = stubLessonIn(message ?? "");
    // A step is reported as "parent > step" in the same file, after it.
    const parent = outcomes.find((o) =>
      o.file === file && name.startsWith(`${o.name} > `)
    );
    if (parent === undefined) {
      const status = failure
        ? "failed"
        : body.includes("<skipped")
        ? "ignored"
        : "passed";
      outcomes.push({ name, file, status, message, stub });
    } else if (message !== undefined) {
      parent.stub ??= stub;
      // The step's own message rather than "1 test step failed".
      if (!parent.message || /test steps? failed/.test(parent.message)) {
        parent.message = message;
      }
    }
  }
  return outcomes;
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
    const name = "(the test file did not load)";
    const stub = stubLessonIn(message);
    found.set(file, { name, file, status: "failed", message, stub });
  }
  return [...found.values()];
}

/**
 * Seconds without a test ending before a run counts as stuck. The slowest
 * test on the solutions takes about 4 s and a whole first run 15 to 30 s on
 * two cores: 60 s leaves room for a busy machine and a learner's slower but
 * correct code. KATA_TEST_TIME_LIMIT overrides it (`secondsFromEnv`).
 */
export const TEST_TIME_LIMIT = 60;

/** Where a run of deno test is, read from its pretty reporter as it prints. */
export class RunWatch {
  /** The test file whose tests started last. */
  file?: string;
  /** The test that started and has not ended, if any. */
  test?: string;
  /** The reporter's line not ended yet (a test's name, its result to come). */
  partial = "";
  #framed = false;

  /** Reads a piece of the reporter's output; true when it shows the run moving on. */
  read(chunk: string): boolean {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop()!;
    let moved = false;
    // The line not ended yet too: a test's name shows as the test starts,
    // its result on that line as it ends. deno task test keeps the colours.
    const plain = (line: string) => stripVTControlCharacters(line).trimEnd();
    for (const [i, line] of [...lines, this.partial].map(plain).entries()) {
      const frame = line.match(/^-+ (post-test )?output( end)? -+$/);
      if (frame) this.#framed = !frame[2];
      else if (!this.#framed) {
        // `running 7 tests from ./tests/step1/04_softmax_test.ts`; a test's
        // `name ...` as it starts, `name ... ok (1ms)` as it ends.
        const file = line.match(/^running \d+ tests? from \.\/(.+)$/);
        const test = line.match(/^(\S.*) \.\.\.( .*)?$/);
        const before = this.test;
        if (file) [this.file, this.test] = [file[1], undefined];
        else if (test) this.test = test[2] ? undefined : test[1];
        moved ||= i < lines.length || this.test !== before;
      }
    }
    return moved;
  }

  /**
   * What to say when the limit of `seconds` ran out, in one sentence: which
   * file did not finish, and the lesson file where the loop may be (the
   * progress engine reads it back). A test running names its lesson by
   * its name's first word; no test running means the next test file is
   * loading (its top level runs before the reporter says a word about it),
   * which is the one after the last that started when the `files` of the
   * run are known, in the order they run.
   */
  stuck(seconds: number, files?: readonly string[]): string {
    const { test } = this;
    const file = test !== undefined
      ? this.file
      : files?.[files.indexOf(this.file ?? "") + 1];
    const lesson =
      allLessons().find((e) => test?.startsWith(`${e.lesson.id} `)) ??
        allLessons().find((e) => e.testFile === file);
    const suspect = lesson?.lessonFile;
    return test !== undefined
      ? `${file} has run ${seconds} s without finishing a test (${
        visible(test, { quote: true, max: 100 })
      } is running): is a loop in ${suspect ?? "a lesson it runs"} stuck?`
      : file !== undefined
      ? `${file} has run ${seconds} s without finishing loading: is a loop at the top level of ${
        suspect ?? "a lesson"
      } or of a file it imports stuck?`
      : `The tests have run ${seconds} s without another test starting${
        this.file === undefined ? "" : ` after ${this.file}`
      }: is a loop at the top level of a lesson stuck?`;
  }
}

/**
 * Reads deno test's stdout as it comes (each piece handed to `echo` first,
 * unchanged) and calls `stalled` once whenever `seconds` pass with no
 * reporter line. Resolves with the output's last MiB or two when it ends (a
 * lesson printing in a loop must not fill the memory).
 */
export async function followTests(
  stdout: ReadableStream<Uint8Array>,
  seconds: number,
  stalled: (watch: RunWatch) => void,
  echo?: (bytes: Uint8Array) => void,
): Promise<string> {
  const watch = new RunWatch();
  const decoder = new TextDecoder();
  let text = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stalled(watch), seconds * 1000);
  };
  rearm();
  try {
    for await (const bytes of stdout) {
      echo?.(bytes);
      const chunk = decoder.decode(bytes, { stream: true });
      text += chunk;
      if (text.length > 2 ** 21) text = text.slice(-(2 ** 20));
      if (watch.read(chunk)) rearm();
    }
  } finally {
    clearTimeout(timer);
  }
  return text;
}
