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
 * The stubs of many files at once (paths from the project root), from two
 * git commands whatever their number: `git log` lists the commits that
 * changed each file, `git cat-file --batch` reads those versions.
 *
 * @throws {UserError} When git is missing or the project is not a git clone.
 */
export async function findStubs(
  files: readonly string[],
  root: string = ROOT_DIR,
): Promise<Map<string, Stub | undefined>> {
  const wanted = new Set(files);
  const log = await git(
    [
      "log",
      "--format=%x01%H",
      "--name-only",
      "--relative",
      "--",
      ...files.map((f) => `./${f}`),
    ],
    root,
  );
  // Every version of every file, newest first.
  const requests: { file: string; commit: string }[] = [];
  for (const block of log.split("\x01").slice(1)) {
    const [commit, ...names] = block.split("\n").map((l) => l.trim());
    for (const file of names.filter((name) => wanted.has(name))) {
      requests.push({ file, commit });
    }
  }
  const texts = await catFiles(
    requests.map((r) => `${r.commit}:./${r.file}`),
    root,
  );
  const stubs = new Map<string, Stub | undefined>(
    files.map((f) => [f, undefined]),
  );
  requests.forEach(({ file, commit }, i) => {
    const text = texts[i];
    const best = stubs.get(file);
    // Newest first: an older version replaces the stub only with more todo()s.
    if (text !== undefined && countTodos(text) > countTodos(best?.text ?? "")) {
      stubs.set(file, { text, commit });
    }
  });
  return stubs;
}

/** The text of each `commit:path` object (undefined when missing), by one `git cat-file --batch`. */
async function catFiles(
  objects: readonly string[],
  root: string,
): Promise<(string | undefined)[]> {
  if (objects.length === 0) return [];
  const child = new Deno.Command("git", {
    args: ["cat-file", "--batch"],
    cwd: root,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Read while writing: git answers as it reads, and with both pipes full
  // (a long history) each side would wait for the other forever.
  const read = Promise.all([
    new Response(child.stdout).bytes(),
    new Response(child.stderr).text(),
  ]);
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(objects.join("\n") + "\n"));
  await writer.close();
  const [stdout, stderr] = await read;
  const { success, code } = await child.status;
  if (!success) throw gitFailed("git cat-file", stderr, code);
  const texts: (string | undefined)[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  for (let i = 0; i < objects.length; i++) {
    const end = stdout.indexOf(10, at);
    if (end === -1) break;
    const header = decoder.decode(stdout.subarray(at, end));
    at = end + 1;
    const size = header.match(/^\S+ blob (\d+)$/)?.[1];
    if (size === undefined) {
      texts.push(undefined); // "missing": the commit deleted the file.
      continue;
    }
    texts.push(decoder.decode(stdout.subarray(at, at + Number(size))));
    at += Number(size) + 1;
  }
  return texts;
}

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
    throw gitFailed(`git ${args[0]}`, stderr, result.code);
  }
  return new TextDecoder().decode(result.stdout);
}

/**
 * A git command that failed (a clone with no commit yet, a folder git does
 * not trust…), as one sentence: git's own first line says why.
 */
function gitFailed(command: string, stderr: string, code: number): UserError {
  const said = stderr.trim().split("\n")[0].replace(/^fatal: /, "");
  return new UserError(
    `Cannot find the lesson's stub in the kata's git history: ${command} failed (${
      said || `exit code ${code}`
    })`,
  );
}
