/**
 * The lessons' stubs, found in git: for `deno task reset`, and to tell which
 * lessons the learner has edited (the current track is the one of the lesson
 * edited last).
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
import { isFile } from "../cli/files.ts";
import { allLessons, type LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

/** A committed stub: the commit it comes from, and its git object. */
export interface Stub {
  commit: string;
  blob: string;
}

/**
 * The stubs of `files` (paths from the project root), from three git
 * commands whatever their number: the commits that changed them (newest
 * first), the count of todo() lines of every version, the stubs' objects.
 *
 * @throws {UserError} When git is missing or the project is not a git clone.
 */
export async function findStubs(
  files: readonly string[],
  root: string = ROOT_DIR,
): Promise<Map<string, Stub>> {
  const paths = ["--", ...files.map((file) => `./${file}`)];
  const history = await git(["rev-list", "HEAD", ...paths], root);
  const commits = history.split("\n").filter((commit) => commit !== "");
  const grep = ["grep", "-c", "-F", "todo(", ...commits, ...paths];
  const counts = commits.length === 0 ? "" : await git(grep, root);
  // "commit:path:count", in the order of the commits: newest first, so an
  // older version takes the place only with more todo()s.
  const best = new Map<string, { commit: string; count: number }>();
  for (const line of counts.split("\n")) {
    const [, commit, file, count] = line.match(/^(\w+):(.+):(\d+)$/) ?? [];
    if (file && Number(count) > (best.get(file)?.count ?? 0)) {
      best.set(file, { commit, count: Number(count) });
    }
  }
  const found = [...best.entries()];
  const objects = found.map(([file, { commit }]) => `${commit}:./${file}`);
  const blobs = found.length === 0
    ? []
    : (await git(["rev-parse", ...objects], root)).split("\n");
  return new Map(
    found.map(([file, { commit }], i) => [file, { commit, blob: blobs[i] }]),
  );
}

/** The text of a stub. */
export async function stubText(stub: Stub, root = ROOT_DIR): Promise<string> {
  return await git(["cat-file", "blob", stub.blob], root);
}

/**
 * The lessons the learner has changed from their stubs, newest first (by
 * the time they were saved); undefined when it cannot be told (no git).
 * Whether a lesson is its stub is asked of git itself: the id it gives the
 * file (`git hash-object`, whatever its hash or filters) is the stub's.
 */
export async function editedLessons(
  root: string = ROOT_DIR,
): Promise<LessonEntry[] | undefined> {
  const entries = allLessons();
  // Only files: a deleted lesson has nothing to follow, and git would wait
  // on a pipe (the progress engine refuses those before it gets here).
  const present = entries.filter((e) => isFile(root + e.lessonFile));
  const files = present.map((e) => e.lessonFile);
  try {
    const stubs = await findStubs(entries.map((e) => e.lessonFile), root);
    const ids = files.length === 0
      ? []
      : (await git(["hash-object", "--", ...files], root)).split("\n");
    const savedAt = (e: LessonEntry) =>
      Deno.statSync(root + e.lessonFile).mtime?.getTime() ?? 0;
    return present.filter((e, i) => ids[i] !== stubs.get(e.lessonFile)?.blob)
      .sort((a, b) => savedAt(b) - savedAt(a));
  } catch {
    return undefined;
  }
}

/**
 * Runs git in `root` (the project root by default); its output. `task`
 * says what it is for, in messages (by default, finding a stub). Exit code 1
 * without a word is an answer, not a failure: grep found nothing, diff found
 * a difference.
 *
 * @throws {UserError} One sentence when git is missing, the folder is no
 * git clone, or git fails (its own first line says why).
 */
export async function git(
  args: string[],
  root: string = ROOT_DIR,
  task: string = "find the lesson's stub in the kata's git history",
): Promise<string> {
  const run = await new Deno.Command("git", {
    args: ["-c", "core.quotepath=off", ...args],
    cwd: root,
    stdin: "null",
  }).output().catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new UserError(`Cannot ${task}: git is not installed`);
  });
  const said = new TextDecoder().decode(run.stderr).trim().split("\n")[0];
  if (/not a git repository/i.test(said)) {
    throw new UserError(
      `Cannot ${task}: this folder is not a git clone of the kata`,
    );
  }
  if (!run.success && (run.code !== 1 || said !== "")) {
    const why = said.replace(/^(fatal|error): /, "") || `exit code ${run.code}`;
    throw new UserError(`Cannot ${task}: git ${args[0]} failed (${why})`);
  }
  return new TextDecoder().decode(run.stdout);
}
