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
 * arguments; `viewOf` fills them in for this project.
 *
 * @module
 */

import { escapeInvisible } from "../cli/errors.ts";
import { fileLink, paint, type Style } from "../cli/style.ts";
import type { Track } from "../manifest.ts";
import { isOffline } from "../maps.ts";
import { ROOT_DIR } from "../root.ts";
import { DEFAULT_STEP } from "../train/step_program.ts";
import { loadState } from "./hints_seen.ts";
import { readRegularFile } from "./kata_files.ts";
import { hasSolutions } from "../maps.ts";
import type {
  LessonProgress,
  Progress,
  TrackProgress,
} from "./lesson_progress.ts";

/** What the view needs besides the progress itself. */
export interface ViewOptions {
  style: Style;
  /** The project root, ending in "/", to make file paths absolute. */
  root: string;
  /** Offline the learner runs tests through `deno task test`. */
  offline: boolean;
  /** How many hints of a lesson (by id) the learner has seen. */
  hintsSeen: (id: string) => number;
  /**
   * The line to point at in a lesson file: the function the failing test
   * names, else the first todo(), if any.
   */
  lineOf?: (lessonFile: string, failingTest?: string) => number | undefined;
  /** List every lesson, not only the bars. */
  list?: boolean;
  /** Lines to end with (e.g. "Rerun on save: deno task watch"). */
  footer?: string[];
  /** Whether solutions/ is there to compare with (default true). */
  solutions?: boolean;
}

/** The command that trains the model built in `track`. */
export function trainCommand(track: Track): string {
  return track.step === DEFAULT_STEP
    ? "deno task train"
    : `deno task train --step ${track.step}`;
}

/** The command that runs one lesson's tests. */
export function testCommand(testFile: string, offline: boolean): string {
  return `${offline ? "deno task test" : "deno test"} ${testFile}`;
}

/** How each state shows: its cell in the bar, its mark in the list, its colour. */
const LOOK = {
  done: { cell: "█", mark: "✓", color: "green" },
  "in progress": { cell: "▒", mark: "▸", color: "yellow" },
  "not started": { cell: "░", mark: "·", color: "dim" },
  waiting: { cell: "░", mark: "…", color: "dim" },
} as const;

/** Renders the whole view as text (with colours and links if `style` says so). */
export function renderProgress(
  progress: Progress,
  options: ViewOptions,
): string {
  const { style } = options;
  const out: string[] = [];
  if (progress.problems.length > 0) {
    out.push(paint(style, "red", "The tests could not run:"));
    for (const problem of progress.problems) out.push(`  ${visible(problem)}`);
    if (progress.current !== undefined) {
      const file = progress.current.entry.lessonFile;
      out.push(`  file    ${fileLink(style, options.root + file)}`);
    }
    out.push("Fix it, and the tests will tell you where you are again.");
  }
  for (const track of progress.tracks) {
    out.push(...trackLines(track, options));
  }
  const finished = progress.tracks.filter((t) => isComplete(t));
  if (finished.length > 0) out.push("");
  for (const track of finished) out.push(...congratulations(track, options));
  if (progress.problems.length === 0) {
    if (progress.current !== undefined) {
      out.push("", ...nextLines(progress.current, options));
    } else {
      out.push(
        "",
        paint(
          style,
          "bold",
          "Every lesson of every track passes: you have built microGPT's pieces yourself.",
        ),
      );
    }
  }
  if (options.footer?.length) {
    out.push("", ...options.footer.map((line) => paint(style, "dim", line)));
  }
  return out.join("\n");
}

function isComplete(track: TrackProgress): boolean {
  return track.lessons.length > 0 && track.done === track.lessons.length;
}

function trackLines(track: TrackProgress, options: ViewOptions): string[] {
  const { style } = options;
  const complete = isComplete(track);
  const bar = track.lessons.map((l) =>
    paint(style, LOOK[l.state].color, LOOK[l.state].cell)
  ).join("");
  const counts =
    `${track.done} of ${track.lessons.length} lessons · ${track.passed} of ${track.total} tests`;
  return [
    paint(style, "bold", `Step ${track.track.step} · ${track.track.title}`),
    `  ${bar}  ${counts}${complete ? paint(style, "green", " ✓") : ""}`,
    ...(options.list ? track.lessons.map((l) => lessonLine(l, style)) : []),
  ];
}

function lessonLine(lesson: LessonProgress, style: Style): string {
  const { id, title } = lesson.entry.lesson;
  const { mark, color } = LOOK[lesson.state];
  const text = `    ${mark} ${id}  ${title}`;
  if (lesson.state === "in progress") {
    return `${
      paint(style, color, text)
    }  (${lesson.passed} of ${lesson.total} tests)`;
  }
  const waiting = lesson.state === "waiting"
    ? `  (waiting on ${lesson.waitingOn?.lesson.id})`
    : "";
  return paint(style, color, text + waiting);
}

