/**
 * The little the journey commands remember between runs, kept in
 * `.kata/state.json` (git ignores `.kata/`): which hints the learner has seen.
 * Lesson backups made by `deno task reset` live beside it, in `.kata/backups/`.
 *
 * @module
 */

import { ROOT_DIR } from "../root.ts";
import { KATA_DIR, readRegularFile, writeKataFile } from "./kata_files.ts";

/** What is remembered. */
export interface KataState {
  /** How many hints of each lesson (by id) have been shown. */
  hintsSeen: Record<string, number>;
}

/** The state file, from the project root. */
const STATE_FILE = `${KATA_DIR}/state.json`;

/**
 * Reads the state; a missing or unreadable file (or a pipe, a folder…) is an
 * empty state (the file only holds conveniences, nothing of the learner's
 * work).
 */
export function loadState(): KataState {
  try {
    const bytes = readRegularFile(ROOT_DIR + STATE_FILE);
    const data = JSON.parse(new TextDecoder().decode(bytes));
    const hintsSeen: Record<string, number> = {};
    for (const [id, count] of Object.entries(data?.hintsSeen ?? {})) {
      if (Number.isInteger(count) && (count as number) >= 0) {
        hintsSeen[id] = count as number;
      }
    }
    return { hintsSeen };
  } catch {
    return { hintsSeen: {} };
  }
}

/**
 * Writes the state, creating `.kata/` when needed (never through a link:
 * see kata_files.ts).
 */
export function saveState(state: KataState): void {
  writeKataFile(STATE_FILE, JSON.stringify(state, null, 2) + "\n");
}
