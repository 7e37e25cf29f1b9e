import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons, TRACKS } from "../manifest.ts";
import {
  copyKata,
  git,
  journey,
  makePipe,
  removeCopy,
  type Result,
  solve,
} from "./_testing.ts";
import { trainCommand } from "../journey/progress_view.ts";

function existsSync(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Runs progress in a fresh copy of the kata after `prepare`s it. */
async function progressIn(
  prepare: (root: string) => Promise<void> | void,
  options: {
    args?: string[];
    env?: Record<string, string>;
    tests?: string[];
    timeout?: number;
  },
): Promise<Result & { root: string }> {
  const root = await copyKata({ tests: options.tests });
  try {
    await prepare(root);
    const { args, env, timeout } = options;
    return {
      root,
      ...(await journey(root, "progress", args, { env, timeout })),
    };
  } finally {
    await removeCopy(root);
  }
}

// The smallest track that stands alone, to solve in full (only its tests
// kept, to save time). Later tracks build on earlier tracks' lessons, so
// solving one of them alone would not complete it.
const SMALLEST =
  [...TRACKS].filter((t) => t.step <= 1).sort((a, b) =>
    a.lessons.length - b.lessons.length
  )[0];
const SMALLEST_LESSONS = allLessons().filter((e) => e.track === SMALLEST);

Deno.test("progress runs the tests and shows where the learner is", async (t) => {
  // Three copies of the kata, run side by side to save time.
  const [fresh, solved, broken] = await Promise.all([
    // No NO_COLOR: colours must go away because stdout is a pipe.
    progressIn(() => {}, { args: ["--list"], env: { NO_COLOR: "" } }),
    progressIn((root) => {
      for (const entry of SMALLEST_LESSONS) solve(root, entry.lessonFile);
    }, { tests: SMALLEST_LESSONS.map((e) => e.testFile) }),
    progressIn(async (root) => {
      const file = `${root}lessons/step1/04_softmax.ts`;
      const text = await Deno.readTextFile(file);
      await Deno.writeTextFile(file, text.replace("todo(", "const = todo("));
    }, { tests: ["tests/step1/04_softmax_test.ts"] }),
  ]);

  await t.step(
    "a fresh clone: 0 lessons done, the first lesson next, waiting ones named",
    () => {
      const { code, out, err, root } = fresh;
      assertEquals(code, 0, err);
      assertEquals(out.includes("\x1b"), false, "no escapes when piped");
      for (const track of TRACKS) {
        assertStringIncludes(out, `0 of ${track.lessons.length} lessons`);
      }
      const first = allLessons()[0];
      assertStringIncludes(
        out,
        `Next: ${first.lesson.id} · ${first.lesson.title} (not started)`,
      );
      assertStringIncludes(out, `file    ${root}${first.lessonFile}:`);
      assertStringIncludes(out, `guide   ${first.lesson.guide}`);
      assertStringIncludes(out, "NotImplementedError:");
      assertStringIncludes(out, `deno task test ${first.testFile}`);
      assertStringIncludes(out, `stuck?  deno task hint (hint 1 of `);
      assertStringIncludes(out, "(waiting on step1/02)");
    },
  );

  await t.step("a track solved: congratulations and its train command", () => {
    const { code, out, err } = solved;
    assertEquals(code, 0, err);
    const n = SMALLEST.lessons.length;
    assertStringIncludes(out, `${n} of ${n} lessons`);
    assertStringIncludes(
      out,
      `✓ Step ${SMALLEST.step} is complete: all ${n} lessons pass. Train your model: ${
        trainCommand(SMALLEST)
      }`,
    );
  });

  await t.step("a syntax error in a lesson: one sentence, exit 1", () => {
    const { code, out, err } = broken;
    assertEquals(code, 1);
    assertStringIncludes(out, "The tests could not run:");
    assertStringIncludes(out, "SyntaxError");
    assertStringIncludes(out, "(at lessons/step1/04_softmax.ts:");
    assert(!(out + err).includes("    at "), "no stack trace");
  });
});

Deno.test("progress refuses an unknown option in one sentence", async () => {
  const { code, out, err } = await journey(
    new URL("../../", import.meta.url).pathname,
    "progress",
    ["--bogus"],
  );
  assertEquals([code, out], [2, ""]);
  assertEquals(
    err.trim(),
    'error: Unknown flag "--bogus" (usage: deno task progress [--list] [--step N])',
  );
});

Deno.test("progress --help prints its help and runs no test", async () => {
  const root = await copyKata({ tests: [] });
  try {
    const { code, out, err } = await journey(root, "progress", ["--help"]);
    assertEquals([code, err], [0, ""]);
    assertStringIncludes(out, "Usage: deno task progress [--list] [--step N]");
    assertStringIncludes(out, "--step N");
    assertEquals(existsSync(`${root}.kata/test_results.json`), false);
  } finally {
    await removeCopy(root);
  }
});

Deno.test("progress reuses a test file's results until its code changes", async () => {
  const SOFTMAX = allLessons().find((e) => e.lesson.id === "step1/04")!;
  const TOKENIZER = allLessons().find((e) => e.lesson.id === "step0/01")!;
  const root = await copyKata({
    tests: [SOFTMAX.testFile, TOKENIZER.testFile],
  });
  try {
    const first = await journey(root, "progress", ["--list"]);
    assertEquals(first.code, 0, first.err);
    const cacheFile = `${root}.kata/test_results.json`;
    const stored = JSON.parse(await Deno.readTextFile(cacheFile));
    assertEquals(Object.keys(stored.entries).sort(), [
      TOKENIZER.testFile,
      SOFTMAX.testFile,
    ]);

    // A stored result is used as it is: plant one that says "passed".
    const entry = stored.entries[TOKENIZER.testFile];
    entry.result.outcomes = entry.result.outcomes.map(
      (o: Record<string, unknown>) => ({
        ...o,
        status: "passed",
        message: undefined,
        notImplemented: false,
      }),
    );
    await Deno.writeTextFile(cacheFile, JSON.stringify(stored));
    const planted = await journey(root, "progress", ["--list"]);
    assertStringIncludes(planted.out, `✓ ${TOKENIZER.lesson.id}`);

    // The lesson changes: its key changes, its tests run again.
    const file = root + TOKENIZER.lessonFile;
    await Deno.writeTextFile(file, (await Deno.readTextFile(file)) + "\n");
    const rerun = await journey(root, "progress", ["--list"]);
    assertEquals(rerun.out, first.out);

    // A damaged cache is ignored: the tests run.
    await Deno.writeTextFile(cacheFile, '{"version": 1, "entries": {');
    const damaged = await journey(root, "progress", ["--list"]);
    assertEquals(damaged.out, first.out);
  } finally {
    await removeCopy(root);
  }
});

Deno.test("progress follows the track whose lesson was edited last, or --step N", async () => {
  const root = await copyKata({ tests: ["tests/step0/01_tokenizer_test.ts"] });
  try {
    await git(root, "init", "-q");
    await git(root, "add", "-A");
    await git(root, "commit", "-q", "-m", "kata");
    const next = async (args: string[] = []) => {
      const { out, err } = await journey(root, "progress", args);
      return out.match(/^Next: (\S+)/m)?.[1] ?? err;
    };
    assertEquals(await next(), "step0/01");
    // The learner begins with Step 1: a started lesson there.
    const file = `${root}lessons/step1/03_linear.ts`;
    await Deno.writeTextFile(
      file,
      (await Deno.readTextFile(file)) + "\n// mine\n",
    );
    assertEquals(await next(), "step1/01");
    assertEquals(await next(["--step", "0"]), "step0/01");
    assertEquals(await next(["--step", "2"]), "step2/01");
    const bad = await journey(root, "progress", ["--step", "9"]);
    assertEquals(bad.code, 2);
    assertStringIncludes(bad.err, "--step must be one of 0, 1, 2");
  } finally {
    await removeCopy(root);
  }
});

Deno.test("the README's first command is the learner's, deno task progress, not the self-check", () => {
  const readme = Deno.readTextFileSync(
    new URL("../../README.md", import.meta.url),
  );
  const first = readme.match(/```sh\n([^\n]*)/)?.[1] ?? "";
  assert(first.startsWith("deno task progress "), first);
});

Deno.test("progress stops a test stuck in an endless loop and names its file, its test and its lesson", async (t) => {
  const SOFTMAX = allLessons().find((e) => e.lesson.id === "step1/04")!;
  const LINEAR = allLessons().find((e) => e.lesson.id === "step1/03")!;
  const TOKENIZER = allLessons().find((e) => e.lesson.id === "step0/01")!;
  const FORWARD = allLessons().find((e) => e.lesson.id === "step1/06")!;
  const tests = [
    TOKENIZER.testFile,
    LINEAR.testFile,
    SOFTMAX.testFile,
    FORWARD.testFile,
  ];
  // A short limit keeps the test quick; the default is for real lessons.
  const env = { KATA_TEST_TIME_LIMIT: "3" };
  const plant =
    (file: string, edit: (text: string) => string) => (root: string) =>
      Deno.writeTextFileSync(
        root + file,
        edit(Deno.readTextFileSync(root + file)),
      );
  const started = performance.now();
  const [inFunction, atTopLevel] = await Promise.all([
    progressIn(
      plant(SOFTMAX.lessonFile, (text) =>
        text.replace(
          "  todo(",
          "  let i = 0;\n  while (i < logits.length) {}\n  todo(",
        )),
      { args: ["--list"], env, tests, timeout: 40 },
    ),
    progressIn(
      plant(LINEAR.lessonFile, (text) => `${text}\nwhile (true) {}\n`),
      { args: ["--list"], env, tests, timeout: 40 },
    ),
  ]);
  const seconds = (performance.now() - started) / 1000;

  await t.step(
    "a loop in a lesson function: exit 1, the file and test named",
    () => {
      const { code, out, err } = inFunction;
      assertEquals(code, 1, err);
      assertStringIncludes(
        out,
        `\n  ${SOFTMAX.testFile} did not finish within 3 s (its test "step1/04 `,
      );
      assertStringIncludes(
        out,
        `" was running): is there an endless loop in step1/04 (${SOFTMAX.lessonFile})?\n`,
      );
      // The test files that finished still show: their stubs not started.
      assertStringIncludes(out, `· ${TOKENIZER.lesson.id}  `);
      assertStringIncludes(out, `· ${LINEAR.lesson.id}  `);
      // A test file that uses the stuck lesson is not run: it would get
      // stuck too, after another wait.
      assertStringIncludes(
        out,
        `… ${FORWARD.lesson.id}  ${FORWARD.lesson.title}  (waiting on step1/04)`,
      );
    },
  );

  await t.step(
    "a loop at a lesson's top level: the file that did not load named",
    () => {
      const { code, out, err } = atTopLevel;
      assertEquals(code, 1, err);
      assertStringIncludes(
        out,
        `\n  ${LINEAR.testFile} did not finish loading within 3 s: is there an endless loop at the top level of ${LINEAR.lessonFile} or of a file it imports?\n`,
      );
      // Its file is the one to open.
      assertStringIncludes(
        out,
        `file    ${atTopLevel.root}${LINEAR.lessonFile}`,
      );
    },
  );

  await t.step("bounded: each run waits out its limit about once", () => {
    assert(seconds < 45, `took ${seconds.toFixed(1)} s`);
  });
});

