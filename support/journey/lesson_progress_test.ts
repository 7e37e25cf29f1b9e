import { assert, assertEquals } from "@std/assert";
import { allLessons, type LessonEntry, TRACKS } from "../manifest.ts";
import { runTests, type TestOutcome } from "../test_report.ts";
import { NEEDS_GUIDE_NAMES } from "../../tests/_guide.ts";
import {
  lessonProgress,
  loadErrors,
  parseTypeErrors,
  summarize,
  testFilesIn,
} from "./lesson_progress.ts";

function entry(id: string): LessonEntry {
  return allLessons().find((e) => e.lesson.id === id)!;
}

function outcome(
  file: string,
  name: string,
  status: TestOutcome["status"],
  message?: string,
): TestOutcome {
  return {
    name,
    file,
    status,
    message,
    notImplemented: message?.includes("NotImplementedError") ?? false,
  };
}

/** The message todo() gives for a lesson's stub. */
function stubMessage(e: LessonEntry): string {
  return `Uncaught NotImplementedError: f() is not implemented yet: open ${e.lessonFile} (lesson ${e.lesson.id}, "${e.lesson.title}") and write it. Stuck? Run: deno task hint ${e.lesson.id}`;
}

const MLP = entry("step1/05");
const PARAMS = entry("step1/02");

Deno.test("lessonProgress() is done when every test that ran passes", () => {
  const p = lessonProgress(MLP, [
    outcome(MLP.testFile, "a", "passed"),
    outcome(MLP.testFile, "b", "ignored"),
  ]);
  assertEquals([p.state, p.passed, p.total], ["done", 1, 1]);
});

Deno.test("lessonProgress() is not started when its own stub fails every test", () => {
  const p = lessonProgress(MLP, [
    outcome(MLP.testFile, "a", "failed", stubMessage(MLP)),
    outcome(MLP.testFile, "b", "failed", stubMessage(MLP)),
  ]);
  assertEquals(p.state, "not started");
  assertEquals(p.failure, {
    test: "a",
    message: "NotImplementedError: f() is not implemented yet",
  });
});

Deno.test("lessonProgress() is in progress when some tests pass or one fails for real", () => {
  const some = lessonProgress(MLP, [
    outcome(MLP.testFile, "a", "passed"),
    outcome(MLP.testFile, "b", "failed", stubMessage(MLP)),
  ]);
  assertEquals([some.state, some.passed, some.total], ["in progress", 1, 2]);
  const wrong = lessonProgress(MLP, [
    outcome(MLP.testFile, "a", "failed", stubMessage(MLP)),
    outcome(
      MLP.testFile,
      "b",
      "failed",
      "Uncaught AssertionError: Values are not equal.\n\n    [Diff]",
    ),
  ]);
  assertEquals(wrong.state, "in progress");
  assertEquals(wrong.failure, {
    test: "b",
    message: "AssertionError: Values are not equal.",
  });
});

Deno.test("lessonProgress() waits on an earlier lesson whose stub its tests ran into", () => {
  const p = lessonProgress(MLP, [
    outcome(MLP.testFile, "a", "failed", stubMessage(MLP)),
    outcome(MLP.testFile, "b", "failed", stubMessage(PARAMS)),
  ]);
  assertEquals(p.state, "waiting");
  assertEquals(p.waitingOn?.lesson.id, "step1/02");
});

Deno.test("lessonProgress() is in progress, never done, while it has type errors", () => {
  const p = lessonProgress(MLP, [outcome(MLP.testFile, "a", "passed")], [{
    message: "TS2322 Type 'string' is not assignable to type 'number'.",
    file: MLP.lessonFile,
    line: 40,
  }]);
  assertEquals(p.state, "in progress");
  assertEquals(p.failure!.test, `type error at ${MLP.lessonFile}:40`);
});

Deno.test("parseTypeErrors() reads deno's type errors and their files", () => {
  const output =
    `TS2322 [ERROR]: Type 'string' is not assignable to type 'number'.
  const x: number = "a"; return [x];
        ^
    at file:///somewhere/else/lessons/step1/04_softmax.ts:38:9

TS2345 [ERROR]: Argument of type 'number[]' is not assignable to parameter of type 'string'.
  assertEquals(relu([-2, -0.5, 0, 0.5, 3]), [0, 0, 0, 0.5, 3]);
                                            ~~~~~~~~~~~~~~~~~
    at ${new URL("../../tests/step1/05_mlp_test.ts", import.meta.url).href}:8:45

Found 2 errors.

error: Type checking failed.`;
  const errors = parseTypeErrors(output);
  assertEquals(errors.map((e) => [e.file, e.line]), [
    ["file:///somewhere/else/lessons/step1/04_softmax.ts", 38],
    ["tests/step1/05_mlp_test.ts", 8],
  ]);
  assertEquals(
    errors[0].message,
    "TS2322 Type 'string' is not assignable to type 'number'.",
  );
});

Deno.test("loadErrors() turns a test file that failed to load into a failure", () => {
  const output = `Uncaught error from ./tests/step1/11_sampling_test.ts FAILED

 ERRORS 

./tests/step1/11_sampling_test.ts (uncaught error)
error: (in promise) ${stubMessage(entry("step1/01")).replace("Uncaught ", "")}
  throw new NotImplementedError(`;
  const [failure] = loadErrors(output);
  assertEquals(failure.file, "tests/step1/11_sampling_test.ts");
  assertEquals(failure.notImplemented, true);
  const p = lessonProgress(entry("step1/11"), [failure]);
  assertEquals([p.state, p.waitingOn?.lesson.id], ["waiting", "step1/01"]);
});

