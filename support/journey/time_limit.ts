/**
 * The one guard against an endless loop in a lesson: a time limit on a
 * `deno test` child. Each line deno's pretty reporter prints (a test file or
 * a test starting or ending) shows the run moving on; what the tests print
 * themselves, which the reporter frames, does not. When no such line comes
 * within the limit the run is stuck: `deno task progress` stops it, `deno
 * task test` says so, and both name the lesson whose test was running (every
 * test name starts with its lesson's id).
 *
 * @module
 */

import { EXIT_USAGE, UserError } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import { allLessons, type LessonEntry } from "../manifest.ts";

/**
 * Seconds without a test ending before a run counts as stuck. The slowest
 * test on the solutions takes about 4 s and a whole first run 15 to 30 s on
 * two cores: 60 s leaves room for a busy machine and a learner's slower but
 * correct code. KATA_TEST_TIME_LIMIT overrides it.
 */
export const TEST_TIME_LIMIT = 60;

/**
 * The time limit in seconds: `text` (by default KATA_TEST_TIME_LIMIT) if
 * set, else {@linkcode TEST_TIME_LIMIT}.
 *
 * @throws {UserError} When it is not a number of seconds above 0 and at most
 * a day (a timer cannot wait past 2^31 ms).
 */
export function testTimeLimit(
  text: string = Deno.env.get("KATA_TEST_TIME_LIMIT") ?? "",
): number {
  const seconds = text === "" ? TEST_TIME_LIMIT : Number(text);
  if (!/^(\d+(\.\d+)?)?$/.test(text) || !(seconds > 0) || seconds > 86400) {
    throw new UserError(
      `KATA_TEST_TIME_LIMIT must be a number of seconds from above 0 to 86400 (a day), e.g. 120: received ${
        visible(text, { quote: true, max: 40 })
      }`,
      EXIT_USAGE,
    );
  }
  return seconds;
}

/** Where a run of deno test is, read from its pretty reporter as it prints. */
export class RunWatch {
  /** The test file whose tests started last. */
  file?: string;
  /** The test that started and has not ended, if any. */
  test?: string;
  #framed = false;
  #partial = "";

  /** Whether the reporter is in the middle of a line (a test's name, its result to come). */
  get midLine(): boolean {
    return this.#partial !== "";
  }

  /** Reads a piece of the reporter's output; true when it shows the run moving on. */
  read(chunk: string): boolean {
    const lines = (this.#partial + chunk).split("\n");
    this.#partial = lines.pop()!;
    let moved = false;
    // The line not ended yet too: a test's name shows as the test starts,
    // its result on that line as it ends.
    for (const [i, line] of [...lines, this.#partial].map(plain).entries()) {
      const frame = line.match(/^-+ (post-test )?output( end)? -+$/);
      if (frame) this.#framed = !frame[2];
      else if (!this.#framed) {
        const [file, test] = [line.match(FILE_LINE), line.match(TEST_LINE)];
        const before = this.test;
        if (file) [this.file, this.test] = [file[1], undefined];
        else if (test) this.test = test[2] ? undefined : test[1];
        moved ||= i < lines.length || this.test !== before;
      }
    }
    return moved;
  }
}

/** `running 7 tests from ./tests/step1/04_softmax_test.ts` */
const FILE_LINE = /^running \d+ tests? from \.\/(.+)$/;
/** `name ...` as a test starts, `name ... ok (1ms)` as it ends. */
const TEST_LINE = /^(\S.*) \.\.\.( .*)?$/;

/** A line of deno's output without its colours (deno task test keeps them). */
function plain(line: string): string {
  // deno-lint-ignore no-control-regex
  return line.replace(/\x1b\[[\d;]*m/g, "").trimEnd();
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

/** Where a run stopped by its time limit was, and what to say about it. */
export interface Stuck {
  /** The test file that did not finish, when it can be told. */
  file?: string;
  /** The lesson to look at, when it can be told. */
  lesson?: LessonEntry;
  /** One sentence: which file did not finish, and where the loop may be. */
  sentence: string;
}

/**
 * Where `watch` was when the limit ran out. A test running names its lesson
 * by its name's first word; no test running means the next test file is
 * loading (its top level runs before the reporter says a word about it),
 * which is the one after the last that started when the `files` of the run
 * are known, in the order they run.
 */
export function stuckAt(
  watch: RunWatch,
  seconds: number,
  files?: readonly string[],
): Stuck {
  const { test } = watch;
  const file = test !== undefined
    ? watch.file
    : files?.[files.indexOf(watch.file ?? "") + 1];
  const lesson =
    allLessons().find((e) => test?.startsWith(`${e.lesson.id} `)) ??
      allLessons().find((e) => e.testFile === file);
  const suspect = lesson?.lessonFile;
  const sentence = test !== undefined
    ? `${file} has run ${seconds} s without finishing a test (${
      visible(test, { quote: true, max: 100 })
    } is running): is a loop in ${suspect ?? "a lesson it runs"} stuck?`
    : file !== undefined
    ? `${file} has run ${seconds} s without finishing loading: is a loop at the top level of ${
      suspect ?? "a lesson"
    } or of a file it imports stuck?`
    : `The tests have run ${seconds} s without another test starting${
      watch.file === undefined ? "" : ` after ${watch.file}`
    }: is a loop at the top level of a lesson stuck?`;
  return { file, lesson, sentence };
}
