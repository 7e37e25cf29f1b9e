/**
 * The progress view: a bar per track, then what to do next.
 *
 *     Step 1 · Gradient descent: a neural bigram model
 *       ███▒░░░░░░░  3 of 11 lessons · 19 of 59 tests
 *
 *     Next: step1/04 · Softmax: scores to probabilities (in progress: 2 of 6 tests pass)
 *       file    /home/me/kata/lessons/step1/04_softmax.ts:38
 *       guide   1.3 Linear & softmax
 *       failing step1/04 softmax() stays finite for logits like [1000, 1001, 1002]
 *               AssertionError: expected finite values, found NaN,NaN,NaN
 *       test    deno test tests/step1/04_softmax_test.ts
 *       stuck?  deno task hint (hint 1 of 2)
 *
 * `renderProgress` is pure: everything it shows comes in through its
 * arguments; `viewOf` fills them in for this project. Colours come from
 * `styleText`, which leaves them out when stdout is not a terminal or
 * NO_COLOR is set; every text the tests produced goes through `visible()`.
 *
 * @module
 */

import { styleText } from "node:util";
import { MIB, readFileSafely } from "../cli/files.ts";
import { visible } from "../cli/style.ts";
import { hasSolutions, isOffline } from "../maps.ts";
import { ROOT_DIR } from "../root.ts";
import { hintsSeen } from "./kata_files.ts";
import type {
  LessonProgress,
  Progress,
  TrackProgress,
} from "./lesson_progress.ts";

/** What the view needs besides the progress itself. */
export interface ViewOptions {
  /** The project root, ending in "/", to make file paths absolute. */
  root: string;
  /** Offline the learner runs tests through `deno task test`. */
  offline: boolean;
  /** How many hints of each lesson (by id) the learner has seen. */
  hintsSeen: Record<string, number>;
  /** Whether solutions/ is there to compare with. */
  solutions: boolean;
  /** The line of a lesson file to open, for the failing test's name. */
  lineOf?: (lessonFile: string, failingTest?: string) => number | undefined;
  /** The terminal's width, to cut long lines; none when not a terminal. */
  columns?: number;
  /** List every lesson, not only the bars. */
  list?: boolean;
  /** Lines to end with (e.g. "Rerun on save: deno task watch"). */
  footer?: string[];
}

/** How each state shows: its cell in the bar, its mark in the list, its colour. */
const LOOK = {
  done: { cell: "█", mark: "✓", color: "green" },
  "in progress": { cell: "▒", mark: "▸", color: "yellow" },
  "not started": { cell: "░", mark: "·", color: "dim" },
  waiting: { cell: "░", mark: "…", color: "dim" },
} as const;

/** Renders the whole view as text. */
export function renderProgress(
  progress: Progress,
  options: ViewOptions,
): string {
  const out: string[] = [];
  const { current, problems } = progress;
  if (problems.length > 0) {
    out.push(styleText("red", "The tests could not run:"));
    for (const problem of problems) out.push(...indented(problem, "  "));
    if (current !== undefined) out.push(fileLine(current, options));
    out.push("Fix it, and the tests will tell you where you are again.");
  }
  for (const track of progress.tracks) out.push(...trackLines(track, options));
  const finished = progress.tracks.filter(isComplete);
  if (finished.length > 0) out.push("");
  for (const track of finished) out.push(...congratulations(track));
  if (problems.length === 0) {
    out.push(
      "",
      ...current !== undefined ? nextLines(current, options) : [
        styleText(
          "bold",
          "Every lesson of every track passes: you have built microGPT's pieces yourself.",
        ),
      ],
    );
  }
  if (options.footer?.length) {
    out.push("", ...options.footer.map((line) => styleText("dim", line)));
  }
  return out.join("\n");
}

function isComplete(track: TrackProgress): boolean {
  return track.lessons.length > 0 && track.done === track.lessons.length;
}

function trackLines(track: TrackProgress, options: ViewOptions): string[] {
  const bar = track.lessons.map((l) =>
    styleText(LOOK[l.state].color, LOOK[l.state].cell)
  ).join("");
  const counts =
    `${track.done} of ${track.lessons.length} lessons · ${track.passed} of ${track.total} tests`;
  const tick = isComplete(track) ? styleText("green", " ✓") : "";
  return [
    styleText("bold", `Step ${track.track.step} · ${track.track.title}`),
    `  ${bar}  ${counts}${tick}`,
    ...(options.list ? track.lessons.map(lessonLine) : []),
  ];
}

