/**
 * The one way every command ends when something goes wrong: a mistake the
 * user can fix is a {@linkcode UserError}, shown as one sentence on stderr
 * with its exit code; anything else is a bug (in the kata or in a lesson)
 * and is rethrown, so its stack trace helps to find it.
 *
 * @module
 */

import { visible } from "./style.ts";

/** Exit code for everything that stops a run. */
export const EXIT_FAILURE = 1;
/** Exit code for a bad command line. */
export const EXIT_USAGE = 2;

/** A mistake the user can fix: printed as one sentence, no stack trace. */
export class UserError extends Error {
  /** The process's exit code. */
  readonly code: number;

  constructor(message: string, code: number = EXIT_FAILURE) {
    super(message);
    this.name = "UserError";
    this.code = code;
  }
}

/** Thrown by `parseFlags` for `--help`: its message is the command's help. */
export class ShowHelp extends Error {}

/**
 * Explains `error` on stderr and returns the exit code, or rethrows it when
 * it is a bug rather than a problem the user can fix.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { exitCodeOf, UserError } from "./errors.ts";
 *
 * let said = "";
 * assertEquals(exitCodeOf(new UserError("no such lesson", 2), (t) => said += t), 2);
 * assertEquals(said, "error: no such lesson\n");
 * ```
 */
export function exitCodeOf(
  error: unknown,
  writeErr: (text: string) => void,
): number {
  if (error instanceof ShowHelp) {
    console.log(error.message);
    return 0;
  }
  if (error instanceof UserError) {
    writeErr(`error: ${visible(error.message, { max: 500 })}\n`);
    return error.code;
  }
  // The reader went away (e.g. `deno task train | head`): nothing to say.
  if (error instanceof Deno.errors.BrokenPipe) return 0;
  throw error;
}

/** Runs a command's `main` and exits with its code, or {@linkcode exitCodeOf} its error. */
export async function runMain(main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    code = exitCodeOf(error, (text) => console.error(text.trimEnd()));
  }
  Deno.exit(code);
}

/**
 * Why an operation failed, in words to follow a colon: the error's message,
 * first letter lower-cased, or plain words for the usual file errors.
 */
export function reasonOf(error: unknown): string {
  // Deno refuses /dev, /proc and /sys without --allow-all.
  if (
    error instanceof Deno.errors.NotCapable &&
    error.message.includes("--allow-all")
  ) {
    return "it is a system path (like /dev or /proc), which the kata's commands may not open";
  }
  if (
    error instanceof Deno.errors.PermissionDenied ||
    error instanceof Deno.errors.NotCapable
  ) return "permission denied";
  if (error instanceof Deno.errors.NotFound) return "no such file or folder";
  if (error instanceof Deno.errors.IsADirectory) return "it is a folder";
  const message = error instanceof Error ? error.message : String(error);
  const text = message.replace(/\s*\(os error \d+\)/, "").replace(/:.*$/s, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
}
