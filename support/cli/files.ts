/**
 * Reading a file named on the command line without trusting it: only
 * regular files (a device such as `/dev/zero` or a pipe may never end), and
 * never more than a stated number of bytes, so that no input can make a
 * command fill the machine's memory.
 *
 * @module
 */

import { reasonOf, UserError } from "./errors.ts";

/** A file that cannot be read, with a sentence for the user. */
export class FileReadError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "FileReadError";
  }
}

/** One mebibyte, for size limits. */
export const MIB = 1024 * 1024;

/**
 * What a path is (from its `lstat` or `stat`), in words, when it is not a
 * regular file: "a folder", "a device", "a pipe"... or undefined for a
 * regular file.
 */
export function kindOf(info: Deno.FileInfo): string | undefined {
  if (info.isFile) return undefined;
  if (info.isDirectory) return "a folder";
  if (info.isSymlink) return "a symbolic link";
  if (info.isCharDevice || info.isBlockDevice) return "a device";
  if (info.isFifo) return "a pipe";
  if (info.isSocket) return "a socket";
  return "not a regular file";
}

/** Whether `path` is a regular file (false when it cannot be looked at). */
export function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * A size in bytes as people say it: `64 MB`, `500 bytes`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatSize, MIB } from "./files.ts";
 *
 * assertEquals(formatSize(64 * MIB), "64 MB");
 * assertEquals(formatSize(500), "500 bytes");
 * ```
 */
export function formatSize(bytes: number): string {
  if (bytes >= MIB) return `${Math.round(bytes / MIB)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Reads a file the kata did not write, the one safe way: it must be a
 * regular file (a device or a pipe may never end) of at most `limit` bytes
 * (so no input can fill the memory), checked on the opened file itself.
 *
 * @param what What the file is for, in the message: "data file".
 * @throws {FileReadError} Saying why the file cannot be read.
 */
export function readFileSafely(
  path: string,
  limit: number,
  what: string,
): Uint8Array {
  const fail = (reason: string): never => {
    throw new FileReadError(`Cannot read ${what} "${path}": ${reason}`);
  };
  try {
    // stat() first: opening a pipe for reading waits for a writer.
    const kind = kindOf(Deno.statSync(path));
    if (kind !== undefined) fail(`it is ${kind}, expected a regular file`);
    using file = Deno.openSync(path);
    const { size } = file.statSync();
    if (size > limit) {
      fail(
        `it is too big: over ${formatSize(limit)}, the most a ${what} may be`,
      );
    }
    const bytes = new Uint8Array(size);
    let read = 0;
    while (read < size) {
      const n = file.readSync(bytes.subarray(read));
      if (n === null) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    return fail(
      error instanceof Deno.errors.NotFound
        ? "it does not exist"
        : reasonOf(error),
    );
  }
}

/**
 * Writes `text` to `path`, the one safe way, so that no file the kata did not
 * mean to replace is lost: the text goes to a new temporary file beside it
 * (never through a link planted there), which then takes the name.
 *
 * - `replacing` undefined: `path` must still not exist; the temporary file
 *   is linked to it, which fails if anything appeared there meanwhile.
 * - `replacing` the `lstat` taken when `path` was checked: the file must be
 *   that same file, unchanged (same inode, size and modification time);
 *   it is then replaced by a rename and keeps its permissions.
 *
 * @throws {Error} When `path` appeared or changed since it was checked, or
 * cannot be written; the temporary file is removed and `path` left as it is.
 */
export function writeFileSafely(
  path: string,
  text: string,
  replacing?: Deno.FileInfo,
): void {
  const temp = `${path}.${Deno.pid}-${Date.now()}.tmp`;
  Deno.writeTextFileSync(temp, text, { createNew: true });
  try {
    if (replacing === undefined) {
      Deno.linkSync(temp, path);
      Deno.removeSync(temp);
      return;
    }
    const now = Deno.lstatSync(path);
    const same = now.isFile && now.ino === replacing.ino &&
      now.size === replacing.size &&
      now.mtime?.getTime() === replacing.mtime?.getTime();
    if (!same) throw new Error("it changed after it was checked");
    if (now.mode !== null) Deno.chmodSync(temp, now.mode & 0o7777);
    Deno.renameSync(temp, path);
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch {
      // Already renamed or removed.
    }
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new Error("a file appeared there after it was checked");
    }
    throw error;
  }
}
