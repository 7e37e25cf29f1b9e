/**
 * A request's fields, checked by one table of rules: what `deno task viz`
 * refuses with a 400 and one sentence, in the server (trainings, models) and
 * in the child that runs a widget (its own fields). A refusal shows what was
 * received short, and with every invisible character escaped (`visible()`).
 *
 * @module
 */

import { visible } from "../cli/style.ts";
import { TRACKS } from "../manifest.ts";
import { TRAIN_DEFAULTS } from "../train/step_program.ts";

/** A request's JSON object. */
export type Params = Record<string, unknown>;

/**
 * A request refused with an HTTP status and a one-sentence message; a card
 * that shows it as broken offers `command` to look into it.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly command = "deno task progress",
  ) {
    super(message);
  }
}

/** A request refused with a 400: a field that is missing or wrong. */
export class BadRequest extends Refusal {
  constructor(message: string) {
    super(400, message);
  }
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

/** A field's rule: what it must be, in words, and its value when it is that. */
export interface Rule<T> {
  must: string;
  read(value: unknown): T | undefined;
}

/** A number from `min` to `max`, a whole one if `whole`. */
export function number(min: number, max: number, whole = false): Rule<number> {
  const what = whole ? "a whole number" : "a number";
  return {
    must: `${what} from ${min} to ${max}`,
    read: (value) =>
      typeof value === "number" && value >= min && value <= max &&
        (!whole || Number.isInteger(value))
        ? value
        : undefined,
  };
}

/** One of the numbers `allowed`. */
export function oneOf(allowed: readonly number[]): Rule<number> {
  return {
    must: `one of ${allowed.join(", ")}`,
    read: (value) => allowed.find((n) => n === value),
  };
}

/** A string of at most `max` characters. */
export function text(max: number): Rule<string> {
  return {
    must: `a string of at most ${max} characters`,
    read: (value) =>
      typeof value === "string" && value.length <= max ? value : undefined,
  };
}

/**
 * The request's fields, each checked by its rule in `rules`.
 *
 * @throws {BadRequest} Naming the first field that breaks its rule, what it
 * must be and what was received.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { BadRequest, fields, number, text } from "./params.ts";
 *
 * const rules = { name: text(3), pos: number(0, 15, true) };
 * assertEquals(fields({ name: "ava", pos: 2 }, rules), { name: "ava", pos: 2 });
 * assertThrows(() => fields({ name: "ava", pos: 1.5 }, rules), BadRequest, '"pos" must be a whole number from 0 to 15, got 1.5.');
 * assertThrows(() => fields({ pos: 2 }, rules), BadRequest, '"name" must be a string of at most 3 characters, got nothing.');
 * ```
 */
export function fields<T extends Params>(
  params: Params,
  rules: { [K in keyof T]: Rule<T[K]> },
): T {
  const found: Params = {};
  for (const key in rules) {
    found[key] = rules[key].read(params[key]);
    if (found[key] === undefined) {
      // A page's blank number box is sent as null.
      const sent = JSON.stringify(params[key] ?? undefined) ?? "nothing";
      const got = visible(sent, { max: 40 });
      throw new BadRequest(`"${key}" must be ${rules[key].must}, got ${got}.`);
    }
  }
  return found as T;
}

/**
 * A name's beginning as a model reads it: BOS (id `chars.length`), then
 * each character's id in the vocabulary `chars`.
 *
 * @throws {BadRequest} Naming the first character outside the vocabulary.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { BadRequest, tokensOf } from "./params.ts";
 *
 * assertEquals(tokensOf("na", ["a", "n"]), [2, 1, 0]);
 * assertThrows(() => tokensOf("Ann", ["a", "n"]), BadRequest, "names are lower case");
 * assertThrows(() => tokensOf("a\u202e", ["a"]), BadRequest, '"\\u202e" is not');
 * ```
 */
export function tokensOf(text: string, chars: readonly string[]): number[] {
  const unknown = [...text].find((ch) => !chars.includes(ch));
  if (unknown === undefined) {
    return [chars.length, ...[...text].map((ch) => chars.indexOf(ch))];
  }
  // The dataset's names are lower case: "Anna" is the likeliest slip.
  const lower = chars.includes(unknown.toLowerCase())
    ? ", names are lower case"
    : "";
  throw new BadRequest(
    `${
      visible(unknown, { quote: true })
    } is not in the vocabulary (the characters of the dataset's names${lower}): use only ${
      chars.join("")
    }.`,
  );
}

/** The GPT steps whose models a widget can look into. */
export const GPT_STEPS = [3, 4, 5];

/** The rules of a request for a model: a GPT step, untrained or trained 200 or 1000 steps. */
export const MODEL = { step: oneOf(GPT_STEPS), trained: oneOf([0, 200, 1000]) };

/** A training's request: a step, and how many steps (at most 2000). */
export const TRAINING = {
  step: oneOf(TRACKS.map((track) => track.step)),
  steps: number(1, 2000, true),
};

/** The model a widget looks into, from its request: a step, trained so many steps. */
export function modelOf(id: string, request: Params): number[] | undefined {
  if (id === "temperature") return [1, TRAIN_DEFAULTS.steps];
  if (!["embeddings", "attention", "kv-cache"].includes(id)) return;
  const { step, trained } = fields(request, MODEL);
  return [step, trained];
}
