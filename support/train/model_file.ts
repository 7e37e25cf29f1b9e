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
 * hyperparameters), and a step's `load` checks the sizes and then, with
 * {@linkcode loadWeights}, each matrix of a fresh model of its lessons
 * against the file's, for its shape and its numbers. Every refusal names
 * the first problem found.
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

import { dirname, join, resolve } from "node:path";
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

/** The value of a model file's `format` field. */
export const MODEL_FORMAT = "microgpt-kata-model";
/** The format version this trainer writes and reads. */
export const MODEL_VERSION = 1;

/**
 * The contents of a model file: a trained model (see `TrainedModel` in
 * `step_program.ts`), and how it was made.
 */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  /** The guide step whose program trained it (`deno task train --step`). */
  step: number;
  /** The tokenizer's characters in id order; BOS is `vocabulary.length`. */
  vocabulary: string[];
  /** The sizes the step's code used, e.g. `{ nEmbd: 16 }`. */
  hyperparameters: Record<string, number>;
  /** The weight matrices by name (see {@linkcode weightsOf}). */
  weights: Record<string, number[][]>;
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
 * file (no folder, link, device or pipe, no other file).
 *
 * @returns The `lstat` of the model file to replace (for
 *   {@linkcode writeModelFile}), or undefined when there is none.
 * @throws {UserError} When it cannot (or must not) be saved there.
 */
export function checkSavePath(path: string): Deno.FileInfo | undefined {
  // "models/": the folder itself, so that a missing one is refused now,
  // before the training, and an existing one as the folder it is.
  const folder = path.endsWith("/") ? path : dirname(path);
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
  if (!Array.isArray(vocabulary)) {
    return `"vocabulary" is ${
      preview(vocabulary)
    }, expected a list of characters`;
  }
  if (vocabulary.length === 0 || vocabulary.length > MAX_CHARACTERS) {
    return `"vocabulary" has ${vocabulary.length} characters, expected 1 to ${MAX_CHARACTERS}, as in any names file the kata reads`;
  }
  // Each a character a names file can hold (see data.ts: no control or
  // layout character, no half of a UTF-16 pair), and each once.
  const bad = vocabulary.findIndex((ch, i, all) =>
    typeof ch !== "string" || [...ch].length !== 1 || CONTROL.test(ch) ||
    LAYOUT.test(ch) || !ch.isWellFormed() || all.indexOf(ch) !== i
  );
  if (bad !== -1) {
    return `"vocabulary"[${bad}] is ${
      preview(vocabulary[bad])
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
 * A lesson's model as a model file's weights: each matrix under its name, a
 * layer's under `layerI.name`, numbers as they are and Values as their data.
 */
export function weightsOf(
  model: object,
  prefix = "",
): Record<string, number[][]> {
  const weights: Record<string, number[][]> = {};
  for (const [name, value] of Object.entries(model)) {
    if (name === "layers") {
      value.forEach((layer: object, i: number) =>
        Object.assign(weights, weightsOf(layer, `layer${i}.`))
      );
    } else {
      weights[prefix + name] = value.map((row: Entry[]) =>
        row.map((x) => typeof x === "number" ? x : x.data)
      );
    }
  }
  return weights;
}

/** An entry of a lesson's matrix: a number (Steps 0–1) or a Value's data. */
type Entry = number | { data: number };

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
 * Loads saved weights into `model`, a fresh model the lessons built (the
 * inverse of {@linkcode weightsOf}): each of its matrices must be in
 * `weights` with the same shape and entries of `kind`.
 *
 * @throws {UserError} Naming the first matrix, row or entry that is
 * missing or wrong.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { loadWeights } from "./model_file.ts";
 *
 * const model = { wte: [[0, 0]], layers: [{ attnWq: [[{ data: 0 }]] }] };
 * loadWeights(model, { wte: [[1, 2]], "layer0.attnWq": [[3]] });
 * assertEquals(model, { wte: [[1, 2]], layers: [{ attnWq: [[{ data: 3 }]] }] });
 * const load = (weights: Record<string, unknown[][]>) => () => loadWeights({ wte: [[0, 0]] }, weights);
 * assertThrows(load({ wpe: [[1, 2]] }), Error, "weights.wte is missing");
 * assertThrows(load({ wte: [[1, 2], [3, 4]] }), Error, "weights.wte has 2 rows, expected 1");
 * assertThrows(load({ wte: [[1]] }), Error, "weights.wte[0] has 1 columns, expected 2");
 * assertThrows(load({ wte: [[1, null]] }), Error, "weights.wte[0][1] is null, expected a finite number");
 * ```
 */
export function loadWeights(
  model: object,
  weights: Record<string, unknown>,
  kind = FINITE,
  prefix = "",
): void {
  const length = (value: unknown) => Array.isArray(value) ? value.length : 0;
  for (const [key, value] of Object.entries(model)) {
    if (key === "layers") {
      value.forEach((layer: object, i: number) =>
        loadWeights(layer, weights, kind, `layer${i}.`)
      );
      continue;
    }
    const name = prefix + key;
    const fail = (problem: string): never => {
      throw new UserError(`weights.${name}${problem}`);
    };
    const matrix: Entry[][] = value;
    const saved = weights[name] as unknown[][];
    if (saved === undefined) fail(" is missing");
    if (length(saved) !== matrix.length) {
      fail(` has ${length(saved)} rows, expected ${matrix.length}`);
    }
    for (const [i, row] of matrix.entries()) {
      if (length(saved[i]) !== row.length) {
        fail(`[${i}] has ${length(saved[i])} columns, expected ${row.length}`);
      }
      for (const [j, entry] of row.entries()) {
        const x = saved[i][j];
        if (!kind.test(x)) {
          fail(`[${i}][${j}] is ${preview(x)}, expected ${kind.expected}`);
        }
        if (typeof entry === "number") row[j] = x as number;
        else entry.data = x as number;
      }
    }
  }
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
