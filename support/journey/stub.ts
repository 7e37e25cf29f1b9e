/**
 * Finding a lesson's stub in git, for `deno task reset`.
 *
 * "The stub" is not simply the file at HEAD: a learner who commits their
 * work has their own code at HEAD. It is the newest committed version of the
 * file with the most todo() calls: every stub function is a todo(), and a
 * learner's work only ever removes them. Taking the newest such version keeps
 * fixes the kata made to a stub later (pulled after the learner began).
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import { ROOT_DIR } from "../root.ts";

/** A committed stub: its text and the commit it comes from. */
export interface Stub {
  text: string;
  commit: string;
}

/** How many todo() calls a lesson file makes. */
export function countTodos(text: string): number {
  return text.match(/\btodo\(/g)?.length ?? 0;
}

/**
 * The stub of `file` (a path from the project root), or `undefined` when git
 * knows no version of it with a todo() in it.
 *
 * @throws {UserError} When git is missing or the project is not a git clone.
 */
export async function findStub(
  file: string,
  root: string = ROOT_DIR,
): Promise<Stub | undefined> {
  const log = await git(["log", "--format=%H", "--", `./${file}`], root);
  let best: Stub | undefined;
  let bestCount = 0;
  // Newest first: a later version replaces the best only with more todo()s.
  for (const commit of log.split("\n").filter((line) => line !== "")) {
    let text: string;
    try {
      text = await git(["show", `${commit}:./${file}`], root);
    } catch {
      continue; // The commit deleted the file.
    }
    const count = countTodos(text);
    if (count > bestCount) {
      best = { text, commit };
      bestCount = count;
    }
  }
  return best;
}

/** Runs git in `root` and returns its stdout. */
async function git(args: string[], root: string): Promise<string> {
  let result: Deno.CommandOutput;
  try {
    result = await new Deno.Command("git", {
      args: ["-c", "core.quotepath=off", ...args],
      cwd: root,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UserError(
        "Cannot find the lesson's stub: git is not installed, and the stubs live in the kata's git history",
      );
    }
    throw error;
  }
  const stderr = new TextDecoder().decode(result.stderr);
  if (!result.success) {
    if (/not a git repository/i.test(stderr)) {
      throw new UserError(
        "Cannot find the lesson's stub: this folder is not a git clone of the kata, and the stubs live in its git history",
      );
    }
    throw new Error(`git ${args[0]} failed: ${stderr.trim()}`);
  }
  return new TextDecoder().decode(result.stdout);
}
