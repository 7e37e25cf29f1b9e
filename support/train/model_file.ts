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
 * Checking a file is one pass in two places: {@linkcode readModelFile}
 * checks what every model has (format, version, step, vocabulary,
 * hyperparameters), and a step's `load` asks {@linkcode loadMatrices} for
 * the matrices it needs, each checked for its shape and its numbers. Every
 * refusal names the first problem found.
 *
 * Saving goes through `writeFileSafely` (`cli/files.ts`), so an interrupted
 * or failed save leaves an existing file as it was, and a file that appears
 * or changes during training is kept. Saving never replaces a file the kata
 * did not write: only a file that parses as a model may be overwritten, and
 * never inside lessons/, solutions/, tests/, support/ or the kata's other
 * folders (see {@linkcode checkSavePath}).
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import { reasonOf, UserError } from "../cli/errors.ts";
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
 * import { readModelFile, stringifyModelFile } from "./model_file.ts";
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
 * const path = Deno.makeTempFileSync();
 * Deno.writeTextFileSync(path, stringifyModelFile(file));
 * assertEquals(readModelFile(path), file);
 * Deno.removeSync(path);
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
 * destroying anything the kata did not write: its folder can be written and
 * is not one of the kata's folders (lessons/, solutions/, tests/, support/,
 * bench/, docs/, .kata/, .git/); nothing is at `path` but, perhaps, a model
 * file (no folder, link, device or pipe, no other file). What an
 * interrupted save to the same name left behind is removed.
 *
 * @returns The `lstat` of the model file to replace (for
 *   {@linkcode writeModelFile}), or undefined when there is none.
 * @throws {UserError} When it cannot (or must not) be saved there.
 */
