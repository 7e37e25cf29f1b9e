/**
 * Helpers for the commands' end-to-end tests: a throwaway copy of the kata
 * to run a command in (commands write files, and the real checkout must stay
 * untouched, also while other test files run beside), and a way to run a
 * command there as a process.
 *
 * @module
 */

import { ROOT_DIR } from "../root.ts";

/** Copies `from` to `to`, folders recursively (the kata's own .kata/ left out). */
async function copyTree(from: string, to: string): Promise<void> {
  if (!(await Deno.stat(from)).isDirectory) {
    return await Deno.copyFile(from, to);
  }
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.name !== ".kata") {
      await copyTree(`${from}/${entry.name}`, `${to}/${entry.name}`);
    }
  }
}

/**
 * A fresh copy of the kata (what a learner's clone holds) in a temporary
 * folder, its path ending in "/". `tests`: keep only these lesson test files
 * (paths from the root), so that commands running the tests finish quickly.
 * `git`: make it a clone with one commit, as a learner's is.
 */
export async function copyKata(
  options: { tests?: string[]; git?: boolean } = {},
): Promise<string> {
  const root = `${await Deno.makeTempDir({ prefix: "kata_copy_" })}/`;
  for (
    const part of ["deno.json", "lessons", "solutions", "tests", "support"]
  ) {
    await copyTree(ROOT_DIR + part, root + part);
  }
  if (options.tests !== undefined) {
    for await (const track of Deno.readDir(`${root}tests`)) {
      if (!track.isDirectory) continue;
      for await (const file of Deno.readDir(`${root}tests/${track.name}`)) {
        const path = `tests/${track.name}/${file.name}`;
        if (path.endsWith("_test.ts") && !options.tests.includes(path)) {
          await Deno.remove(root + path);
        }
      }
    }
  }
  if (options.git) {
    await git(root, "init", "-q");
    await git(root, "add", "-A");
    await git(root, "commit", "-q", "-m", "kata");
  }
  return root;
}

/** Removes a copy made by {@linkcode copyKata}. */
export async function removeCopy(root: string): Promise<void> {
  await Deno.remove(root, { recursive: true });
}

/** Changes a lesson (or any file) of a copy of the kata. */
export function edit(
  root: string,
  file: string,
  change: (text: string) => string,
): void {
  Deno.writeTextFileSync(
    root + file,
    change(Deno.readTextFileSync(root + file)),
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
 * the offline @std stand-ins (they work everywhere), stdin closed. `env`:
 * extra variables; `timeout`: seconds after which it is killed (default
 * 120), so that a command that hangs fails its test instead of the suite.
 */
export async function journey(
  root: string,
  command: string,
  args: string[] = [],
  options: { env?: Record<string, string>; timeout?: number } = {},
): Promise<Result> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
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
      ...options.env,
    },
    stdin: "null",
    signal: AbortSignal.timeout((options.timeout ?? 120) * 1000),
  }).output();
  const text = new TextDecoder();
  return { code, out: text.decode(stdout), err: text.decode(stderr) };
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
