/**
 * A request's fields, checked: what `deno task viz` refuses with a 400 and
 * one sentence, in the server (trainings, models) and in the child that runs
 * a widget (its own fields). A refusal shows what was received short, and
 * with every invisible character escaped (`visible()`).
 *
 * @module
 */

import { visible } from "../cli/style.ts";

/** A request's JSON object. */
export type Params = Record<string, unknown>;

/** A request refused with an HTTP status and a one-sentence message. */
export class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A request refused with a 400: a field that is missing or wrong. */
export class BadRequest extends Refusal {
  constructor(message: string) {
    super(400, message);
  }
}

/** A received value as a refusal shows it: JSON, short, escaped. */
function shown(value: unknown): string {
  return visible(JSON.stringify(value) ?? "nothing", { max: 40 });
}

/**
 * A request's body: a JSON object, whose numbers are all finite (`1e309`
 * is too large, as the command line says it).
 *
 * @throws {BadRequest} For anything else.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { BadRequest, parseParams } from "./params.ts";
 *
 * assertEquals(parseParams('{"beta": 0.9}'), { beta: 0.9 });
 * assertThrows(() => parseParams('{"beta": 1e309}'), BadRequest, '"beta" is too large');
 * assertThrows(() => parseParams("[1]"), BadRequest, "must be a JSON object");
 * ```
 */
export function parseParams(text: string): Params {
  let params: unknown;
  try {
    params = JSON.parse(text, (key, value) => {
      if (value !== Infinity && value !== -Infinity) return value;
      const what = /^\d+$/.test(key)
        ? "A number"
        : `"${visible(key, { max: 20 })}"`;
      throw new BadRequest(
        `${what} is too large: it rounds to infinity in floating point (the largest number is about 1.8e308).`,
      );
    });
  } catch (error) {
    if (error instanceof BadRequest) throw error;
    throw new BadRequest("The request body must be JSON.");
  }
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new BadRequest("The request body must be a JSON object.");
  }
  return params as Params;
}

/**
 * A number from the request, from `min` to `max` (a whole one if `whole`).
 *
 * @throws {BadRequest} When it is missing, not a number, or out of range.
 */
export function numberParam(
  params: Params,
  key: string,
  min: number,
  max: number,
  whole = false,
): number {
  const value = params[key];
  const expected = `${
    whole ? "a whole number" : "a number"
  } from ${min} to ${max}`;
  if (
    typeof value !== "number" || value < min || value > max ||
    (whole && !Number.isInteger(value))
  ) {
    throw new BadRequest(`"${key}" must be ${expected}, got ${shown(value)}.`);
  }
  return value;
}

/**
 * A number from the request that must be one of `allowed`.
 *
 * @throws {BadRequest} For anything else.
 */
export function oneOf(
  params: Params,
  key: string,
  allowed: readonly number[],
): number {
  const value = params[key];
  if (typeof value !== "number" || !allowed.includes(value)) {
    throw new BadRequest(
      `"${key}" must be one of ${allowed.join(", ")}, got ${shown(value)}.`,
    );
  }
  return value;
}

/**
 * A string from the request, at most `maxLength` characters.
 *
 * @throws {BadRequest} When it is missing, not a string or too long.
 */
export function stringParam(
  params: Params,
  key: string,
  maxLength: number,
): string {
  const value = params[key];
  if (typeof value !== "string" || value.length > maxLength) {
    throw new BadRequest(
      `"${key}" must be a string of at most ${maxLength} characters, got ${
        shown(value)
      }.`,
    );
  }
  return value;
}

/**
 * Refuses characters of `text` outside the vocabulary `chars`.
 *
 * @throws {BadRequest} Naming the first unknown character.
 *
 * @example Usage
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { BadRequest, knownCharacters } from "./params.ts";
 *
 * assertThrows(() => knownCharacters("Ann", ["a", "n"]), BadRequest, "names are lower case");
 * assertThrows(() => knownCharacters("a\u202e", ["a"]), BadRequest, '"\\u202e" is not');
 * ```
 */
export function knownCharacters(text: string, chars: readonly string[]): void {
  for (const ch of text) {
    if (chars.includes(ch)) continue;
    // The dataset's names are lower case: "Anna" is the likeliest slip.
    const lower = chars.includes(ch.toLowerCase())
      ? ", names are lower case"
      : "";
    throw new BadRequest(
      `${
        visible(ch, { quote: true })
      } is not in the vocabulary (the characters of the dataset's names${lower}): use only ${
        chars.join("")
      }.`,
    );
  }
}

/** The Steps 3–5 models a widget can look into: the GPT steps, and how long trained. */
export const MODELS = { steps: [3, 4, 5], trained: [0, 200, 1000] } as const;

/**
 * The request's `step` (3, 4 or 5) and `trained` (0, 200 or 1000 steps).
 *
 * @throws {BadRequest} For anything else.
 */
export function modelParams(params: Params): { step: number; trained: number } {
  return {
    step: oneOf(params, "step", MODELS.steps),
    trained: oneOf(params, "trained", MODELS.trained),
  };
}
