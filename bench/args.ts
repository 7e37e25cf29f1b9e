/**
 * The benchmarks' flags: `node:util`'s `parseArgs`, strict, with `--help`.
 * A bad command line ends in one sentence and exit code 2, not a stack
 * trace and not a run of several minutes with the flag ignored.
 *
 * (Not `support/cli/`'s parser: that one needs `@std/cli`, and these scripts
 * run with plain `deno run -A`, where JSR may be out of reach.)
 *
 * @module
 */

import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Ends the script: `message` and the usage on stderr, exit code 2. */
export function usageError(message: string, usage: string): never {
  console.error(`error: ${message}\n${usage}`);
  Deno.exit(2);
}

/**
 * Parses `Deno.args` against `options`; `--help` (`-h`) prints `usage` and
 * exits 0, anything unknown or malformed ends the script with
 * {@linkcode usageError}.
 */
export function benchArgs<T extends Options>(options: T, usage: string) {
  if (Deno.args.some((word) => word === "--help" || word === "-h")) {
    console.log(usage);
    Deno.exit(0);
  }
  try {
    return parseArgs({ args: Deno.args, options }).values;
  } catch (error) {
    usageError((error as Error).message, usage);
  }
}

/** `text` as a whole number of at least `min`, or the script ends saying so. */
export function wholeNumber(
  flag: string,
  text: string,
  min: number,
  usage: string,
): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min) {
    usageError(
      `${flag} takes a whole number of at least ${min}, got "${text}"`,
      usage,
    );
  }
  return n;
}
