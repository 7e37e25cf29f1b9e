/**
 * The kata's own files, under `.kata/` (git ignores it): the hints seen
 * (`state.json`), the stored test results, the backups `deno task reset`
 * makes and the launcher's notes about JSR.
 *
 * None of these writes may reach a file of the learner's: every folder from
 * `.kata/` down must be a real folder, not a link, and a file is written by
 * `writeFileSafely` (a temporary file that then takes the name), only over a
 * regular file, never through a link. Reads go through `readFileSafely`: a
 * pipe planted there would make a plain read wait for ever.
 *
 * @module
 */

import { kindOf, MIB, readFileSafely, writeFileSafely } from "../cli/files.ts";
import { ROOT_DIR } from "../root.ts";

/** The folder for the kata's own files, from the project root. */
export const KATA_DIR = ".kata";

/**
 * Makes the folder `dir` (from the project root: `.kata` or inside it), one
 * level at a time, and checks that each level is a real folder.
 *
 * @throws {Error} When a level is a link or not a folder (the message has no
 * colon, so that `reasonOf` keeps it whole), or cannot be made.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { makeKataDir } from "./kata_files.ts";
 *
 * const [root, elsewhere] = [Deno.makeTempDirSync(), Deno.makeTempDirSync()];
 * Deno.symlinkSync(elsewhere, `${root}/.kata`);
 * assertThrows(() => makeKataDir(".kata/backups", `${root}/`), Error, ".kata is a link");
 * assertEquals([...Deno.readDirSync(elsewhere)], []);
 * [root, elsewhere].forEach((dir) => Deno.removeSync(dir, { recursive: true }));
 * ```
 */
export function makeKataDir(dir: string, root: string = ROOT_DIR): void {
  const parts = dir.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join("/");
    const info = lstatIfAny(root + path);
    if (info === undefined) Deno.mkdirSync(root + path);
    else if (info.isSymlink) {
      throw new Error(
        `${path} is a link, and the kata writes its own files only into a real folder`,
      );
    } else if (!info.isDirectory) {
      throw new Error(`${path} is a file where the kata expects a folder`);
    }
  }
}

/** What is at `path` (a link itself, not what it points to); undefined when nothing. */
export function lstatIfAny(path: string): Deno.FileInfo | undefined {
  try {
    return Deno.lstatSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * The text of `file` (from the project root, in `.kata/`); undefined when it
 * is missing, not a regular file, or over 64 MB.
 */
export function readKataFile(
  file: string,
  root: string = ROOT_DIR,
): string | undefined {
  try {
    const bytes = readFileSafely(root + file, 64 * MIB, "file of the kata");
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Writes `text` to `file` (from the project root, in `.kata/`), a new file
 * or over a regular file there.
 *
 * @throws {Error} When a folder on the way, or the file, is a link or
 * anything but what it should be, or the file cannot be written.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { writeKataFile } from "./kata_files.ts";
 *
 * const root = Deno.makeTempDirSync() + "/";
 * writeKataFile(".kata/state.json", "{}", root);
 * assertEquals(Deno.readTextFileSync(`${root}.kata/state.json`), "{}");
 * Deno.writeTextFileSync(`${root}mine.txt`, "the learner's");
 * Deno.symlinkSync(`${root}mine.txt`, `${root}.kata/link.json`);
 * assertThrows(() => writeKataFile(".kata/link.json", "{}", root));
 * assertEquals(Deno.readTextFileSync(`${root}mine.txt`), "the learner's");
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function writeKataFile(
  file: string,
  text: string,
  root: string = ROOT_DIR,
): void {
  makeKataDir(file.slice(0, file.lastIndexOf("/")), root);
  const info = lstatIfAny(root + file);
  if (info !== undefined && !info.isFile) {
    throw new Error(`${file} is ${kindOf(info)}, not a file the kata wrote`);
  }
  writeFileSafely(root + file, text, info);
}

/** Where the hints seen are kept, from the project root. */
const STATE_FILE = `${KATA_DIR}/state.json`;

/**
 * How many hints of each lesson (by id) the learner has seen; none when the
 * file is missing or not as written (it holds only conveniences).
 */
export function hintsSeen(): Record<string, number> {
  try {
    const seen: Record<string, number> =
      JSON.parse(readKataFile(STATE_FILE) ?? "{}").hintsSeen ?? {};
    return Object.fromEntries(
      Object.entries(seen).filter(([, n]) => Number.isInteger(n) && n >= 0),
    );
  } catch {
    return {};
  }
}

/** Remembers the hints seen (see {@linkcode writeKataFile}). */
export function saveHintsSeen(seen: Record<string, number>): void {
  const text = JSON.stringify({ hintsSeen: seen }, null, 2);
  writeKataFile(STATE_FILE, `${text}\n`);
}
