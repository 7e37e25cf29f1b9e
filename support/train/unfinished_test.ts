import { assertEquals, assertMatch } from "@std/assert";
import { TRACKS } from "../manifest.ts";
import type { TestOutcome } from "../journey/test_report.ts";
import { summarize } from "../journey/lesson_progress.ts";
import { blockingTrack, unfinishedMessage } from "./unfinished.ts";

/** The progress engine's verdict on Step 1's track for these outcomes. */
function lessonProgress(track: typeof TRACK, outcomes: TestOutcome[]) {
  return summarize(outcomes).tracks
    .find((t) => t.track === track)!;
}

const TRACK = TRACKS.find((track) => track.step === 1)!;

function outcome(slug: string, status: TestOutcome["status"]): TestOutcome {
  return {
    name: `step1/${slug.slice(0, 2)} test`,
    file: `tests/step1/${slug}_test.ts`,
    status,
  };
}

Deno.test("lessonProgress() counts lessons whose tests all pass", () => {
  const progress = lessonProgress(TRACK, [
    outcome("01_tokenizer", "passed"),
    outcome("02_parameters", "passed"),
    outcome("02_parameters", "ignored"),
    outcome("03_linear", "passed"),
    outcome("03_linear", "failed"),
    outcome("04_softmax", "passed"),
  ]);
  assertEquals(progress.done, 3);
  assertEquals(progress.lessons.length, TRACK.lessons.length);
  assertEquals(
    progress.lessons.find((l) => l.state !== "done")?.entry.lesson.id,
    "step1/03",
  );
});

Deno.test("lessonProgress() has no next lesson when all pass", () => {
  const progress = lessonProgress(
    TRACK,
    TRACK.lessons.map((lesson) => outcome(lesson.slug, "passed")),
  );
  assertEquals(progress.done, progress.lessons.length);
  assertMatch(
    unfinishedMessage(1, "x", progress)[1],
    /11 of 11 lessons pass their tests\.$/,
  );
});

Deno.test("unfinishedMessage() says what is done, what is next, and --solutions", () => {
  const reason =
    "softmax() is not implemented yet: open lessons/step1/04_softmax.ts";
  const progress = lessonProgress(TRACK, [outcome("01_tokenizer", "passed")]);
  const lines = unfinishedMessage(1, reason, progress);
  assertEquals(lines[0], `The trainer stopped: ${reason}`);
  assertMatch(
    lines[1],
    /^Step 1 \(.*\): 1 of 11 lessons pass their tests; next: step1\/02 ".*" \(lessons\/step1\/02_parameters\.ts\)$/,
  );
  assertEquals(
    lines[2],
    "To watch the finished trainer now: deno task train --solutions",
  );
  assertMatch(
    unfinishedMessage(1, reason, undefined)[1],
    /run deno task progress/,
  );
  assertMatch(
    unfinishedMessage(2, reason, undefined)[2],
    /--solutions --step 2$/,
  );
  const sample = unfinishedMessage(1, reason, undefined, "sample");
  assertEquals(sample[0], `The sampler stopped: ${reason}`);
  assertEquals(
    sample[2],
    "To sample with the finished code now: deno task sample --solutions",
  );
});

Deno.test("unfinishedMessage() says when a step is waiting on an earlier step's lesson", () => {
  const reason =
    "encode() is not implemented yet: open lessons/step1/01_tokenizer.ts";
  const track = blockingTrack(2, reason);
  assertEquals(track?.step, 1);
  const lines = unfinishedMessage(
    2,
    reason,
    lessonProgress(track!, [outcome("01_tokenizer", "failed")]),
    "train",
    track,
  );
  assertEquals(
    lines[1],
    'Step 2 builds on Step 1 (Gradient descent: a neural bigram model): 0 of 11 lessons pass their tests; next: step1/01 "Tokenizer: characters to ids and back" (lessons/step1/01_tokenizer.ts)',
  );
  assertEquals(
    lines[2],
    "To watch the finished trainer now: deno task train --solutions --step 2",
  );
  assertEquals(blockingTrack(2, "no lesson named here")?.step, 2);
});
