/**
 * Lesson step0/01 · Dataset and tokenizer: names to token ids
 * Guide: 0.1 Dataset · 0.2 Tokenizer
 *
 * Every model in this kata learns from the same dataset: about 32,000 first
 * names, one per line. Each name is a small document of its own, and the goal
 * is a model that invents new names that would not look out of place in the
 * list. Reading the file and shuffling it with a seeded generator (so that
 * every run sees the names in the same order) is done for you, by
 * support/data.ts and support/random.ts.
 *
 * A model computes with numbers, not letters, so the first piece to write is
 * the tokenizer. Every character that occurs in the names gets an id, in
 * sorted order (a → 0 … z → 25 for the guide's names), and one extra token,
 * BOS, gets the next id (26). BOS goes on both sides of every name: "ava"
 * becomes [26, 0, 21, 0, 26]. In front it says "a name starts here", so the
 * model can learn which letters names begin with; behind it says "the name is
 * over", and a model that predicts BOS has decided to stop.
 *
 * "Sorted" means by code point, the number Unicode gives each character, as
 * Python's `sorted()` does: "Z" (90) before "a" (97), "é" (233) after "z"
 * (122). For the guide's a-to-z names every way of sorting agrees, but the
 * tests also feed in upper case, accents and emoji, where the easy ways go
 * wrong: `localeCompare` sorts like a dictionary ("a" before "Z"), and a bare
 * `.sort()` compares UTF-16 code units, which puts an emoji (stored as two
 * units from U+D800–U+DFFF) before characters such as "ﬁ" (U+FB01). Compare
 * `a.codePointAt(0)! - b.codePointAt(0)!` instead. Likewise, split a string
 * into characters with `[...text]` (by code point), not `text.split("")`
 * (by code unit, which cuts an emoji in two).
 *
 * Run this lesson's tests: deno task test tests/step0/01_tokenizer_test.ts
 *
 * @module
 */

/** The vocabulary: one id per character, plus BOS. */
export interface Tokenizer {
  /** The characters, sorted by code point; a character's id is its index here. */
  chars: string[];
  /** The id of the BOS token: one past the last character, `chars.length`. */
  bos: number;
  /** How many ids there are: the characters plus BOS. */
  vocabSize: number;
}

/**
 * Builds the vocabulary from the dataset: the set of every character in
 * every name, sorted by code point (like Python's `sorted()`), and BOS
 * after them.
 *
 * @param docs The names.
 * @returns The tokenizer.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { buildTokenizer } from "./01_tokenizer.ts";
 *
 * const tokenizer = buildTokenizer(["bob", "ava"]);
 * assertEquals(tokenizer.chars, ["a", "b", "o", "v"]);
 * assertEquals(tokenizer.bos, 4);
 * assertEquals(tokenizer.vocabSize, 5);
 * ```
 */
export function buildTokenizer(docs: string[]): Tokenizer {
  // By code point, like Python's sorted(): a bare .sort() compares UTF-16
  // code units, which puts an emoji before U+E000–U+FFFF characters.
  const chars = [...new Set(docs.join(""))].sort(
    (a, b) => a.codePointAt(0)! - b.codePointAt(0)!,
  );
  return { chars, bos: chars.length, vocabSize: chars.length + 1 };
}

/**
 * Turns a name into token ids, with BOS on both sides.
 *
 * @param tokenizer The vocabulary.
 * @param name A name made of the tokenizer's characters.
 * @returns `[bos, ...ids, bos]`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { buildTokenizer, encode } from "./01_tokenizer.ts";
 *
 * const tokenizer = buildTokenizer(["ava"]);
 * assertEquals(encode(tokenizer, "ava"), [2, 0, 1, 0, 2]);
 * ```
 */
export function encode(tokenizer: Tokenizer, name: string): number[] {
  const ids = [...name].map((ch) => tokenizer.chars.indexOf(ch));
  return [tokenizer.bos, ...ids, tokenizer.bos];
}

/**
 * Turns character ids back into text (no BOS in `ids`).
 *
 * @param tokenizer The vocabulary.
 * @param ids Character ids.
 * @returns The text they spell.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { buildTokenizer, decode } from "./01_tokenizer.ts";
 *
 * const tokenizer = buildTokenizer(["ava"]);
 * assertEquals(decode(tokenizer, [0, 1, 0]), "ava");
 * ```
 */
export function decode(tokenizer: Tokenizer, ids: number[]): string {
  return ids.map((id) => tokenizer.chars[id]).join("");
}
