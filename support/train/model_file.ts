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
 * Saving is atomic: the text goes to a temporary file in the same folder,
 * which is then renamed over the target. An interrupted or failed save
 * leaves an existing file as it was. Loading checks everything a sampler
 * relies on and names the first problem it finds.
 *
 * @module
 */

import { reasonOf } from "../cli/errors.ts";
import { ModelFileError } from "./errors.ts";
import type { TrainedModel } from "./step_program.ts";

/** The value of a model file's `format` field. */
export const MODEL_FORMAT = "microgpt-kata-model";
/** The format version this trainer writes and reads. */
export const MODEL_VERSION = 1;

/** How a model was trained (informative; sampling does not need it). */
export interface TrainingRecord {
  seed: number;
  steps: number;
  lr: number;
  /** Where the names came from: a file path or the npm package's name. */
  data: string;
  /** How many names there were. */
  numDocs: number;
}

/** The contents of a model file. */
export interface ModelFile extends TrainedModel {
  format: typeof MODEL_FORMAT;
  version: number;
  /** The guide step whose program trained it (`deno task train --step`). */
  step: number;
  training: TrainingRecord;
}

/**
 * The JSON text of a model file: two-space indentation, each matrix row on
 * one line, a final newline.
 *
 * @param file The model file.
 * @returns Its text.
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

/** The folder part of a path ("." when there is none). */
export function folderOf(path: string): string {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  if (slash === -1) return ".";
  return slash === 0 ? path.slice(0, 1) : path.slice(0, slash);
}

/**
 * Checks, before training, that a model could be saved at `path`: its
 * folder exists and `path` is not a folder.
 *
 * @param path Where `--save` will write.
 * @throws {ModelFileError} When it cannot be saved there.
 */
export function checkSavePath(path: string): void {
  const folder = folderOf(path);
  let isFolder = false;
  try {
    isFolder = Deno.statSync(folder).isDirectory;
  } catch {
    // Missing or unreadable: reported below.
  }
  if (!isFolder) {
    throw new ModelFileError(
      `Cannot save the model to "${path}": folder "${folder}" does not exist`,
    );
  }
  try {
    if (Deno.statSync(path).isDirectory) {
      throw new ModelFileError(
        `Cannot save the model to "${path}": it is a folder, expected a file name`,
      );
    }
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    // Not there yet: fine, it will be created.
  }
}

/**
 * Writes a model file atomically: to a temporary file in the same folder,
 * then renamed over `path`. On any failure the temporary file is removed and
 * an existing file at `path` is left untouched.
 *
 * @param path Where to save.
 * @param file The model file.
 * @throws {ModelFileError} When the file cannot be written.
 */
export function writeModelFile(path: string, file: ModelFile): void {
  let temp: string | undefined;
  try {
    temp = Deno.makeTempFileSync({ dir: folderOf(path), suffix: ".tmp" });
    Deno.writeTextFileSync(temp, stringifyModelFile(file));
    Deno.renameSync(temp, path);
  } catch (error) {
    if (temp !== undefined) Deno.removeSync(temp);
    throw new ModelFileError(
      `Cannot save the model to "${path}": ${reasonOf(error)}`,
    );
  }
}

/**
 * Reads and checks a model file.
 *
 * @param path The file.
 * @returns Its contents.
 * @throws {ModelFileError} When it is missing, unreadable or malformed.
 */
export function readModelFile(path: string): ModelFile {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new ModelFileError(
        `Cannot read model file "${path}": it does not exist (save one with deno task train --save ${path})`,
      );
    }
    throw new ModelFileError(
      `Cannot read model file "${path}": ${reasonOf(error)}`,
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
 * @returns The model file.
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
          JSON.stringify(data.version)
        }, expected ${MODEL_VERSION}`,
    );
  }
  if (!Number.isInteger(data.step)) {
    return fail(`"step" is ${JSON.stringify(data.step)}, expected an integer`);
  }
  const vocabulary = data.vocabulary;
  if (
    !Array.isArray(vocabulary) || vocabulary.length === 0 ||
    !vocabulary.every((ch) => typeof ch === "string" && [...ch].length === 1) ||
    new Set(vocabulary).size !== vocabulary.length
  ) {
    return fail(`"vocabulary" must be a list of distinct single characters`);
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
              typeof value === "number" ? value : JSON.stringify(value)
            }, expected a finite number`,
          );
        }
      }
    }
  }
  return data as unknown as ModelFile;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
