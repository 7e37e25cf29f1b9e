import { assert, assertEquals } from "@std/assert";
import { allLessons, type LessonEntry, TRACKS } from "../manifest.ts";
import { lessonProgress, summarize, testFilesIn } from "./lesson_progress.ts";
import { runTests, type TestOutcome } from "./test_report.ts";

const entry = (id: string) => allLessons().find((e) => e.lesson.id === id)!;
const MLP = entry("step1/05");

/** An outcome of `e`'s test file: passed, or failed (on `stub`'s stub, if given). */
function outcome(e: LessonEntry, failed?: string, stub?: string): TestOutcome {
  const status = failed === undefined ? "passed" : "failed";
  return {
    name: `${e.lesson.id} t`,
    file: e.testFile,
    status,
    message: failed,
    stub,
  };
}

/** Failed on `e`'s own stub, as todo()'s message says. */
function onStub(test: LessonEntry, e: LessonEntry = test): TestOutcome {
  const message =
    `Uncaught NotImplementedError: f() is not implemented yet: open ${e.lessonFile} (lesson ${e.lesson.id}, "t") and write it.`;
  return outcome(test, message, e.lesson.id);
}

Deno.test("lessonProgress() sorts a lesson into done, not started, in progress or waiting", () => {
  // "state passed/total waiting-on: failing test: its message"
  const state = (...outcomes: TestOutcome[]) => {
    const { state, passed, total, waitingOn, failure } = lessonProgress(
      MLP,
      outcomes,
    );
    const waiting = waitingOn?.lesson.id ?? "-";
    return `${state} ${passed}/${total} ${waiting}: ${failure?.test}: ${failure?.message}`;
  };
  const ignored = { ...outcome(MLP), status: "ignored" as const };
  assertEquals(
    state(outcome(MLP), ignored),
    "done 1/1 -: undefined: undefined",
  );
  const stub = "step1/05 t: NotImplementedError: f() is not implemented yet";
  assertEquals(state(onStub(MLP), onStub(MLP)), `not started 0/2 -: ${stub}`);
  assertEquals(state(outcome(MLP), onStub(MLP)), `in progress 1/2 -: ${stub}`);
  const wrong = outcome(
    MLP,
    "Uncaught AssertionError: Values are not equal.\n\n  [Diff]",
  );
  assertEquals(
    state(onStub(MLP), wrong),
    "in progress 0/2 -: step1/05 t: AssertionError: Values are not equal.",
  );
  // The earliest other lesson whose stub its tests ran into.
  const waiting = state(
    onStub(MLP),
    onStub(MLP, entry("step1/04")),
    onStub(MLP, entry("step1/02")),
  );
  assertEquals(waiting, `waiting 0/3 step1/02: ${stub}`);
  // No test at all: never done.
  assertEquals(state().split(" ")[0], "in");
});

Deno.test("summarize() follows the track edited last, on to the next, and else the first one begun", () => {
  const track = (step: number) => TRACKS.find((t) => t.step === step)!;
  const passing = (step: number) =>
    allLessons().map((e) => e.track.step === step ? outcome(e) : onStub(e));
  const current = (outcomes: TestOutcome[], anchor?: number) =>
    summarize(outcomes, anchor === undefined ? undefined : track(anchor))
      .current?.entry.lesson.id;
  // Step 1 finished, last edited there: on to Step 2, not back to Step 0.
  assertEquals(current(passing(1), 1), "step2/01");
  // A learner who began with Step 1 (nothing passes yet) is followed there.
  assertEquals(current(passing(-1), 1), "step1/01");
  // The last track finished: back round to the first unfinished one.
  const last = TRACKS.at(-1)!.step;
  assertEquals(current(passing(last), last), "step0/01");
  // Without an anchor: the first track begun.
  const begun = allLessons().map((e) =>
    e.lesson.id === "step1/01" ? outcome(e) : onStub(e)
  );
  const progress = summarize(begun);
  assertEquals(progress.current?.entry.lesson.id, "step1/02");
  const step1 = progress.tracks.find((t) => t.track.step === 1)!;
  assertEquals([step1.done, step1.passed, step1.total], [
    1,
    1,
    step1.lessons.length,
  ]);
});

Deno.test("summarize() keeps a track's other tests as its checks", () => {
  const outcomes = allLessons().map((e) => outcome(e));
  const fidelity: TestOutcome = {
    name: "step1 g",
    file: "tests/step1/guide_fidelity_test.ts",
    status: "ignored",
  };
  const progress = summarize([...outcomes, fidelity]);
  assertEquals([progress.current, progress.problem], [undefined, undefined]);
  assertEquals(progress.tracks[1].checks, [fidelity]);
});

Deno.test("testFilesIn() finds test files as deno test does, folders and files alike", () => {
  const all = testFilesIn(["tests/"]);
  for (const e of allLessons()) assert(all.includes(e.testFile));
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
  const map = "--import-map=support/maps/offline.json";
  const run = await runTests([map, "--no-check", ...files]);
  assertEquals(run.outcomes.length, files.length, run.output);
  for (const o of run.outcomes) {
    assertEquals(o.status, "ignored", o.name);
    assert(
      o.name.endsWith(
        "(ignored: it reads data/names.txt: run deno task test -R)",
      ),
      o.name,
    );
  }
});
