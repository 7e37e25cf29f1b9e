import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons, TRACKS } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";
import { summarize } from "./lesson_progress.ts";
import {
  openAtLine,
  renderProgress,
  type ViewOptions,
} from "./progress_view.ts";
import type { TestOutcome } from "./test_report.ts";

const OPTIONS: ViewOptions = {
  offline: false,
  hintsSeen: { "step1/04": 1 },
  solutions: true,
};

/** Progress where the lessons before `firstOpen` pass and the rest are stubs. */
function progressUpTo(firstOpen: string) {
  const entries = allLessons();
  const open = entries.findIndex((e) => e.lesson.id === firstOpen);
  const outcomes: TestOutcome[] = entries.map((e, i) =>
    i < open || open === -1
      ? { name: `${e.lesson.id} works`, file: e.testFile, status: "passed" }
      : {
        name: `${e.lesson.id} works`,
        file: e.testFile,
        status: "failed",
        message:
          `Uncaught NotImplementedError: f() is not implemented yet: open ${e.lessonFile} (lesson ${e.lesson.id}, "t") and write it.`,
        stub: e.lesson.id,
      }
  );
  return summarize(outcomes);
}

Deno.test("renderProgress() shows a bar per track and the next lesson's file, guide, failure, test and hint", () => {
  const view = renderProgress(progressUpTo("step1/04"), OPTIONS);
  const step1 = TRACKS.find((t) => t.dir === "step1")!;
  const n = step1.lessons.length;
  for (
    const line of [
      `Step 1 · ${step1.title}`,
      `███░░░░░░░░  3 of ${n} lessons · 3 of ${n} tests`,
      "Next: step1/04 · Softmax: scores to probabilities (not started)",
      `file    ${ROOT_DIR}lessons/step1/04_softmax.ts:`,
      "guide   1.3 Linear & softmax",
      "failing step1/04 works\n          NotImplementedError: f() is not implemented yet\n",
      "test    deno test tests/step1/04_softmax_test.ts",
      "stuck?  deno task hint (hint 2 of 2)",
    ]
  ) assertStringIncludes(view, line);
  assert(!view.includes("\x1b"), "no colours when stdout is not a terminal");
  const offline = renderProgress(progressUpTo("step1/04"), {
    ...OPTIONS,
    offline: true,
    hintsSeen: { "step1/04": 2 },
  });
  assertStringIncludes(offline, "test    deno task test tests/step1/04_");
  assertStringIncludes(
    offline,
    "stuck?  all 2 hints seen (deno task hint --all); compare: deno task compare",
  );
});

Deno.test("renderProgress() congratulates a finished track, with its checks and its train command", () => {
  const progress = progressUpTo("none");
  progress.tracks[1].checks = [{
    name: "step1 reproduces the guide",
    file: "tests/step1/guide_fidelity_test.ts",
    status: "failed",
    message: "AssertionError: 2.1 != 2.2\nmore",
  }];
  const view = renderProgress(progress, OPTIONS);
  for (const track of TRACKS) {
    assertStringIncludes(
      view,
      `✓ Step ${track.step} is complete: all ${track.lessons.length} lessons pass. Train your model: deno task train --step ${track.step}`,
    );
  }
  assertStringIncludes(
    view,
    "  ✗ step1 reproduces the guide\n    AssertionError: 2.1 != 2.2 (tests/step1/guide_fidelity_test.ts)\n",
  );
  assertStringIncludes(view, "Every lesson of every track passes");
  assert(!view.includes("Next:"));
});

Deno.test("renderProgress() lists every lesson with --list, waiting ones with their blocker", () => {
  const progress = progressUpTo("step1/02");
  Object.assign(progress.tracks[1].lessons[4], {
    state: "waiting",
    waitingOn: allLessons().find((e) => e.lesson.id === "step1/02"),
  });
  const view = renderProgress(progress, { ...OPTIONS, list: true });
  assertStringIncludes(view, "    ✓ step1/01  Tokenizer");
  assertStringIncludes(view, "    · step1/02  Parameters");
  assertStringIncludes(view, "    … step1/05  The MLP");
  assertStringIncludes(view, "(waiting on step1/02)");
});

Deno.test("renderProgress() shows problems line by line, made visible, and cuts to the terminal's width", () => {
  const progress = progressUpTo("step1/04");
  const evil = "boom\x1b]0;title\x07\x1b[2J\x9b";
  progress.current!.failure = {
    test: `step1/04 ${evil}${"x".repeat(80)}`,
    message: `Error: ${evil}`,
  };
  const view = renderProgress(
    { ...progress, problem: `error: ${evil}\n  at here` },
    { ...OPTIONS, columns: 60 },
  );
  assertStringIncludes(
    view,
    "The tests could not run:\n  error: boom\\u001b]0;title\\u0007\\u001b[2J\\u009b\n    at here\n",
  );
  const controls = [...view].filter((c) => /\p{Cc}/u.test(c) && c !== "\n");
  assertEquals(controls, []);
  const cut = renderProgress(progress, { ...OPTIONS, columns: 60 });
  const failing = cut.split("\n").find((l) => l.startsWith("  failing"))!;
  assertEquals([failing.length, failing.endsWith("…")], [60, true]);
});

Deno.test("openAtLine() points at the function the failing test names, else the first todo()", () => {
  const file = "lessons/step0/02_count_table.ts";
  const text = Deno.readTextFileSync(ROOT_DIR + file).split("\n");
  const line = (test: RegExp) => text.findIndex((l) => test.test(l)) + 1;
  assertEquals(
    openAtLine(file, "step0/02 emptyCounts() gives every row its own array"),
    line(/^export function emptyCounts/),
  );
  assertEquals(openAtLine(file, "step0/02 no name"), line(/\btodo\(/));
  assertEquals(openAtLine(file), line(/\btodo\(/));
});
