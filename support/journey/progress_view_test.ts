import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons, TRACKS } from "../manifest.ts";
import type { TestOutcome } from "../test_report.ts";
import { type ViewOptions } from "./progress_view.ts";
import { PLAIN, stripAnsi } from "../cli/style.ts";
import { summarize } from "./lesson_progress.ts";
import {
  openAtLine,
  renderProgress,
  testCommand,
  trainCommand,
} from "./progress_view.ts";
import { ROOT_DIR } from "../root.ts";

const OPTIONS: ViewOptions = {
  style: PLAIN,
  root: "/home/learner/kata/",
  offline: false,
  hintsSeen: (id) => (id === "step1/04" ? 1 : 0),
  lineOf: () => 38,
};

/** Progress where the lessons before `firstOpen` pass and the rest are stubs. */
function progressUpTo(firstOpen: string) {
  const entries = allLessons();
  const open = entries.findIndex((e) => e.lesson.id === firstOpen);
  const outcomes: TestOutcome[] = entries.map((e, i) => ({
    name: `${e.lesson.id} works`,
    file: e.testFile,
    status: i < open || open === -1 ? "passed" : "failed",
    message: i < open || open === -1
      ? undefined
      : `Uncaught NotImplementedError: f() is not implemented yet: open ${e.lessonFile} (lesson ${e.lesson.id}, "t") and write it.`,
    notImplemented: !(i < open || open === -1),
  }));
  return summarize({ outcomes, code: 1, output: "" });
}

Deno.test("renderProgress() shows a bar per track and the next lesson's file, guide, failure and hint", () => {
  const view = renderProgress(progressUpTo("step1/04"), OPTIONS);
  const step1 = TRACKS.find((t) => t.dir === "step1")!;
  assertStringIncludes(view, `Step 1 · ${step1.title}`);
  assertStringIncludes(
    view,
    `███░░░░░░░░  3 of ${step1.lessons.length} lessons · 3 of ${step1.lessons.length} tests`,
  );
  assertStringIncludes(
    view,
    "Next: step1/04 · Softmax: scores to probabilities (not started)",
  );
  assertStringIncludes(
    view,
    "file    /home/learner/kata/lessons/step1/04_softmax.ts:38",
  );
  assertStringIncludes(view, "guide   1.3 Linear & softmax");
  assertStringIncludes(view, "failing step1/04 works");
  assertStringIncludes(view, "NotImplementedError: f() is not implemented yet");
  assertStringIncludes(
    view,
    "test    deno test tests/step1/04_softmax_test.ts",
  );
  assertStringIncludes(view, "stuck?  deno task hint (hint 2 of 2)");
  assertEquals(view, stripAnsi(view), "no escapes in the plain style");
});

Deno.test("renderProgress() colours and links only when the style says so", () => {
  const view = renderProgress(progressUpTo("step1/04"), {
    ...OPTIONS,
    style: { color: true, links: true, columns: 60 },
  });
  assertStringIncludes(
    view,
    "\x1b]8;;file:///home/learner/kata/lessons/step1/04_softmax.ts\x1b\\",
  );
  assertStringIncludes(view, "\x1b[32m");
  for (const line of stripAnsi(view).split("\n")) {
    if (line.startsWith("  failing") || line.startsWith("          ")) {
      assert(line.length <= 60, `line wider than the terminal: ${line}`);
    }
  }
});

Deno.test("renderProgress() congratulates a finished track and points at train", () => {
  const view = renderProgress(progressUpTo("none"), OPTIONS);
  for (const track of TRACKS) {
    assertStringIncludes(
      view,
      `✓ Step ${track.step} is complete: all ${track.lessons.length} lessons pass. Train your model: ${
        trainCommand(track)
      }`,
    );
  }
  assertStringIncludes(view, "Every lesson of every track passes");
  assertEquals(view.includes("Next:"), false);
});

Deno.test("renderProgress() lists every lesson with --list, waiting ones with their blocker", () => {
  const progress = progressUpTo("step1/02");
  const mlp = progress.tracks.flatMap((t) => t.lessons).find((l) =>
    l.entry.lesson.id === "step1/05"
  )!;
  mlp.state = "waiting";
  mlp.waitingOn = allLessons().find((e) => e.lesson.id === "step1/02");
  const view = renderProgress(progress, { ...OPTIONS, list: true });
  assertStringIncludes(view, "✓ step1/01  Tokenizer");
  assertStringIncludes(view, "· step1/02  Parameters");
  assertStringIncludes(view, "… step1/05  The MLP");
  assertStringIncludes(view, "(waiting on step1/02)");
});

Deno.test("trainCommand() and testCommand() name the commands to type", () => {
  const step = (n: number) => ({ ...TRACKS[0], step: n });
  assertEquals(trainCommand(step(1)), "deno task train");
  assertEquals(trainCommand(step(2)), "deno task train --step 2");
  assertEquals(
    testCommand("tests/step1/04_softmax_test.ts", true),
    "deno task test tests/step1/04_softmax_test.ts",
  );
});

Deno.test("openAtLine points at the function the failing test names, else the first todo()", () => {
  const file = "lessons/step0/02_count_table.ts";
  const text = Deno.readTextFileSync(ROOT_DIR + file).split("\n");
  const declared =
    text.findIndex((line) => line.startsWith("export function emptyCounts")) +
    1;
  assertEquals(
    openAtLine(file, "step0/02 emptyCounts() gives every row its own array"),
    declared,
  );
  const firstTodo = text.findIndex((line) => /\btodo\(/.test(line)) + 1;
  assertEquals(
    openAtLine(file, "step0/02 some test without a name"),
    firstTodo,
  );
  assertEquals(openAtLine(file), firstTodo);
});

Deno.test("renderProgress() escapes control characters in test names, messages and problems", () => {
  const progress = progressUpTo("step1/04");
  const current = progress.current!;
  const evil = "boom\x1b]0;title\x07\x1b[2J\x9b";
  current.failure = { test: `step1/04 ${evil}`, message: `Error: ${evil}` };
  const view = renderProgress({ ...progress, problems: [evil] }, OPTIONS);
  assertStringIncludes(view, "boom\\u001b]0;title\\u0007\\u001b[2J\\u009b");
  const controls = [...view].filter((c) => /\p{Cc}/u.test(c) && c !== "\n");
  assertEquals(controls, []);
});
