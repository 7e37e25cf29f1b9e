/**
 * `deno task viz`'s command line, and the check the launcher runs before it
 * starts the server under `deno run --watch`: under the watcher, a server
 * that cannot start would only wait for a file change, and its exit code
 * would be lost. Run as a program, this module checks the flags, the names
 * and the port, says what is wrong in one sentence and exits with the
 * code the server would have given (2: a flag, 1: the names, the port, or
 * a lesson file that is a pipe or a folder).
 *
 * It imports no lesson, so it runs in a moment whatever state they are in.
 *
 * @module
 */

import { parseFlags, parseInteger } from "../cli/args.ts";
import { EXIT_USAGE, exitCodeOf, UserError } from "../cli/errors.ts";
import { loadDataset } from "../data.ts";
import { oddFileOfLessons } from "../journey/lesson_progress.ts";

/** The port `deno task viz` listens on without `--port`. */
export const DEFAULT_PORT = 8018;

/** `deno task viz --help`. */
export const USAGE = `Usage: deno task viz [flags]

  --port N       the port to listen on, on 127.0.0.1 (default ${DEFAULT_PORT};
                 0 picks a free one, and another at every restart, which
                 leaves an open page behind: give a number to keep it)
  --data FILE    names to learn from (default: data/names.txt if it exists,
                 else the npm list the trainer uses)
  --solutions    run the reference solutions instead of your lessons
  --help, -h     show this help`;

/**
 * The command line: `--port`, `--data`, `--solutions`, `--help`, read by the
 * kata's one argument parser.
 *
 * @throws {UserError} For an unknown flag or a bad port, in one sentence.
 */
export function parseArgs(
  args: string[],
): { port: number; data?: string; help: boolean } {
  const flags = parseFlags(args, {
    values: ["port", "data"],
    // The launcher has already picked the solutions' import map.
    booleans: ["solutions"],
    usage: "deno task viz [--port N] [--data FILE] [--solutions]",
  });
  const text = flags.values.get("port");
  const port = text === undefined
    ? DEFAULT_PORT
    : parseInteger("--port", text, 0);
  if (port > 65535) {
    throw new UserError(
      `--port must be a port number from 0 to 65535: received ${port}`,
      EXIT_USAGE,
    );
  }
  const data = flags.values.get("data");
  return {
    port,
    ...(data !== undefined && { data }),
    help: flags.booleans.has("help"),
  };
}

/** The sentence for a port another program holds. */
export function portInUse(port: number): string {
  return `port ${port} on 127.0.0.1 is already in use (is another deno task viz running?): stop it, or pick another with --port N (0 picks a free one)`;
}

/**
 * Whether the server could start with `args`: its flags, its names and its
 * port. Returns the exit code, having said what is wrong.
 */
export async function preflight(args: string[]): Promise<number> {
  try {
    const options = parseArgs(args);
    if (options.help) return 0;
    // The server imports every lesson: a pipe in their place would hang it.
    const odd = oddFileOfLessons();
    if (odd !== undefined) throw new UserError(odd.problem);
    await loadDataset(options.data);
    if (options.port !== 0) {
      try {
        Deno.listen({ hostname: "127.0.0.1", port: options.port }).close();
      } catch (error) {
        if (!(error instanceof Deno.errors.AddrInUse)) throw error;
        throw new UserError(portInUse(options.port));
      }
    }
    return 0;
  } catch (error) {
    return exitCodeOf(error, (text) => console.error(text.trimEnd()));
  }
}

if (import.meta.main) {
  Deno.exit(await preflight(Deno.args));
}
