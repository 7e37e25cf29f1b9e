/**
 * Model files: what `deno task train --save FILE` writes and
 * `deno task sample` reads.
 *
 * A model file is JSON: a format name and version, the guide step that made
 * it, the vocabulary, the hyperparameters, how it was trained, and the
 * weights as named matrices (one row per line, so a person can read it).
 * JSON numbers round-trip exactly, so a loaded model is the trained model
 * bit for bit.
 *
 * Saving goes through `writeFileSafely` (`cli/files.ts`), so an interrupted
 * or failed save leaves an existing file as it was, and a file that appears
 * or changes during training is kept. Saving never replaces a file the kata
 * did not write: only a file that parses as a model may be overwritten, and
 * never inside lessons/, solutions/, tests/, support/ or the kata's other
 * folders (see {@linkcode checkSavePath}). Loading checks everything a
 * sampler relies on and names the first problem it finds.
 *
 * @module
 */

import { basename, dirname } from "node:path";
import { reasonOf } from "../cli/errors.ts";
import {
  FileReadError,
  kindOf,
  MIB,
  readFileSafely,
  writeFileSafely,
} from "../cli/files.ts";
import { visible } from "../cli/style.ts";
import { CONTROL, LAYOUT, MAX_CHARACTERS } from "../data.ts";
import { ROOT_DIR } from "../root.ts";
import { ModelFileError } from "./errors.ts";
import type { TrainedModel } from "./step_program.ts";

/** The value of a model file's `format` field. */
export const MODEL_FORMAT = "microgpt-kata-model";
/** The format version this trainer writes and reads. */
export const MODEL_VERSION = 1;

/** The contents of a model file. */
export interface ModelFile extends TrainedModel {
  format: typeof MODEL_FORMAT;
  version: number;
  /** The guide step whose program trained it (`deno task train --step`). */
  step: number;
  /**
   * How it was trained (informative; sampling does not need it): `data` is
   * a file path or the npm package's name, `numDocs` how many names it had.
   */
  training: {
    seed: number;
    steps: number;
    lr: number;
    data: string;
    numDocs: number;
  };
}

/**
 * The JSON text of a model file: two-space indentation, each matrix row on
 * one line, a final newline.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseModelFile, stringifyModelFile } from "./model_file.ts";
 *
 * const file = {
 *   format: "microgpt-kata-model" as const,
 *   version: 1,
 *   step: 1,
 *   vocabulary: ["a"],
 *   hyperparameters: { nEmbd: 1 },
 *   training: { seed: 42, steps: 1, lr: 1, data: "x.txt", numDocs: 1 },
 *   weights: { wte: [[0.5], [-0.25]] },
 * };
 * const text = stringifyModelFile(file);
 * assertEquals(parseModelFile(text, "model.json"), file);
 * ```
 */
export function stringifyModelFile(file: ModelFile): string {
  const text = JSON.stringify(file, null, 2);
  // Put every innermost array (a matrix row, the vocabulary) on one line.
  return text.replace(
    /\[\n\s*([^[\]{}]*?)\n\s*\]/g,
    (_, items: string) => `[${items.replace(/,\n\s*/g, ", ")}]`,
  ) + "\n";
}

/**
 * The project's folders `--save` never writes into: the learner's lessons,
 * the solutions, the tests, the kata's code, references and docs, its
 * state (.kata/) and git's.
 */
const KATA_FOLDERS = "lessons solutions tests support bench docs .kata .git"
  .split(" ");

/**
 * The largest model file read: the guide's models are a few hundred KB, and
 * 128 MB leaves room for far bigger ones while keeping memory bounded.
 */
const MAX_MODEL_BYTES = 128 * MIB;

/**
 * Checks, before training, that a model can be saved at `path` without
 * destroying anything the kata did not write: its folder exists and can be
 * written; `path` is not inside one of the kata's folders (lessons/,
 * solutions/, tests/, support/, bench/, docs/, .kata/, .git/), not the data
 * file, not a folder, link, device or pipe; and a file already there parses
 * as a model file. What an interrupted save to the same name left behind
 * is removed.
 *
 * @param path Where `--save` will write.
 * @param dataPath The names file being trained on, if any.
 * @returns The `lstat` of the model file to replace (for
 *   {@linkcode writeModelFile}), or undefined when there is none.
 * @throws {ModelFileError} When it cannot (or must not) be saved there.
 */