function congratulations(track: TrackProgress, options: ViewOptions): string[] {
  const { style } = options;
  const lines = [
    paint(
      style,
      "green",
      `✓ Step ${track.track.step} is complete: all ${track.lessons.length} lessons pass.`,
    ) + ` Train your model: ${paint(style, "bold", trainCommand(track.track))}`,
  ];
  for (const check of track.checks) {
    if (check.status === "passed") {
      lines.push(`  ✓ ${fit(check.name, 4, style)}`);
    } else if (check.status === "ignored") {
      lines.push(paint(style, "dim", `  – ${fit(check.name, 4, style)}`));
    } else {
      lines.push(
        paint(style, "red", `  ✗ ${visible(check.name)}`),
        `    ${
          visible((check.message ?? "failed").split("\n")[0])
        } (${check.file})`,
      );
    }
  }
  return lines;
}

function nextLines(current: LessonProgress, options: ViewOptions): string[] {
  const { style } = options;
  const { lesson, testFile } = current.entry;
  const state = current.state === "in progress"
    ? `in progress: ${current.passed} of ${current.total} tests pass`
    : current.state === "waiting"
    ? `waiting on ${current.waitingOn?.lesson.id}`
    : current.state;
  const seen = options.hintsSeen(lesson.id);
  const total = lesson.hints.length;
  return [
    `${
      paint(style, "bold", `Next: ${lesson.id} · ${lesson.title}`)
    } (${state})`,
    fileLine(current, options),
    `  guide   ${lesson.guide}`,
    ...failingLines(current, style),
    `  test    ${testCommand(testFile, options.offline)}`,
    seen < total
      ? `  stuck?  deno task hint (hint ${seen + 1} of ${total})`
      : options.solutions === false
      ? `  stuck?  all ${total} hints seen (deno task hint --all)`
      : `  stuck?  all ${total} hints seen (deno task hint --all); compare: deno task compare`,
  ];
}

/**
 * The lessons just saved, each with its standing: what `watch` shows first,
 * while the rest of the tests run.
 */
export function focusViewOf(
  lessons: readonly LessonProgress[],
  style: Style,
): string {
  const options = projectOptions(style);
  const out: string[] = [];
  for (const lesson of lessons) {
    const { id, title } = lesson.entry.lesson;
    const head = `${id} · ${title}`;
    if (lesson.state === "done") {
      out.push(
        paint(style, "green", `✓ ${head}: all ${lesson.total} tests pass`),
      );
      continue;
    }
    const state = lesson.state === "waiting"
      ? `waiting on ${lesson.waitingOn?.lesson.id}`
      : `${lesson.passed} of ${lesson.total} tests pass`;
    out.push(
      `${paint(style, "bold", head)} (${state})`,
      fileLine(lesson, options),
      ...failingLines(lesson, style),
    );
  }
  return out.join("\n");
}

function fileLine(lesson: LessonProgress, options: ViewOptions): string {
  const file = lesson.entry.lessonFile;
  const line = options.lineOf?.(file, lesson.failure?.test);
  return `  file    ${fileLink(options.style, options.root + file, line)}`;
}

function failingLines(lesson: LessonProgress, style: Style): string[] {
  const { failure } = lesson;
  if (failure === undefined) return [];
  const message = fit(failure.message.split("\n")[0], 10, style);
  return [
    `  failing ${fit(failure.test, 10, style)}`,
    `          ${paint(style, "red", message)}`,
  ];
}

/**
 * Text from the tests (names, messages: they can hold what the learner's
 * code produced) made safe for the terminal: its control characters, an
 * escape sequence among them, written as `\uXXXX` like every message of the
 * kata.
 */
function visible(text: string): string {
  return escapeInvisible(text);
}

/**
 * Cuts `text` to the terminal's width (after `indent` columns), if known,
 * after making it {@linkcode visible}.
 */
function fit(raw: string, indent: number, style: Style): string {
  const text = visible(raw);
  const width = style.columns;
  if (width === undefined || indent + text.length <= width) return text;
  return text.slice(0, Math.max(10, width - indent - 1)) + "…";
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
    lines = new TextDecoder().decode(readRegularFile(ROOT_DIR + file))
      .split("\n");
  } catch {
    return undefined;
  }
  const named = failingTest?.match(/\b(\w+)\(\)/)?.[1];
  const declared = named === undefined
    ? -1
    : lines.findIndex((line) =>
      new RegExp(`^export (async )?function ${named}\\b`).test(line)
    );
  const index = declared !== -1
    ? declared
    : lines.findIndex((line) => /\btodo\(/.test(line));
  return index === -1 ? undefined : index + 1;
}

function projectOptions(style: Style): ViewOptions {
  const state = loadState();
  return {
    style,
    root: ROOT_DIR,
    offline: isOffline(),
    hintsSeen: (id) => state.hintsSeen[id] ?? 0,
    lineOf: openAtLine,
    solutions: hasSolutions(),
  };
}

/** Renders `progress` for this project (hints seen, offline mode, paths). */
export function viewOf(
  progress: Progress,
  style: Style,
  extra: { list?: boolean; footer?: string[] } = {},
): string {
  return renderProgress(progress, { ...projectOptions(style), ...extra });
}
