/**
 * Which track the learner is working on: the track of the lesson they saved
 * last. "Saved" means the file differs from its stub (a `git pull` that
 * updates an untouched stub is not the learner at work), and "last" is the
 * newest modification time among those files.
 *
 * @module
 */

import { allLessons, type LessonEntry } from "../manifest.ts";
import { MIB, readFileSafely } from "../cli/files.ts";
import { ROOT_DIR } from "../root.ts";
import { findStubs } from "./stub.ts";

/**
 * The lessons the learner has changed from their stubs, newest first;
 * undefined when it cannot be told (no git, no permission to run it).
 */
export async function editedLessons(
  root: string = ROOT_DIR,
): Promise<LessonEntry[] | undefined> {
  const entries = allLessons();
  let stubs;
  try {
    stubs = await findStubs(entries.map((e) => e.lessonFile), root);
  } catch {
    return undefined;
  }
  const edited: { entry: LessonEntry; mtime: number }[] = [];
  for (const entry of entries) {
    const path = root + entry.lessonFile;
    let text: string;
    let mtime: number;
    try {
      text = new TextDecoder().decode(readFileSafely(path, MIB, "lesson"));
      mtime = Deno.statSync(path).mtime?.getTime() ?? 0;
    } catch {
      continue; // Deleted (or a folder, a pipe): nothing to follow there.
    }
    const stub = stubs.get(entry.lessonFile);
    if (stub !== undefined && stub.text === text) continue;
    edited.push({ entry, mtime });
  }
  return edited.sort((a, b) => b.mtime - a.mtime).map((e) => e.entry);
}