export function checkSavePath(path: string): Deno.FileInfo | undefined {
  const folder = dirname(path);
  try {
    // models/ in the project (ignored by git) is made on first use.
    if (resolve(folder) === resolve(ROOT_DIR, "models")) {
      Deno.mkdirSync(folder, { recursive: true });
    }
    const [real, root] = [folder, ROOT_DIR].map((p) => Deno.realPathSync(p));
    const inside = KATA_FOLDERS.find((name) =>
      `${real}/`.startsWith(join(root, name, "/"))
    );
    if (inside !== undefined) {
      throw new UserError(
        `it is inside the kata's ${inside}/ folder, which --save never writes to (save it in the project folder or in models/)`,
      );
    }
    // Can the folder be written? Try it now rather than after the training.
    Deno.removeSync(Deno.makeTempFileSync({ dir: folder }));
    let found: Deno.FileInfo | undefined;
    try {
      found = Deno.lstatSync(path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    // What a killed save left behind (`NAME.PID-MILLISECONDS.tmp`) goes.
    const stale = new RegExp(
      `^${RegExp.escape(basename(path))}\\.\\d+-\\d+\\.tmp$`,
    );
    for (const entry of Deno.readDirSync(folder)) {
      if (entry.isFile && stale.test(entry.name)) {
        Deno.removeSync(join(folder, entry.name));
      }
    }
    if (found !== undefined && (kindOf(found) || !isModelFile(path))) {
      throw new UserError(
        `${
          kindOf(found) ?? "a file that is not a model saved by deno task train"
        } is already there, and --save never overwrites one (choose another name, or move that file away yourself)`,
      );
    }
    return found;
  } catch (error) {
    const reason = error instanceof UserError ? error.message : reasonOf(error);
    throw new UserError(`Cannot save the model to "${path}": ${reason}`);
  }
}

/** Whether `path` holds a model file. */
function isModelFile(path: string): boolean {
  try {
    readModelFile(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves a model file (of the format and version this trainer writes)
 * through `writeFileSafely`: a new file is placed only
 * if nothing appeared at `path` meanwhile, a model file is replaced only if
 * it is still the one {@linkcode checkSavePath} looked at (and keeps its
 * permissions). On any failure `path` is left as it is.
 *
 * @param replacing What {@linkcode checkSavePath} returned.
 * @throws {UserError} When the file cannot be written.
 */
export function writeModelFile(
  path: string,
  file: Omit<ModelFile, "format" | "version">,
  replacing?: Deno.FileInfo,
): void {
  const text = stringifyModelFile({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    ...file,
  });
  try {
    writeFileSafely(path, text, replacing);
  } catch (error) {
    // A file appeared, or the model file changed, during training.
    const raced = /after it was checked/.test(String(error));
    throw new UserError(
      `Cannot save the model to "${path}": ${reasonOf(error)}${
        raced
          ? ", so it is kept and the model is not saved (save to another name)"
          : ""
      }`,
    );
  }
}

/**
 * Reads a model file and checks what every model has: the format, version
 * and step, a vocabulary of distinct characters a names file can hold,
 * hyperparameters that are numbers, and weights by name. (The step's
 * `load` then checks the matrices it uses.)
 *
 * @throws {UserError} Naming the first problem found.
 */
export function readModelFile(path: string): ModelFile {
  let data: unknown;
  let problem: string | undefined;
  try {
    const bytes = readFileSafely(path, MAX_MODEL_BYTES, "model file");
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    data = JSON.parse(text);
    problem = problemOf(data);
  } catch (error) {
    if (error instanceof FileReadError) {
      // No model yet: say how to make one.
      error.message = error.message.replace(
        /it does not exist$/,
        `$& (save one with deno task train --save ${path})`,
      );
      throw error;
    }
    problem = error instanceof SyntaxError
      ? `it is not valid JSON (${reasonOf(error)})`
      : "it is not UTF-8 text, expected JSON saved by deno task train";
  }
  if (problem !== undefined) {
    throw new UserError(`Cannot load model file "${path}": ${problem}`);
  }
  return data as ModelFile;
}

/** What is wrong with a parsed model file's common fields, or undefined. */
function problemOf(data: unknown): string | undefined {
  if (!isRecord(data) || data.format !== MODEL_FORMAT) {
    return `it is not a model saved by deno task train (expected "format": "${MODEL_FORMAT}")`;
  }
  const { version, step, vocabulary, hyperparameters, training, weights } =
    data;
  if (version !== MODEL_VERSION) {
    return `"version" is ${preview(version)}, expected ${MODEL_VERSION}`;
  }
  if (!Number.isInteger(step)) {
    return `"step" is ${preview(step)}, expected an integer`;
  }
  const size = Array.isArray(vocabulary) ? vocabulary.length : 0;
  if (size === 0 || size > MAX_CHARACTERS) {
    return `"vocabulary" has ${size} characters, expected 1 to ${MAX_CHARACTERS}, as in any names file the kata reads`;
  }
  // Each a character a names file can hold (see data.ts: no control or
  // layout character, no half of a UTF-16 pair), and each once.
  const bad = (vocabulary as unknown[]).findIndex((ch, i, all) =>
    typeof ch !== "string" || [...ch].length !== 1 || CONTROL.test(ch) ||
    LAYOUT.test(ch) || !ch.isWellFormed() || all.indexOf(ch) !== i
  );
  if (bad !== -1) {
    return `"vocabulary"[${bad}] is ${
      preview((vocabulary as unknown[])[bad])
    }, expected a character a names file can hold, not listed before`;
  }
  if (
    !isRecord(hyperparameters) ||
    !Object.values(hyperparameters).every(Number.isFinite)
  ) {
    return `"hyperparameters" must map names to finite numbers`;
  }
  if (!isRecord(training)) return `"training" is missing`;
  if (!isRecord(weights)) return `"weights" must map names to matrices`;
}

/**
 * A saved size such as `hyperparameters.nEmbd`, checked to be a positive
 * integer, and to be `lessons` when given: a size the lessons' own code
 * fixes (their `CONFIG`), which a model of another size would break.
 *
 * @throws {UserError} When it is missing, not a positive integer, or
 * not the lessons' size.
 *
 * @example Usage
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkSize } from "./model_file.ts";
 *
 * const model = { vocabulary: [], hyperparameters: { blockSize: 8 }, weights: {} };
 * checkSize(model, "blockSize");
 * assertThrows(() => checkSize(model, "blockSize", 16), Error, "is 8, but the lessons' code uses CONFIG.blockSize = 16");
 * ```
 */
export function checkSize(
  model: TrainedModel,
  name: string,
  lessons?: number,
): number {
  const size = model.hyperparameters[name];
  if (!Number.isInteger(size) || size < 1) {
    throw new UserError(
      `hyperparameters.${name} is ${size}, expected a positive integer`,
    );
  }
  if (lessons !== undefined && size !== lessons) {
    throw new UserError(
      `hyperparameters.${name} is ${size}, but the lessons' code uses CONFIG.${name} = ${lessons} (as every model deno task train saves does)`,
    );
  }
  return size;
}

/** What a weight must be: a test, and the words for it. */
export interface WeightKind {
  test(value: unknown): boolean;
  expected: string;
}

/** A finite number: what every weight is, but a count's. */
const FINITE: WeightKind = {
  test: Number.isFinite,
  expected: "a finite number",
};

/**
 * The matrices `shapes` names (`[rows, columns]` each), from a saved
 * model's weights under `prefix` + name, each checked to have its shape and
 * its kind of entries.
 *
 * @throws {UserError} Naming the first matrix, row or entry that is
 * missing or wrong.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { loadMatrices } from "./model_file.ts";
 *
 * const model = { vocabulary: [], hyperparameters: {}, weights: { "layer0.wq": [[1, 2], [3, 4]] } };
 * assertEquals(loadMatrices(model, { wq: [2, 2] }, "layer0.").wq[1], [3, 4]);
 * assertThrows(() => loadMatrices(model, { wq: [27, 2] }, "layer0."), Error, "weights.layer0.wq has 2 rows, expected 27");
 * assertThrows(() => loadMatrices(model, { wq: [2, 3] }, "layer0."), Error, "weights.layer0.wq[0] has 2 columns, expected 3");
 * assertThrows(() => loadMatrices(model, { wq: [2, 2] }), Error, "weights.wq is missing");
 * model.weights["layer0.wq"][1][0] = Infinity;
 * assertThrows(() => loadMatrices(model, { wq: [2, 2] }, "layer0."), Error, "weights.layer0.wq[1][0] is Infinity, expected a finite number");
 * ```
 */
export function loadMatrices<K extends string>(
  saved: TrainedModel,
  shapes: Record<K, readonly [number, number]>,
  prefix = "",
  kind: WeightKind = FINITE,
): Record<K, number[][]> {
  const matrices = {} as Record<K, number[][]>;
  const length = (value: unknown) => Array.isArray(value) ? value.length : 0;
  for (const key in shapes) {
    const [rows, cols] = shapes[key];
    const name = prefix + key;
    const fail = (problem: string): never => {
      throw new UserError(`weights.${name}${problem}`);
    };
    const matrix = saved.weights[name];
    if (matrix === undefined) fail(" is missing");
    if (length(matrix) !== rows) {
      fail(` has ${length(matrix)} rows, expected ${rows}`);
    }
    for (const [i, row] of matrix.entries()) {
      if (length(row) !== cols) {
        fail(`[${i}] has ${length(row)} columns, expected ${cols}`);
      }
      const j = row.findIndex((x) => !kind.test(x));
      if (j !== -1) {
        fail(`[${i}][${j}] is ${preview(row[j])}, expected ${kind.expected}`);
      }
    }
    matrices[key] = matrix;
  }
  return matrices;
}

/** A value, briefly, for a message: never long, never a deep structure. */
function preview(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "an object";
  return typeof value === "string"
    ? visible(value, { quote: true, max: 40 })
    : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