Deno.test("summarize() follows the learner into the first track they began", () => {
  const outcomes = allLessons().map((e) =>
    outcome(
      e.testFile,
      `${e.lesson.id} t`,
      e.lesson.id === "step1/01" ? "passed" : "failed",
      stubMessage(e),
    )
  );
  const progress = summarize({ outcomes, code: 1, output: "" });
  assertEquals(progress.currentTrack?.track.dir, "step1");
  assertEquals(progress.current?.entry.lesson.id, "step1/02");
  const step1 = progress.tracks.find((t) => t.track.dir === "step1")!;
  assertEquals([step1.done, step1.passed], [1, 1]);
  assertEquals(step1.total, step1.lessons.length);
});

Deno.test("summarize() has no current lesson when every lesson passes", () => {
  const outcomes = allLessons().map((e) =>
    outcome(e.testFile, `${e.lesson.id} t`, "passed")
  );
  const extra = outcome(
    "tests/step1/guide_fidelity_test.ts",
    "step1 g",
    "ignored",
  );
  const progress = summarize({
    outcomes: [...outcomes, extra],
    code: 0,
    output: "",
  });
  assertEquals(progress.current, undefined);
  assertEquals(progress.problems, []);
  const step1 = progress.tracks.find((t) => t.track.dir === "step1")!;
  assertEquals(step1.checks, [extra]);
});

Deno.test("summarize() reports a syntax error that stopped every test, in its lesson", () => {
  const output = `error: SyntaxError: Expression expected
   |
38 |   const x = ; return [x];
   |             ~
    at ${
    new URL("../../lessons/step1/04_softmax.ts", import.meta.url).href
  }:38:13
`;
  const progress = summarize({ outcomes: [], code: 1, output });
  assertEquals(progress.problems, [
    "SyntaxError: Expression expected (at lessons/step1/04_softmax.ts:38)",
  ]);
  assertEquals(progress.current?.entry.lesson.id, "step1/04");
});

Deno.test("summarize() follows the track the learner edited last, and on to the next", () => {
  const step1Done = allLessons().map((e) =>
    outcome(
      e.testFile,
      `${e.lesson.id} t`,
      e.track.dir === "step1" ? "passed" : "failed",
      stubMessage(e),
    )
  );
  const track = (dir: string) => TRACKS.find((t) => t.dir === dir)!;
  // Step 1 finished, last edited there: on to Step 2, not back to Step 0.
  const after = summarize(
    { outcomes: step1Done, code: 1, output: "" },
    [],
    track("step1"),
  );
  assertEquals(after.current?.entry.lesson.id, "step2/01");
  // A learner who began with Step 1 (nothing passes yet) is followed there.
  const fresh = allLessons().map((e) =>
    outcome(e.testFile, `${e.lesson.id} t`, "failed", stubMessage(e))
  );
  const begun = summarize(
    { outcomes: fresh, code: 1, output: "" },
    [],
    track("step1"),
  );
  assertEquals(begun.current?.entry.lesson.id, "step1/01");
  // The last track finished: back round to the first unfinished one.
  const last = TRACKS[TRACKS.length - 1];
  const lastDone = allLessons().map((e) =>
    outcome(
      e.testFile,
      `${e.lesson.id} t`,
      e.track === last ? "passed" : "failed",
      stubMessage(e),
    )
  );
  const wrapped = summarize(
    { outcomes: lastDone, code: 1, output: "" },
    [],
    last,
  );
  assertEquals(wrapped.current?.entry.lesson.id, allLessons()[0].lesson.id);
});

Deno.test("testFilesIn() finds test files as deno test does, folders and files alike", () => {
  const all = testFilesIn(["tests/"]);
  for (const entry of allLessons()) assert(all.includes(entry.testFile));
  assert(all.includes("tests/step1/guide_fidelity_test.ts"));
  assert(all.every((f) => f.endsWith("_test.ts")), "no fixtures");
  assertEquals(testFilesIn(["./tests/step1/04_softmax_test.ts"]), [
    "tests/step1/04_softmax_test.ts",
  ]);
  assertEquals(
    testFilesIn(["tests/step0"]),
    all.filter((f) => f.startsWith("tests/step0/")),
  );
});

Deno.test("an ignored guide-fidelity test names the command that runs it, online or offline", async () => {
  const files = testFilesIn(["tests/"]).filter((f) =>
    f.endsWith("/guide_fidelity_test.ts")
  );
  assert(files.length >= 3, files.join(", "));
  // Without -R the tests cannot read names.txt: each says what to do.
  const run = await runTests(files, {
    importMap: "support/maps/offline.json",
    flags: ["--no-check"],
  });
  assertEquals(run.outcomes.length, files.length, run.output);
  for (const outcome of run.outcomes) {
    assertEquals(outcome.status, "ignored", outcome.name);
    assert(outcome.name.endsWith(NEEDS_GUIDE_NAMES), outcome.name);
  }
  assert(NEEDS_GUIDE_NAMES.includes("deno task test -R"));
});
