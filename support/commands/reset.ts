/**
 * `deno task reset LESSON [--yes]`: puts a lesson's stub back, after copying
 * your file to .kata/backups/ (the backup is made, and read back, before the
 * lesson is touched, so nothing you wrote is ever lost).
 *
 * The stub comes from git (journey/stub.ts). Asks first (y/N); without a
 * terminal to ask on, it resets only with `--yes`.
 *
 * @module
 */

import { parseFlags, usageOf } from "../cli/args.ts";
import { pathForCaller } from "../cli/caller.ts";
import { EXIT_USAGE, reasonOf, runMain, UserError } from "../cli/errors.ts";
import { MIB, readFileSafely, writeFileSafely } from "../cli/files.ts";
import { lstatIfAny, makeKataDir } from "../journey/kata_files.ts";
import { currentLesson } from "../journey/lesson_progress.ts";
import { findStubs, stubText } from "../journey/stub.ts";
import type { LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

const USAGE = usageOf("reset");

/**
 * Copies `bytes` (the lesson's contents, byte for byte: a file that is not
 * UTF-8 text is kept as it is too) to a new file in .kata/backups/ named
 * after the local date and time to the second, and reads it back. The name
 * is taken with `createNew`, which neither replaces nor follows anything
 * already there, inside folders checked to be real.
 *
 * @returns The backup's path from the project root.
 * @throws {UserError} When the backup cannot be written or read back intact.
 */
function backUp(entry: LessonEntry, bytes: Uint8Array): string {
  const dir = `.kata/backups/${entry.track.dir}`;
  // 20260730-090501: sorts, and suits a file name (Sweden writes dates and
  // times as ISO 8601 does: "2026-07-30 09:05:01").
  const time = new Date().toLocaleString("sv-SE").replace(/\D/g, "")
    .replace(/^\d{8}/, "$&-");
  const path = `${dir}/${entry.lesson.slug}.${time}.ts`;
  try {
    makeKataDir(dir);
    // A backup of the same second is there: refused, never replaced.
    Deno.writeFileSync(ROOT_DIR + path, bytes, { createNew: true });
    const copy = Deno.readFileSync(ROOT_DIR + path);
    if (copy.length !== bytes.length || copy.some((b, i) => b !== bytes[i])) {
      throw new Error("the copy read back differs from your file");
    }
    return path;
  } catch (error) {
    throw new UserError(
      `Cannot back up ${entry.lessonFile} to ${dir}/ (${
        reasonOf(error)
      }), so the lesson was left as it is`,
    );
  }
}

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    command: "reset",
    booleans: ["yes"],
    aliases: { yes: "y" },
    maxPositionals: 1,
  });
  const key = args.positionals[0];
  if (key === undefined) {
    throw new UserError(
      `Name the lesson to reset, e.g. deno task reset step1/04 (usage: ${USAGE})`,
      EXIT_USAGE,
    );
  }
  const entry = await currentLesson(key, "reset");
  const { lesson: { id }, lessonFile: file } = entry;
  const stub = (await findStubs([file])).get(file);
  if (stub === undefined) {
    throw new UserError(
      `Cannot reset ${id}: git holds no committed stub of ${file}`,
    );
  }
  const text = await stubText(stub);
  // What is there now, as it was looked at: only that file is replaced.
  let mine: { bytes: Uint8Array; info: Deno.FileInfo } | undefined;
  try {
    const info = lstatIfAny(ROOT_DIR + file);
    const read = () => readFileSafely(ROOT_DIR + file, 16 * MIB, "lesson");
    mine = info && { info, bytes: read() };
  } catch (error) {
    const why = error instanceof UserError ? error.message : reasonOf(error);
    throw new UserError(
      `${why}, so it cannot be backed up: nothing was changed`,
    );
  }
  if (mine && new TextDecoder().decode(mine.bytes) === text) {
    console.log(`${file} is already the stub: nothing to reset.`);
    return 0;
  }
  if (!args.booleans.has("yes")) {
    if (!Deno.stdin.isTerminal()) {
      throw new UserError(
        `Resetting replaces your ${file}: rerun with --yes to confirm (your version is backed up first)`,
      );
    }
    if (
      !confirm(
        `Replace your ${file} with the stub? Your version is backed up first.`,
      )
    ) {
      console.log("Nothing was changed.");
      return 1;
    }
  }
  const backup = mine && backUp(entry, mine.bytes);
  try {
    writeFileSafely(ROOT_DIR + file, text, mine?.info);
  } catch (error) {
    throw new UserError(
      `Cannot write ${file} (${reasonOf(error)})${
        backup ? `; your version is safe in ${backup}` : ""
      }`,
    );
  }
  const commit = stub.commit.slice(0, 7);
  console.log(`Restored the stub of ${id} in ${file} (from commit ${commit}).`);
  console.log(
    backup === undefined
      ? `There was no ${file} to back up.`
      : `Your version is saved in ${ROOT_DIR}${backup}\nTo undo: cp ${
        pathForCaller(backup)
      } ${pathForCaller(file)}`,
  );
  return 0;
}

if (import.meta.main) await runMain(main);
