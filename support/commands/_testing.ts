/**
 * Helpers for the journey commands' tests: a throwaway copy of the kata to
 * run a command in (commands write files, and the real checkout must stay
 * untouched), and a way to run a command there as a process.
 *
 * @module
 */

import { ROOT_DIR as SOURCE_ROOT } from "../root.ts";

/** What a copy of the kata holds: everything a learner's clone has. */
const KATA_PARTS = ["deno.json", "lessons", "solutions", "tests", "support"];

/** Copies `from` to `to`, folders recursively. */
export async function copyTree(from: string, to: string): Promise<void> {
  const info = await Deno.stat(from);
  if (!info.isDirectory) {
    await Deno.copyFile(from, to);
    return;
  }
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.name === ".kata") continue;
    await copyTree(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

/**
 * A fresh copy of the kata in a temporary folder; its path ends in "/".
 * `tests`: keep only these lesson test files (paths from the root), so
 * commands that run the tests finish quickly; helpers stay.
 */
export async function copyKata(
  options: { tests?: string[] } = {},
): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "kata_journey_" });
  for (const part of KATA_PARTS) {
    await copyTree(SOURCE_ROOT + part, `${root}/${part}`);
  }
  if (options.tests !== undefined) {
    const keep = new Set(options.tests);
    for await (const track of Deno.readDir(`${root}/tests`)) {
      if (!track.isDirectory) continue;
      for await (const file of Deno.readDir(`${root}/tests/${track.name}`)) {
        const path = `tests/${track.name}/${file.name}`;
        if (file.name.endsWith("_test.ts") && !keep.has(path)) {
          await Deno.remove(`${root}/${path}`);
        }
      }
    }
  }
  return `${root}/`;
}

/** Removes a copy made by {@linkcode copyKata}. */
export async function removeCopy(root: string): Promise<void> {
  await Deno.remove(root, { recursive: true });
}

/** Copies a lesson's solution over the lesson, in a copy of the kata. */
export function solve(root: string, lessonFile: string): void {
  Deno.copyFileSync(
    root + lessonFile.replace(/^lessons\//, "solutions/"),
    root + lessonFile,
  );
}

/** What a command printed and how it exited. */
export interface Result {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `support/commands/<command>.ts` in `root` as the launcher would, with
 * the offline @std stand-ins (they work everywhere). `stdin`: text for its
 * stdin (else closed); `env`: extra variables (NO_COLOR=1 unless overridden);
 * `timeout`: seconds after which the command is killed (default 300), so
 * that a command that hangs fails its test instead of hanging the suite.
 */
export async function journey(
  root: string,
  command: string,
  args: string[] = [],
  options: { stdin?: string; env?: Record<string, string>; timeout?: number } =
    {},
): Promise<Result> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--import-map",
      "support/maps/offline.json",
      `support/commands/${command}.ts`,
      ...args,
    ],
    cwd: root,
    env: {
      KATA_OFFLINE: "1",
      NO_COLOR: "1",
      // As if deno task was run in the copy's root.
      INIT_CWD: root.replace(/\/$/, ""),
      RUST_BACKTRACE: "0",
      ...options.env,
    },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const seconds = options.timeout ?? 300;
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, seconds * 1000);
  const { code, stdout, stderr } = await child.output().finally(() =>
    clearTimeout(timer)
  );
  const text = new TextDecoder();
  const err = text.decode(stderr) +
    (killed ? `\n(killed: still running after ${seconds} s)` : "");
  return { code, out: text.decode(stdout), err };
}

/** Runs git in `root` (for tests that need a clone's history). */
export async function git(root: string, ...args: string[]): Promise<string> {
  const { success, stdout, stderr } = await new Deno.Command("git", {
    args: [
      "-c",
      "user.name=Kata Test",
      "-c",
      "user.email=kata@example.com",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    cwd: root,
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  if (!success) {
    throw new Error(`git ${args[0]} failed: ${text.decode(stderr)}`);
  }
  return text.decode(stdout);
}

/**
 * Makes a named pipe at `path` (a file that a plain read waits on for
 * ever); false where mkfifo is missing (Windows), for the test to skip.
 */
export async function makePipe(path: string): Promise<boolean> {
  const made = await new Deno.Command("mkfifo", { args: [path] }).output()
    .catch(() => undefined);
  return made?.success ?? false;
}
