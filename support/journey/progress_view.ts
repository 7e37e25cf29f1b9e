/**
 * The progress view: a bar per track, then what to do next.
 *
 *     Step 1 · Gradient descent: a neural bigram model
 *       ███▒░░░░░░░  3 of 11 lessons · 19 of 59 tests
 *
 *     Next: step1/04 · Softmax: scores to probabilities (2 of 6 tests pass)
 *       file    /home/me/kata/lessons/step1/04_softmax.ts:38
 *       guide   1.3 Linear & softmax
 *       failing step1/04 softmax() stays finite for logits like [1000, 1001, 1002]
 *               AssertionError: expected finite values, found NaN,NaN,NaN
 *       test    deno test tests/step1/04_softmax_test.ts
 *       stuck?  deno task hint (hint 1 of 2)
 *
 * What `renderProgress` shows comes in through its arguments, or else from
 * this project (its hints seen, offline mode, solutions). Colours come from
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

/** What the view shows besides the progress; each taken from this project when left out. */
export interface ViewOptions {
  /** Offline the learner runs tests through `deno task test`. */
  offline?: boolean;
  /** How many hints of each lesson (by id) the learner has seen. */
  hintsSeen?: Record<string, number>;
  /** Whether solutions/ is there to compare with. */
  solutions?: boolean;
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

/** How the outcome of a track's other tests shows: its mark, its colour. */
const CHECK_LOOK = {
  passed: ["✓", "reset"],
  ignored: ["–", "dim"],
  failed: ["✗", "red"],
} as const;

const ALL_PASS =
  "Every lesson of every track passes: you have built microGPT's pieces yourself.";

/** Renders the whole view as text. */
export function renderProgress(
  progress: Progress,
  options: ViewOptions = {},
): string {
  const { current, problem, tracks } = progress;
  const out: string[] = [];
  if (problem !== undefined) {
    out.push(styleText("red", "The tests could not run:"));
    out.push(...indented(problem, "  "));
    if (current !== undefined) out.push(fileLine(current));
    out.push("Fix it, and the tests will tell you where you are again.");
  } else {
    out.push(...tracks.flatMap((track) => trackLines(track, options)));
    const finished = tracks.filter((t) => t.done === t.lessons.length);
    if (finished.length > 0) out.push("", ...finished.flatMap(congratulations));
    const next = current !== undefined
      ? nextLines(current, options)
      : [styleText("bold", ALL_PASS)];
    out.push("", ...next);
  }
  if (options.footer?.length) {
    out.push("", ...options.footer.map((line) => styleText("dim", line)));
  }
  return out.join("\n");
}

function trackLines(track: TrackProgress, options: ViewOptions): string[] {
  const { step, title } = track.track;
  const bar = track.lessons.map((l) =>
    styleText(LOOK[l.state].color, LOOK[l.state].cell)
  ).join("");
  const lessons = track.lessons.length;
  const tick = track.done === lessons ? styleText("green", " ✓") : "";
  return [
    styleText("bold", `Step ${step} · ${title}`),
    `  ${bar}  ${track.done} of ${lessons} lessons · ${track.passed} of ${track.total} tests${tick}`,
    ...(options.list ? track.lessons.map(lessonLine) : []),
  ];
}

/** How far a lesson is, in words: "2 of 6 tests pass", "waiting on step1/02", "not started". */
function stateOf(lesson: LessonProgress): string {
  return lesson.state === "in progress"
    ? `${lesson.passed} of ${lesson.total} tests pass`
    : lesson.state === "waiting"
    ? `waiting on ${lesson.waitingOn?.lesson.id}`
    : lesson.state;
}

function lessonLine(lesson: LessonProgress): string {
  const { entry: { lesson: { id, title } }, state } = lesson;
  const { mark, color } = LOOK[state];
  const after = state === "in progress" || state === "waiting"
    ? `  (${stateOf(lesson)})`
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
    const [mark, colour] = CHECK_LOOK[status];
    lines.push(styleText(colour, `  ${mark} ${visible(name)}`));
    if (status === "failed") {
      lines.push(`${indented(message ?? "failed", "    ")[0]} (${file})`);
    }
  }
  return lines;
}

function nextLines(current: LessonProgress, options: ViewOptions): string[] {
  const { lesson, testFile } = current.entry;
  const seen = (options.hintsSeen ?? hintsSeen())[lesson.id] ?? 0;
  const total = lesson.hints.length;
  const offline = options.offline ?? isOffline();
  const solutions = options.solutions ?? hasSolutions();
  return [
    `${styleText("bold", `Next: ${lesson.id} · ${lesson.title}`)} (${
      stateOf(current)
    })`,
    fileLine(current),
    `  guide   ${lesson.guide}`,
    ...failingLines(current, options),
    `  test    ${offline ? "deno task test" : "deno test"} ${testFile}`,
    seen < total
      ? `  stuck?  deno task hint (hint ${seen + 1} of ${total})`
      : `  stuck?  all ${total} hints seen (deno task hint --all)${
        solutions ? "; compare: deno task compare" : ""
      }`,
  ];
}

function fileLine(lesson: LessonProgress): string {
  const file = lesson.entry.lessonFile;
  const line = openAtLine(file, lesson.failure?.test);
  return `  file    ${ROOT_DIR}${file}${line ? `:${line}` : ""}`;
}

function failingLines(lesson: LessonProgress, options: ViewOptions): string[] {
  const { failure } = lesson;
  if (failure === undefined) return [];
  const columns = options.columns ??
    (Deno.stdout.isTerminal() ? Deno.consoleSize().columns : undefined);
  const width = columns && Math.max(20, columns - 10);
  const message = indented(failure.message, "          ", width);
  return [
    `  failing ${indented(failure.test, "", width)[0]}`,
    ...message.map((line) => styleText("red", line)),
  ];
}

/**
 * Each line of `text` made visible, indented, cut at `width` characters
 * (escaped first, then cut: the cut counts what is shown).
 */
function indented(text: string, indent: string, width?: number): string[] {
  const max = width && width - 1;
  return text.split("\n").map((line) =>
    indent + visible(visible(line), { max })
  );
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
  // 1-based; 0 when no line matches.
  const lineOf = (pattern: RegExp) =>
    lines.findIndex((l) => pattern.test(l)) + 1;
  const named = failingTest?.match(/\b(\w+)\(\)/)?.[1];
  const declared = named === undefined
    ? 0
    : lineOf(new RegExp(`^export (async )?function ${named}\\b`));
  return declared || lineOf(/\btodo\(/) || undefined;
}
