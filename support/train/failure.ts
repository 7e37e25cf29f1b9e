/**
 * How `deno task train` and `deno task sample` end when something goes
 * wrong: errors the user can fix get one sentence on stderr and a non-zero
 * exit code, a lesson that is still a stub gets the progress message, and
 * anything else (a bug) is rethrown so its stack trace helps to find it.
 *
 * @module
 */

import { DataError } from "../data.ts";
import { DivergenceError, ModelFileError, UsageError } from "./errors.ts";

/** Exit code for a bad command line. */
export const EXIT_USAGE = 2;
/** Exit code for everything else that stops a run. */
export const EXIT_FAILURE = 1;

/**
 * Explains `error` on stderr and returns the exit code, or rethrows it when
 * it is a bug rather than a problem the user can fix.
 *
 * @param error What was thrown.
 * @param step The guide step being run (for the unfinished-lesson message).
 * @param writeErr Writes to stderr.
 * @param task The command that failed.
 * @returns The exit code.
 */
export async function explainFailure(
  error: unknown,
  step: number,
  writeErr: (text: string) => void,
  task: "train" | "sample" = "train",
): Promise<number> {
  if (error instanceof UsageError) {
    writeErr(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (
    error instanceof DataError || error instanceof ModelFileError ||
    error instanceof DivergenceError
  ) {
    writeErr(`error: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  if (error instanceof Error && error.name === "NotImplementedError") {
    // Loaded only when needed: it brings the manifest and the test runner.
    const { blockingTrack, measureProgress, unfinishedMessage } = await import(
      "./unfinished.ts"
    );
    const track = blockingTrack(step, error.message);
    const [first, ...rest] = unfinishedMessage(
      step,
      error.message,
      undefined,
      task,
      track,
    );
    writeErr(`${first}\n`);
    const progress = track === undefined
      ? undefined
      : await measureProgress(track);
    const lines = progress === undefined
      ? rest
      : unfinishedMessage(step, error.message, progress, task, track).slice(1);
    writeErr(lines.map((line) => `${line}\n`).join(""));
    return EXIT_FAILURE;
  }
  if (error instanceof Deno.errors.BrokenPipe) {
    // The reader went away (e.g. `deno task train | head`): nothing to say.
    return 0;
  }
  throw error;
}
