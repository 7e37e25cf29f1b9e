/**
 * Test helper: runs `support/commands/train.ts` or `sample.ts` as a child
 * process, the way the launcher does (same permissions and V8 flags), and
 * returns what it printed. The tests that use it need `deno test -A`.
 *
 * The child uses the solutions import map matching the @std this test
 * process resolved (JSR or the offline stand-ins), so the tests exercise the
 * finished trainer whatever state the learner's lessons are in.
 *
 * @module
 */

import { importMapFor } from "../maps.ts";
import { ROOT_DIR } from "../root.ts";
import { trainerV8Flags } from "./heap.ts";

/** What a run printed. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Whether the tests resolved @std to the offline stand-ins. */
const OFFLINE = import.meta.resolve("@std/assert").includes("/support/std/");

/** The import map that sends lessons/ to solutions/ (absolute path). */
export const SOLUTIONS_MAP = `${ROOT_DIR}${importMapFor(OFFLINE, "solutions")}`;

/** The import map for the learner's lessons (absolute path, or none). */
export const LESSONS_MAP = importMapFor(OFFLINE, "lessons") &&
  `${ROOT_DIR}${importMapFor(OFFLINE, "lessons")}`;

/** How to run it: an import map (default: the solutions map), permissions
 * (default: the launcher's), extra environment variables. */
export interface CliOptions {
  importMap?: string;
  permissions?: string[];
  env?: Record<string, string>;
}

/**
 * `deno run <permissions> <V8 flags> --import-map <map> <script> <args>`
 * from the project root, with NO_COLOR set, stdout and stderr piped.
 */
export function cliCommand(
  script: "train" | "sample",
  args: string[],
  options: CliOptions = {},
): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...(options.permissions ?? ["-R", "-W", "--allow-env", "--allow-run"]),
      ...(script === "train" ? trainerV8Flags(args) : []),
      "--import-map",
      options.importMap ?? SOLUTIONS_MAP,
      `support/commands/${script}.ts`,
      ...args,
    ],
    cwd: ROOT_DIR,
    // INIT_CWD: as if `deno task` was started in the project root.
    env: {
      NO_COLOR: "1",
      RUST_BACKTRACE: "0",
      INIT_CWD: ROOT_DIR.replace(/\/$/, ""),
      ...options.env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

/** Runs {@linkcode cliCommand} to its end: its exit code and output. */
export async function runCli(
  script: "train" | "sample",
  args: string[],
  options: CliOptions = {},
): Promise<CliResult> {
  const { code, stdout, stderr } = await cliCommand(script, args, options)
    .output();
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout),
    stderr: decoder.decode(stderr),
  };
}

/** A folder for one test, removed afterwards. */
export async function withTempDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kata_cli_test_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A small a–z names file: fast to train on, and no notes on stderr. */
export async function smallNames(dir: string): Promise<string> {
  const path = `${dir}/names.txt`;
  await Deno.writeTextFile(
    path,
    "emma\nolivia\nava\nisabella\nsophia\nmia\ncharlotte\namelia\n",
  );
  return path;
}