Deno.test("progress: a lesson printing reporter-like lines in a loop is still stopped", async () => {
  const SOFTMAX = allLessons().find((e) => e.lesson.id === "step1/04")!;
  const { code, out } = await progressIn(
    (root) => {
      const file = root + SOFTMAX.lessonFile;
      Deno.writeTextFileSync(
        file,
        Deno.readTextFileSync(file).replace(
          "  todo(",
          "  for (let i = 0; ; i++) console.log(`epoch ${i} ... ok (1ms)`);\n  todo(",
        ),
      );
    },
    {
      args: ["--list"],
      env: { KATA_TEST_TIME_LIMIT: "3" },
      tests: [SOFTMAX.testFile],
      timeout: 40,
    },
  );
  assertEquals(code, 1, out.slice(-500));
  assertStringIncludes(out, `${SOFTMAX.testFile} did not finish within 3 s`);
  assertStringIncludes(out, "is there an endless loop in step1/04");
});

Deno.test("progress refuses a time limit that is not a number of seconds", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  // 2147484 s would overflow a timer (2^31 ms); 1e20 s an AbortSignal.
  for (
    const limit of [
      "abc",
      "0",
      "-5",
      "1e9x",
      " 3",
      "2147484",
      "1" + "0".repeat(20),
    ]
  ) {
    const { code, out, err } = await journey(root, "progress", [], {
      env: { KATA_TEST_TIME_LIMIT: limit },
    });
    assertEquals([code, out], [2, ""], limit);
    assertEquals(
      err.trim(),
      `error: KATA_TEST_TIME_LIMIT must be a number of seconds from above 0 to 86400 (a day), e.g. 120: received "${limit}"`,
    );
  }
  const watch = await journey(root, "watch", [], {
    env: { KATA_TEST_TIME_LIMIT: "abc" },
  });
  assertEquals([watch.code, watch.out], [2, ""], "watch refuses it too");
  assertStringIncludes(
    watch.err,
    "KATA_TEST_TIME_LIMIT must be a number of seconds",
  );
});

Deno.test("progress does not wait on a pipe put where a lesson file should be", async () => {
  const MLP = allLessons().find((e) => e.lesson.id === "step1/05")!;
  let piped = false;
  const { code, out, err } = await progressIn(async (root) => {
    await Deno.remove(root + MLP.lessonFile);
    piped = await makePipe(root + MLP.lessonFile);
  }, { tests: [MLP.testFile], timeout: 30 });
  if (!piped) return; // No mkfifo here.
  assertEquals(code, 1, err);
  assertStringIncludes(
    out,
    `\n  ${MLP.lessonFile} is a pipe, expected the lesson's file: move it away, then deno task reset step1/05 puts the stub back\n`,
  );
});