export function checkSavePath(
  path: string,
  dataPath?: string,
): Deno.FileInfo | undefined {
  const fail = (reason: string): never => {
    throw new ModelFileError(`Cannot save the model to "${path}": ${reason}`);
  };
  const info = statIfThere(Deno.lstatSync, path, fail);
  const kind = info && kindOf(info);
  if (kind !== undefined) {
    fail(`it is ${kind}, expected a model file name (choose another name)`);
  }
  const folder = dirname(path);
  // models/ in the project (ignored by git) is made on first use.
  const absolute = folder.startsWith("/") ? folder : `${Deno.cwd()}/${folder}`;
  if (absolute.replace(/\/(\.\/?)?$/, "") === `${ROOT_DIR}models`) {
    try {
      Deno.mkdirSync(folder, { recursive: true });
    } catch {
      // Reported below.
    }
  }
  const folderInfo = statIfThere(
    Deno.statSync,
    folder,
    (reason) => fail(`folder "${folder}": ${reason}`),
  );
  if (folderInfo === undefined) fail(`folder "${folder}" does not exist`);
  if (!folderInfo!.isDirectory) fail(`"${folder}" is not a folder`);
  const realFolder = Deno.realPathSync(folder).replace(/\/?$/, "/");
  const root = Deno.realPathSync(ROOT_DIR).replace(/\/?$/, "/");
  const inside = KATA_FOLDERS.find((name) =>
    realFolder.startsWith(`${root}${name}/`)
  );
  if (inside !== undefined) {
    fail(
      `it is inside the kata's ${inside}/ folder, which --save never writes to (save it in the project folder or in models/)`,
    );
  }
  if (info !== undefined) {
    if (dataPath !== undefined && sameFile(path, dataPath)) {
      fail(`it is the data file being trained on (choose another name)`);
    }
    try {
      readModelFile(path);
    } catch {
      fail(
        `a file that is not a model saved by deno task train is already there, and --save never overwrites one (choose another name, or move that file away yourself)`,
      );
    }
  }
  removeStaleTemps(path);
  // Can the folder be written? Try it now rather than after the training.
  try {
    Deno.removeSync(Deno.makeTempFileSync({ dir: folder }));
  } catch (error) {
    fail(`folder "${folder}" cannot be written (${reasonOf(error)})`);
  }
  return info;
}

/** `stat(path)`, or undefined when nothing is there; `fail` for other errors. */
function statIfThere(
  stat: (path: string) => Deno.FileInfo,
  path: string,
  fail: (reason: string) => never,
): Deno.FileInfo | undefined {
  try {
    return stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    return fail(reasonOf(error));
  }
}

/** Whether two paths name the same file (same device and inode). */
function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [Deno.statSync(a), Deno.statSync(b)];
    return x.ino !== null && x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Removes the temporary file a save to `path` that was killed left behind
 * (`writeFileSafely` names it `NAME.PID-MILLISECONDS.tmp`).
 */
function removeStaleTemps(path: string): void {
  const stale = new RegExp(
    `^${RegExp.escape(basename(path))}\\.\\d+-\\d+\\.tmp$`,
  );
  try {
    for (const entry of Deno.readDirSync(dirname(path))) {
      if (entry.isFile && stale.test(entry.name)) {
        Deno.removeSync(`${dirname(path)}/${entry.name}`);
      }
    }
  } catch {
    // Unreadable folder: the write check reports it.
  }
}

/**
 * Saves a model file through `writeFileSafely`: a new file is placed only
 * if nothing appeared at `path` meanwhile, a model file is replaced only if
 * it is still the one {@linkcode checkSavePath} looked at (and keeps its
 * permissions). On any failure `path` is left as it is.
 *
 * @param replacing What {@linkcode checkSavePath} returned.
 * @throws {ModelFileError} When the file cannot be written.
 */
export function writeModelFile(
  path: string,
  file: ModelFile,
  replacing?: Deno.FileInfo,
): void {
  try {
    writeFileSafely(path, stringifyModelFile(file), replacing);
  } catch (error) {
    // A file appeared, or the model file changed, during training.
    const raced = /after it was checked/.test(String(error));
    throw new ModelFileError(
      `Cannot save the model to "${path}": ${reasonOf(error)}${
        raced
          ? ", so it is kept and the model is not saved (save to another name)"
          : ""
      }`,
    );
  }
}

