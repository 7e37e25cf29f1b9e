/**
 * `deno task reset LESSON [--yes]`: puts a lesson's stub back, after copying
 * your file to .kata/backups/ (the backup is made, and read back, before the
 * lesson is touched, so nothing you wrote is ever lost).
 *
 * The stub comes from git (see stub.ts). Asks first (y/N); without a
 * terminal to ask on, it resets only with `--yes`.
 *
 * @module
 */

import { parseFlags } from "../cli/args.ts";
import { pathForCaller } from "../cli/caller.ts";
import { EXIT_USAGE, reasonOf, runMain, UserError } from "../cli/errors.ts";
import { confirmOrRefuse, fileLink, stdoutStyle } from "../cli/style.ts";
import {
  KATA_DIR,
  makeKataDir,
  readRegularFile,
} from "../journey/kata_files.ts";
import { currentLesson } from "../journey/lesson_progress.ts";
import { findStub } from "../journey/stub.ts";
import type { LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

const USAGE = "deno task reset LESSON [--yes]";

/** The backup folder, from the project root. */
export const BACKUP_DIR = `${KATA_DIR}/backups`;

/** A local date and time that sorts and suits a file name: `20260730-090501`. */
export function timestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${
    two(date.getDate())
  }-` +
    `${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}

/**
 * Copies `bytes` (the lesson's current contents, byte for byte: a file that
 * is not UTF-8 text is kept as it is too) to a new backup file and reads it
 * back. Returns the backup's path from the project root.
 *
 * @throws {UserError} When the backup cannot be written or read back intact.
 */
export function backUp(entry: LessonEntry, bytes: Uint8Array): string {
  const dir = `${BACKUP_DIR}/${entry.track.dir}`;
  const base = `${dir}/${entry.lesson.slug}.${timestamp(new Date())}`;
  try {
    // Never into a linked folder (see kata_files.ts); createNew below
    // refuses a link at the backup's own name.
    makeKataDir(dir);
    for (let n = 1;; n++) {
      const path = n === 1 ? `${base}.ts` : `${base}-${n}.ts`;
      try {
        Deno.writeFileSync(ROOT_DIR + path, bytes, { createNew: true });
      } catch (error) {
        if (error instanceof Deno.errors.AlreadyExists) continue;
        throw error;
      }
      if (!sameBytes(Deno.readFileSync(ROOT_DIR + path), bytes)) {
        throw new Error("the copy read back differs from your file");
      }
      return path;
    }
  } catch (error) {
    const reason = reasonOf(error);
    throw new UserError(
      `Cannot back up ${entry.lessonFile} to ${dir}/ (${reason}), so the lesson was left as it is`,
    );
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Writes `text` to `path` through a new temporary file and a rename (a link
 * planted at the temporary name is refused, not written through).
 */
function replaceFile(path: string, text: string): void {
  const temporary = `${path}.reset-${Date.now()}.tmp`;
  Deno.writeTextFileSync(temporary, text, { createNew: true });
  try {
    Deno.renameSync(temporary, path);
  } catch (error) {
    Deno.removeSync(temporary);
    throw error;
  }
}

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    booleans: ["yes"],
    aliases: { yes: "y" },
    maxPositionals: 1,
    usage: USAGE,
  });
  if (args.booleans.has("help")) {
    console.log(
      `${USAGE}\n\nRestores a lesson's stub from git after backing up your file to ${BACKUP_DIR}/.`,
    );
    return 0;
  }
  const key = args.positionals[0];
  if (key === undefined) {
    throw new UserError(
      `Name the lesson to reset, e.g. deno task reset step1/04 (usage: ${USAGE})`,
      EXIT_USAGE,
    );
  }
  const entry = await currentLesson(key, "reset");
  const { id } = entry.lesson;
  const file = entry.lessonFile;
  const stub = await findStub(file);
  if (stub === undefined) {
    throw new UserError(
      `Cannot reset ${id}: git holds no committed stub of ${file}`,
    );
  }
  let mine: Uint8Array | undefined;
  try {
    mine = readRegularFile(ROOT_DIR + file);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      const reason = reasonOf(error);
      throw new UserError(
        `Cannot read ${file} (${reason}), so it cannot be backed up: nothing was changed`,
      );
    }
  }
  if (mine !== undefined && new TextDecoder().decode(mine) === stub.text) {
    console.log(`${file} is already the stub: nothing to reset.`);
    return 0;
  }
  if (!args.booleans.has("yes")) {
    const question =
      `Replace your ${file} with the stub? Your version is backed up first.`;
    const refusal =
      `Resetting replaces your ${file}: rerun with --yes to confirm (your version is backed up first)`;
    if (!confirmOrRefuse(question, refusal)) {
      console.log("Nothing was changed.");
      return 1;
    }
  }
  const backup = mine === undefined ? undefined : backUp(entry, mine);
  try {
    replaceFile(ROOT_DIR + file, stub.text);
  } catch (error) {
    throw new UserError(
      `Cannot write ${file} (${reasonOf(error)})${
        backup ? `; your version is safe in ${backup}` : ""
      }`,
    );
  }
  console.log(
    `Restored the stub of ${id} in ${file} (from commit ${
      stub.commit.slice(0, 7)
    }).`,
  );
  if (backup !== undefined) {
    console.log(
      `Your version is saved in ${fileLink(stdoutStyle(), ROOT_DIR + backup)}`,
    );
    console.log(
      `To undo: cp ${pathForCaller(backup)} ${pathForCaller(file)}`,
    );
  } else {
    console.log(`There was no ${file} to back up.`);
  }
  return 0;
}

if (import.meta.main) await runMain(main);