function lessonLine(lesson: LessonProgress): string {
  const { entry: { lesson: { id, title } }, state, waitingOn } = lesson;
  const { mark, color } = LOOK[state];
  const after = state === "in progress"
    ? `  (${lesson.passed} of ${lesson.total} tests)`
    : state === "waiting"
    ? `  (waiting on ${waitingOn?.lesson.id})`
    : "";
  return styleText(color, `    ${mark} ${id}  ${title}`) + after;
}

function congratulations(track: TrackProgress): string[] {
  const { step } = track.track;
  const done =
    `✓ Step ${step} is complete: all ${track.lessons.length} lessons pass.`;
  const train = `deno task train --step ${step}`;
  const lines = [
    `${styleText("green", done)} Train your model: ${styleText("bold", train)}`,
  ];
  for (const { name, status, message, file } of track.checks) {
    const line = `  ${{ passed: "✓", ignored: "–", failed: "✗" }[status]} ${
      visible(name)
    }`;
    const colour = { passed: "reset", ignored: "dim", failed: "red" } as const;
    lines.push(styleText(colour[status], line));
    if (status === "failed") {
      const first = (message ?? "failed").split("\n")[0];
      lines.push(`    ${visible(first)} (${file})`);
    }
  }
  return lines;
}

function nextLines(current: LessonProgress, options: ViewOptions): string[] {
  const { lesson, testFile } = current.entry;
  const state = current.state === "in progress"
    ? `in progress: ${current.passed} of ${current.total} tests pass`
    : current.state === "waiting"
    ? `waiting on ${current.waitingOn?.lesson.id}`
    : current.state;
  const seen = options.hintsSeen[lesson.id] ?? 0;
  const total = lesson.hints.length;
  const test = options.offline ? "deno task test" : "deno test";
  return [
    `${styleText("bold", `Next: ${lesson.id} · ${lesson.title}`)} (${state})`,
    fileLine(current, options),
    `  guide   ${lesson.guide}`,
    ...failingLines(current, options),
    `  test    ${test} ${testFile}`,
    seen < total
      ? `  stuck?  deno task hint (hint ${seen + 1} of ${total})`
      : `  stuck?  all ${total} hints seen (deno task hint --all)${
        options.solutions ? "; compare: deno task compare" : ""
      }`,
  ];
}

function fileLine(lesson: LessonProgress, options: ViewOptions): string {
  const file = lesson.entry.lessonFile;
  const line = options.lineOf?.(file, lesson.failure?.test);
  return `  file    ${options.root}${file}${line ? `:${line}` : ""}`;
}

function failingLines(lesson: LessonProgress, options: ViewOptions): string[] {
  const { failure } = lesson;
  if (failure === undefined) return [];
  const width = options.columns && Math.max(20, options.columns - 10);
  const message = indented(failure.message, "          ", width);
  return [
    `  failing ${indented(failure.test, "", width)[0]}`,
    ...message.map((line) => styleText("red", line)),
  ];
}

/** Each line of `text` made visible, indented, cut at `width` characters. */
function indented(text: string, indent: string, width?: number): string[] {
  return text.split("\n").map((line) => {
    const shown = [...visible(line)];
    const cut = width !== undefined && shown.length > width;
    return indent +
      (cut ? `${shown.slice(0, width - 1).join("")}…` : shown.join(""));
  });
}

/**
 * The line of `file` (from the project root) to open: where the function
 * named by the failing test (`step0/02 emptyCounts() gives …`) is declared,
 * else the first line that calls todo().
 */
export function openAtLine(
  file: string,
  failingTest?: string,
): number | undefined {
  let lines: string[];
  try {
    const bytes = readFileSafely(ROOT_DIR + file, MIB, "lesson");
    lines = new TextDecoder().decode(bytes).split("\n");
  } catch {
    return undefined;
  }
  const named = failingTest?.match(/\b(\w+)\(\)/)?.[1];
  const declaration = new RegExp(`^export (async )?function ${named}\\b`);
  const declared = named === undefined
    ? -1
    : lines.findIndex((line) => declaration.test(line));
  const index = declared !== -1
    ? declared
    : lines.findIndex((line) => /\btodo\(/.test(line));
  return index === -1 ? undefined : index + 1;
}

/** Renders `progress` for this project (hints seen, offline mode, paths). */
export function viewOf(
  progress: Progress,
  extra: { list?: boolean; footer?: string[] } = {},
): string {
  return renderProgress(progress, {
    root: ROOT_DIR,
    offline: isOffline(),
    hintsSeen: hintsSeen(),
    solutions: hasSolutions(),
    lineOf: openAtLine,
    columns: Deno.stdout.isTerminal() ? Deno.consoleSize().columns : undefined,
    ...extra,
  });
}
