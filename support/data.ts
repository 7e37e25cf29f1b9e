/**
 * Loading the dataset: one name per line.
 *
 * Support code, not a lesson. The guide reads `names.txt`, trims the whole
 * text, splits it into lines, trims each line and drops the empty ones. The
 * vocabulary is then built from whatever characters the names contain, so a
 * list of other words works too (capitals, hyphens or accents each become a
 * token of their own, as in the guide's code); only files that are clearly
 * not text (NUL bytes, invalid UTF-8, control characters) or that use more
 * than 255 distinct characters are refused.
 *
 * @module
 */

/** A dataset that cannot be used, with a message meant for the user. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

/**
 * Splits a text into names the way the guide does: trim the text, split on
 * newlines, trim each line, drop empty lines.
 *
 * @param text The file's contents.
 * @returns The names, in file order.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseNames } from "./data.ts";
 *
 * assertEquals(parseNames("emma\r\n  olivia \n\n ava\n"), ["emma", "olivia", "ava"]);
 * ```
 */
export function parseNames(text: string): string[] {
  return text.trim().split("\n").map((line) => line.trim()).filter((line) =>
    line.length > 0
  );
}

/**
 * Reads and parses a names file, refusing what cannot be a list of names.
 *
 * @param path The file to read.
 * @returns The names, in file order (not shuffled).
 * @throws {DataError} When the file is missing, unreadable, not text, holds
 * no names, or uses too many distinct characters.
 */
export function readNames(path: string): string[] {
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(`Cannot read data file "${path}": it does not exist`);
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new DataError(`Cannot read data file "${path}": it is a directory`);
    }
    if (
      error instanceof Deno.errors.PermissionDenied ||
      error instanceof Deno.errors.NotCapable
    ) {
      throw new DataError(
        `Cannot read data file "${path}": permission denied`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`Cannot read data file "${path}": ${reason}`);
  }
  if (bytes.includes(0)) {
    throw new DataError(
      `Cannot use data file "${path}": it looks binary (it contains NUL bytes), expected one name per line`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DataError(
      `Cannot use data file "${path}": it is not UTF-8 text, expected one name per line`,
    );
  }
  const names = parseNames(text);
  if (names.length === 0) {
    throw new DataError(
      `Cannot use data file "${path}": it holds no names, expected one name per line`,
    );
  }
  // deno-lint-ignore no-control-regex
  const bad = names.find((name) => /[\u0000-\u001f\u007f]/.test(name));
  if (bad !== undefined) {
    throw new DataError(
      `Cannot use data file "${path}": line ${
        JSON.stringify(bad)
      } contains a control character, expected one name per line`,
    );
  }
  // Names spelled with a–z alone (the usual case) cannot have too many.
  if (!/^[a-z\s]*$/.test(text)) checkAlphabetSize(names, path);
  return names;
}

/**
 * The most distinct characters a dataset may use. The guide's model is sized
 * for an alphabet like a–z: its parameter count and the cost of the
 * gradient check grow with the vocabulary, and beyond a few hundred
 * characters a run would take minutes instead of a second.
 */
export const MAX_CHARACTERS = 255;

/**
 * Refuses a dataset whose names use more than {@linkcode MAX_CHARACTERS}
 * distinct characters.
 *
 * @param names The names.
 * @param path The file they came from, for the message.
 * @throws {DataError} When there are too many distinct characters.
 */
export function checkAlphabetSize(names: readonly string[], path: string) {
  const count = new Set(names.join("")).size;
  if (count > MAX_CHARACTERS) {
    throw new DataError(
      `Cannot use data file "${path}": its names use ${count} different characters, expected at most ${MAX_CHARACTERS} (the model is sized for an alphabet like a-z)`,
    );
  }
}

/** The project's root folder, as a path ending in "/". */
export const ROOT = new URL("../", import.meta.url).pathname;

/**
 * Where the guide's `names.txt` is looked for, in order: `data/names.txt` in
 * the project (where a learner puts their copy), then `../shared/data/
 * names.txt` beside the project (this project's CI and developers).
 */
export const GUIDE_NAMES_CANDIDATES: readonly string[] = [
  `${ROOT}data/names.txt`,
  `${ROOT}../shared/data/names.txt`,
];

/**
 * The first readable copy of the guide's `names.txt`, or `undefined` when
 * there is none or when reading files is not permitted. Never throws and
 * never prompts.
 */
export function findGuideNames(): string | undefined {
  for (const path of GUIDE_NAMES_CANDIDATES) {
    const permission = Deno.permissions.querySync({ name: "read", path });
    if (permission.state !== "granted") continue;
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch {
      // Not there: try the next place.
    }
  }
  return undefined;
}
