/**
 * Writing the kata's own files under `.kata/` (git ignores it): the hints
 * seen, the stored test results, the backups `deno task reset` makes.
 *
 * None of these writes may reach a file of the learner's. A link planted at
 * `.kata/state.json` (or a `.kata/` that is a link) would make a plain write
 * go through it and overwrite whatever it points to, so: every folder from
 * `.kata/` down must be a real folder, not a link; a file is written to a new
 * temporary file beside it, then renamed over it (a rename replaces a link
 * at that name, it never writes through it).
 *
 * Reading is guarded too ({@linkcode readRegularFile}): a pipe put where a
 * lesson or a state file should be would make a plain read wait forever.
 *
 * @module
 */

import { kindOf } from "../cli/files.ts";
import { ROOT_DIR } from "../root.ts";

/** The folder for the kata's own files, from the project root. */
export const KATA_DIR = ".kata";

/**
 * Makes the folder `dir` (from the project root, `.kata` or inside it), one
 * level at a time, and checks that each level is a real folder.
 *
 * @throws {Error} When a level is a link or not a folder (the message has
 * no colon, so that `reasonOf` keeps it whole), or cannot be made.
 */
export function makeKataDir(dir: string, root: string = ROOT_DIR): void {
  const parts = dir.split("/").filter((part) => part !== "");
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join("/");
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(root + path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      Deno.mkdirSync(root + path);
      continue;
    }
    if (info.isSymlink) {
      throw new Error(
        `${path} is a link, and the kata writes its own files only into a real folder`,
      );
    }
    if (!info.isDirectory) {
      throw new Error(`${path} is a file where the kata expects a folder`);
    }
  }
}

/**
 * Writes `text` to `file` (from the project root, inside `.kata/`) through a
 * new temporary file and a rename, so that a reader never sees half of it
 * and a link at `file` is replaced, not written through.
 *
 * @throws {Error} When the folder is a link, or the file cannot be written.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { writeKataFile } from "./kata_files.ts";
 *
 * const root = Deno.makeTempDirSync() + "/";
 * Deno.mkdirSync(`${root}.kata`);
 * Deno.writeTextFileSync(`${root}mine.txt`, "the learner's");
 * Deno.symlinkSync(`${root}mine.txt`, `${root}.kata/state.json`);
 * writeKataFile(".kata/state.json", "{}", root);
 * assertEquals(Deno.readTextFileSync(`${root}mine.txt`), "the learner's");
 * assertEquals(Deno.readTextFileSync(`${root}.kata/state.json`), "{}");
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function writeKataFile(
  file: string,
  text: string,
  root: string = ROOT_DIR,
): void {
  makeKataDir(file.replace(/\/?[^/]*$/, ""), root);
  // createNew: a link planted at the temporary name is refused, not followed.
  const temp = `${root}${file}.${Deno.pid}-${Date.now()}.tmp`;
  Deno.writeTextFileSync(temp, text, { createNew: true });
  try {
    Deno.renameSync(temp, root + file);
  } catch (error) {
    Deno.removeSync(temp);
    throw error;
  }
}

/**
 * The bytes of `path` if it is a regular file (a link to one is followed).
 * Looks before opening: opening a pipe waits for a writer, for ever, and a
 * device may never end.
 *
 * @throws {Deno.errors.NotFound} When there is nothing at `path`.
 * @throws {Error} "it is a folder", "it is a pipe"… (no colon, so that
 * `reasonOf` keeps it whole) when it is not a regular file.
 */
export function readRegularFile(path: string): Uint8Array {
  const kind = kindOf(Deno.statSync(path));
  if (kind !== undefined) throw new Error(`it is ${kind}`);
  return Deno.readFileSync(path);
}