/**
 * Reads and checks a model file.
 *
 * @throws {ModelFileError} When it is missing, unreadable or malformed.
 */
export function readModelFile(path: string): ModelFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSafely(path, MAX_MODEL_BYTES, "model file");
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    const missing = error.message.endsWith("it does not exist");
    throw new ModelFileError(
      missing
        ? `${error.message} (save one with deno task train --save ${path})`
        : error.message,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ModelFileError(
      `Cannot load model file "${path}": it is not UTF-8 text, expected JSON saved by deno task train`,
    );
  }
  return parseModelFile(text, path);
}

/**
 * Parses and checks the text of a model file: format, version, vocabulary,
 * hyperparameters and that every weight is a finite number in a rectangular
 * matrix. (Each step's `load` then checks the matrices' shapes.)
 *
 * @param text The file's text.
 * @param path The file's name, for messages.
 * @throws {ModelFileError} Naming the first problem found.
 */
export function parseModelFile(text: string, path: string): ModelFile {
  const fail = (problem: string): never => {
    throw new ModelFileError(`Cannot load model file "${path}": ${problem}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`it is not valid JSON (${reasonOf(error)})`);
  }
  if (!isRecord(data) || data.format !== MODEL_FORMAT) {
    return fail(
      `it is not a model saved by deno task train (expected "format": "${MODEL_FORMAT}")`,
    );
  }
  if (data.version !== MODEL_VERSION) {
    return fail(
      data.version === undefined
        ? `it has no format "version", expected ${MODEL_VERSION}`
        : `it has format version ${
          preview(data.version)
        }, expected ${MODEL_VERSION}`,
    );
  }
  if (!Number.isInteger(data.step)) {
    return fail(`"step" is ${preview(data.step)}, expected an integer`);
  }
  const vocabulary = data.vocabulary;
  if (
    !Array.isArray(vocabulary) || vocabulary.length === 0 ||
    !vocabulary.every((ch) => typeof ch === "string" && [...ch].length === 1) ||
    new Set(vocabulary).size !== vocabulary.length
  ) {
    return fail(`"vocabulary" must be a list of distinct single characters`);
  }
  if (vocabulary.length > MAX_CHARACTERS) {
    return fail(
      `"vocabulary" has ${vocabulary.length} characters, expected at most ${MAX_CHARACTERS}, as in any names file the kata reads`,
    );
  }
  // The characters a names file may not hold (see data.ts), and halves of
  // a UTF-16 pair, which no text decodes to.
  const bad = vocabulary.findIndex((ch) =>
    CONTROL.test(ch) || LAYOUT.test(ch) || !ch.isWellFormed()
  );
  if (bad !== -1) {
    const ch = vocabulary[bad];
    return fail(
      `"vocabulary"[${bad}] is the ${
        CONTROL.test(ch) ? "control character" : "character"
      } ${
        visible(ch, { quote: true })
      }, which no names file the kata reads can hold`,
    );
  }
  const hyperparameters = data.hyperparameters;
  if (
    !isRecord(hyperparameters) ||
    !Object.values(hyperparameters).every((v) => Number.isFinite(v))
  ) {
    return fail(`"hyperparameters" must map names to finite numbers`);
  }
  if (!isRecord(data.training)) {
    return fail(`"training" is missing`);
  }
  const weights = data.weights;
  if (!isRecord(weights) || Object.keys(weights).length === 0) {
    return fail(`"weights" must map names to matrices`);
  }
  for (const [name, matrix] of Object.entries(weights)) {
    if (!Array.isArray(matrix) || matrix.length === 0) {
      return fail(`weights.${name} must be a non-empty list of rows`);
    }
    for (const [i, row] of matrix.entries()) {
      if (!Array.isArray(row)) {
        return fail(`weights.${name}[${i}] must be a list of numbers`);
      }
      for (const [j, value] of row.entries()) {
        if (typeof value !== "number" || !Number.isFinite(value)) {
          return fail(
            `weights.${name}[${i}][${j}] is ${
              preview(value)
            }, expected a finite number`,
          );
        }
      }
    }
  }
  return data as unknown as ModelFile;
}

/** A value, briefly, for a message: never long, never a deep structure. */
function preview(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
