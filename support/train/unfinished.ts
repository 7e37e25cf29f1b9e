/**
 * What the trainer and the sampler say when a lesson they need is still a
 * stub: how many of the step's lessons pass their tests, which one is next,
 * and how to watch the finished code with `--solutions`.
 *
 * The count comes from the kata's progress engine (the lesson tests, run in
 * a child `deno test`), so it can never disagree with them. That needs
 * permission to run deno; without it the message points to
 * `deno task progress`.
 *
 * @module
 */

import { EXIT_FAILURE, exitCodeOf, UserError } from "../cli/errors.ts";
import { ROOT_DIR } from "../root.ts";
import { type Track, TRACKS } from "../manifest.ts";
import type { TrackProgress } from "../journey/lesson_progress.ts";
import type { Terminal } from "./live_view.ts";
import { DEFAULT_STEP } from "./step_program.ts";

/**
 * The trainer's and the sampler's way out: a lesson that is still a stub
 * gets the progress message, everything else the one exit path of every
 * command (support/cli/errors.ts).
 */
export async function explainError(
  error: unknown,
  step: number,
  terminal: Terminal,
  task: "train" | "sample",
): Promise<number> {
  const writeErr = (text: string) => terminal.err(text);
  if (!(error instanceof Error && error.name === "NotImplementedError")) {
    return exitCodeOf(error, writeErr);
  }
  const reason = error.message;
  const track = blockingTrack(step, reason);
  // The first line at once: measuring the progress runs the tests.
  const [first, ...rest] = unfinishedMessage(step, reason, undefined, task);
  writeErr(`${first}\n`);
  const progress = track === undefined ? undefined : await measure(track);
  const lines = progress === undefined
    ? rest
    : unfinishedMessage(step, reason, progress, task).slice(1);
  writeErr(lines.map((line) => `${line}\n`).join(""));
  return EXIT_FAILURE;
}

/** The track's progress, or undefined without permission to run deno. */
async function measure(track: Track): Promise<TrackProgress | undefined> {
  const permission = await Deno.permissions.query({
    name: "run",
    command: Deno.execPath(),
  });
  if (permission.state !== "granted") return undefined;
  // Loaded only when needed: it brings the test runner.
  const { checkProgress } = await import("../journey/lesson_progress.ts");
  const progress = await checkProgress([`tests/${track.dir}/`]);
  return progress.tracks.find((t) => t.track === track);
}

/**
 * The message for an unfinished lesson, line by line.
 *
 * @param step The guide step being trained.
 * @param reason The NotImplementedError's message (names the function and file).
 * @param progress The track's progress, if it could be measured.
 * @param task The command that stopped: `deno task train` or `sample`.
 * @param track The track whose progress is reported: the step's own, or an
 * earlier one whose lesson is missing (by default the one `reason` names).
 * @returns The lines, for stderr.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { unfinishedMessage } from "./unfinished.ts";
 *
 * const lines = unfinishedMessage(1, "softmax() is not implemented yet", undefined);
 * assertEquals(lines[2], "To watch the finished trainer now: deno task train --solutions");
 * ```
 */
export function unfinishedMessage(
  step: number,
  reason: string,
  progress: TrackProgress | undefined,
  task: "train" | "sample" = "train",
  track: Track | undefined = blockingTrack(step, reason),
): string[] {
  const title = track === undefined
    ? `Step ${step}`
    : track.step === step
    ? `Step ${step} (${track.title})`
    : `Step ${step} builds on Step ${track.step} (${track.title})`;
  let status =
    "run deno task progress to see which lessons pass their tests and which one is next";
  if (progress !== undefined) {
    const next = progress.lessons.find((l) => l.state !== "done")?.entry;
    status =
      `${progress.done} of ${progress.lessons.length} lessons pass their tests` +
      (next === undefined
        ? "."
        : `; next: ${next.lesson.id} "${next.lesson.title}" (${next.lessonFile})`);
  }
  const finished = task === "train"
    ? `To watch the finished trainer now: deno task train --solutions${
      step === DEFAULT_STEP ? "" : ` --step ${step}`
    }`
    : "To sample with the finished code now: deno task sample --solutions";
  return [
    `The ${task === "train" ? "trainer" : "sampler"} stopped: ${reason}`,
    `${title}: ${status}`,
    finished,
  ];
}

/**
 * The track of the lesson a NotImplementedError names (it says "open
 * lessons/stepN/..."), or else the track of the step being run: Step 2 uses
 * Step 1's lessons, so an unfinished Step 1 lesson can stop it.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { blockingTrack } from "./unfinished.ts";
 *
 * const reason = "encode() is not implemented yet: open lessons/step1/01_tokenizer.ts";
 * assertEquals(blockingTrack(2, reason)?.step, 1);
 * ```
 */
export function blockingTrack(step: number, reason: string): Track | undefined {
  const dir = /\blessons\/([^/]+)\//.exec(reason)?.[1];
  return TRACKS.find((track) => track.dir === dir) ??
    TRACKS.find((track) => track.step === step);
}

/**
 * Loads the step programs, which import the lessons. A lesson that does not
 * even load (a syntax error, an export renamed) becomes one sentence naming
 * its file and line, instead of Deno's error frame.
 *
 * @throws {UserError} When a module of the programs cannot be loaded.
 */
export async function loadPrograms(): Promise<typeof import("./steps.ts")> {
  try {
    return await import("./steps.ts");
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const at = /at file:\/\/(\S+?):(\d+):\d+/.exec(text);
    const where = at === null
      ? ""
      : ` (at ${at[1].replace(ROOT_DIR, "")}:${at[2]})`;
    throw new UserError(
      `The lessons could not be loaded: ${
        text.split("\n")[0]
      }${where}. Fix it and run this again (deno task progress shows it too)`,
      EXIT_FAILURE,
    );
  }
}
