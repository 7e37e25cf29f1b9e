/**
 * `deno task progress` end to end, one case per promise: it shows where the
 * learner is, reuses results until their code changes, follows the track
 * edited last, shows deno's own words when the tests cannot run, stops an
 * endless loop naming its lesson, and never waits on a pipe. What it shows
 * in each state is pinned by journey/progress_view_test.ts.
 */

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons } from "../manifest.ts";
import {
  copyKata,
  edit,
  journey,
  makePipe,
  removeCopy,
  type Result,
} from "./_testing.ts";

const lesson = (id: string) => allLessons().find((e) => e.lesson.id === id)!;
const TOKENIZER = lesson("step0/01");
const LINEAR = lesson("step1/03");
const SOFTMAX = lesson("step1/04");
const FORWARD = lesson("step1/06");

/** Runs progress in a fresh copy of the kata with only `tests`, after `prepare`. */
async function progressIn(
  tests: string[],
  prepare: (root: string) => void | Promise<void>,
  env: Record<string, string> = {},
): Promise<Result & { root: string }> {
  const root = await copyKata({ tests });
  try {
    await prepare(root);
    return { root, ...await journey(root, "progress", ["--list"], { env }) };
  } finally {
    await removeCopy(root);
  }
}

Deno.test("progress shows where the learner is, and reuses results until their code changes", async () => {
  const root = await copyKata({
    tests: [TOKENIZER.testFile, SOFTMAX.testFile, FORWARD.testFile],
    git: true,
  });
  try {
    // No NO_COLOR: colours must go away because stdout is a pipe.
    const first = await journey(root, "progress", ["--list"], {
      env: { NO_COLOR: "" },
    });
    assertEquals(first.code, 0, first.err);
    assert(!first.out.includes("\x1b"), "no escapes when piped");
    // What each line says is pinned by journey/progress_view_test.ts.
    assertStringIncludes(first.out, "Next: step0/01 · ");
    assertStringIncludes(first.out, `file    ${root}${TOKENIZER.lessonFile}:`);
    assertStringIncludes(first.out, "buildTokenizer() is not implemented yet");
    assertStringIncludes(first.out, "… step1/06  ");

    // A stored result is used as it is: plant one that says "passed".
    const cacheFile = `${root}.kata/test_results.json`;
    const stored = JSON.parse(Deno.readTextFileSync(cacheFile));
    stored.entries[TOKENIZER.testFile].outcomes = [
      { name: "planted", file: TOKENIZER.testFile, status: "passed" },
    ];
    Deno.writeTextFileSync(cacheFile, JSON.stringify(stored));
    const planted = await journey(root, "progress", ["--list"]);
    assertStringIncludes(planted.out, `✓ ${TOKENIZER.lesson.id}`);

    // A lesson of Step 1 changes: its key changes, its tests run again,
    // and the learner is followed into Step 1.
    edit(root, LINEAR.lessonFile, (text) => `${text}\n// mine\n`);
    const edited = await journey(root, "progress", ["--list"]);
    assertStringIncludes(edited.out, `✓ ${TOKENIZER.lesson.id}`);
    assertStringIncludes(edited.out, "Next: step1/01");
  } finally {
    await removeCopy(root);
  }
});

Deno.test("progress shows deno's own words when the lessons do not type-check, naming the lesson, exit 1", async () => {
  const { code, out, err, root } = await progressIn(
    [SOFTMAX.testFile],
    (root) =>
      edit(
        root,
        SOFTMAX.lessonFile,
        (text) =>
          text.replace("  todo(", '  const n: number = "one";\n  todo('),
      ),
  );
  assertEquals(code, 1, err);
  assertStringIncludes(
    out,
    "The tests could not run:\n  TS2322 [ERROR]: Type 'string' is not assignable to type 'number'.\n",
  );
  assertStringIncludes(out, `at file://${root}${SOFTMAX.lessonFile}:`);
  assertStringIncludes(out, `file    ${root}${SOFTMAX.lessonFile}:`);
});

Deno.test("progress stops an endless loop within its time limit and names the lesson to look at", async () => {
  const tests = [TOKENIZER, LINEAR, SOFTMAX, FORWARD].map((e) => e.testFile);
  // A short limit keeps the test quick; the default is for real lessons.
  const env = { KATA_TEST_TIME_LIMIT: "5" };
  const started = performance.now();
  const [inFunction, atTopLevel] = await Promise.all([
    // A loop printing lines like the reporter's: what tests print is no progress.
    progressIn(
      tests,
      (root) =>
        edit(root, SOFTMAX.lessonFile, (text) =>
          text.replace(
            "  todo(",
            "  for (let i = 0; ; i++) console.log(`epoch ${i} ... ok (1ms)`);\n  todo(",
          )),
      env,
    ),
    progressIn(
      tests,
      (root) =>
        edit(root, LINEAR.lessonFile, (text) => `${text}\nwhile (true) {}\n`),
      env,
    ),
  ]);
  const seconds = (performance.now() - started) / 1000;
  assertEquals(inFunction.code, 1, inFunction.err);
  assertStringIncludes(
    inFunction.out,
    `\n  ${SOFTMAX.testFile} has run 5 s without finishing a test ("step1/04 `,
  );
  assertStringIncludes(
    inFunction.out,
    `is running): is a loop in ${SOFTMAX.lessonFile} stuck?\n`,
  );
  assertStringIncludes(
    inFunction.out,
    `file    ${inFunction.root}${SOFTMAX.lessonFile}`,
  );

  assertEquals(atTopLevel.code, 1, atTopLevel.err);
  assertStringIncludes(
    atTopLevel.out,
    `\n  ${LINEAR.testFile} has run 5 s without finishing loading: is a loop at the top level of ${LINEAR.lessonFile} or of a file it imports stuck?\n`,
  );
  assertStringIncludes(
    atTopLevel.out,
    `file    ${atTopLevel.root}${LINEAR.lessonFile}`,
  );
  assert(
    seconds < 40,
    `took ${seconds.toFixed(1)} s: each limit waited out about once`,
  );
});

Deno.test("progress does not wait on a pipe put where a lesson file should be", async () => {
  let piped = false;
  const { code, out, err } = await progressIn([], async (root) => {
    Deno.removeSync(root + SOFTMAX.lessonFile);
    piped = await makePipe(root + SOFTMAX.lessonFile);
  });
  if (!piped) return; // No mkfifo here.
  assertEquals(code, 1, err);
  assertStringIncludes(
    out,
    `\n  ${SOFTMAX.lessonFile} is a pipe, expected the lesson's file: move it away, then deno task reset step1/04 puts the stub back\n`,
  );
});

Deno.test("progress refuses a wrong flag, step or time limit in one sentence, and prints its help", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const runs = await Promise.all([
    journey(root, "progress", ["--bogus"]),
    journey(root, "progress", ["--step", "9"]),
    journey(root, "progress", [], { env: { KATA_TEST_TIME_LIMIT: "abc" } }),
    journey(root, "progress", ["--help"]),
  ]);
  assertEquals(runs.map((r) => r.err.trim()), [
    'error: Unknown flag "--bogus" (usage: deno task progress [--list] [--step N])',
    'error: --step must be one of 0, 1, 2, 3, 4, 5: received "9" (usage: deno task progress [--list] [--step N])',
    'error: KATA_TEST_TIME_LIMIT must be a number of seconds from above 0 to 86400 (a day), e.g. 120: received "abc"',
    "",
  ]);
  assertEquals(runs.map((r) => r.code), [2, 2, 2, 0]);
  assertStringIncludes(
    runs[3].out,
    "Usage: deno task progress [--list] [--step N]",
  );
});
