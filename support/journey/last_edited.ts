/**
 * Which track the learner is working on: the track of the lesson they saved
 * last. "Saved" means the file differs from its stub (a `git pull` that
 * updates an untouched stub is not the learner at work), and "last" is the
 * newest modification time among those files.
 *
 * @module
 */

import { allLessons, type Track } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";
import { findStubs } from "./stub.ts";

/** A lesson file and when it was last modified. */
export interface Edited {
  lessonFile: string;
  track: Track;
  /** Modification time, ms since the epoch. */
  mtime: number;
}

/**
 * The lessons the learner has changed from their stubs, newest first;
 * undefined when it cannot be told (no git, no permission to run it).
 */
export async function editedLessons(
  root: string = ROOT_DIR,
): Promise<Edited[] | undefined> {
  const entries = allLessons();
  let stubs;
  try {
    stubs = await findStubs(entries.map((e) => e.lessonFile), root);
  } catch {
    return undefined;
  }
  const edited: Edited[] = [];
  for (const entry of entries) {
    let text: string;
    let mtime: number;
    try {
      text = Deno.readTextFileSync(root + entry.lessonFile);
      mtime = Deno.statSync(root + entry.lessonFile).mtime?.getTime() ?? 0;
    } catch {
      continue; // Deleted: nothing to follow there.
    }
    const stub = stubs.get(entry.lessonFile);
    if (stub !== undefined && stub.text === text) continue;
    edited.push({ lessonFile: entry.lessonFile, track: entry.track, mtime });
  }
  return edited.sort((a, b) => b.mtime - a.mtime);
}

/** The track of the lesson edited last, if any can be told. */
export async function lastEditedTrack(
  root: string = ROOT_DIR,
): Promise<Track | undefined> {
  return (await editedLessons(root))?.[0]?.track;
}
