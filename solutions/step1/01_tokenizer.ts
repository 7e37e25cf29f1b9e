/**
 * Lesson step1/01 · Tokenizer: characters to ids and back
 * Guide: 1.1 Same starting point
 *
 * A neural network works with numbers, not letters. The tokenizer gives every
 * character that appears in the dataset an id (a → 0 … z → 25 for the guide's
 * names) and adds one special token, BOS ("beginning of sequence"), that marks
 * both where a name starts and where it ends. "ava" becomes
 * [BOS, 0, 21, 0, BOS]: from BOS the model learns which letters start names,
 * and predicting BOS is how it says "the name is over".
 *
 * "Sorted" means by code point, as Python's `sorted()` does: compare
 * `a.codePointAt(0)! - b.codePointAt(0)!`. A bare `.sort()` compares UTF-16
 * code units, which puts an emoji before characters such as "ﬁ" (U+FB01),
 * and `localeCompare` sorts like a dictionary ("a" before "Z"); the tests
 * check upper case, accents and emoji. Split text into characters with
 * `[...text]`, which keeps an emoji whole.
 *
 * The guide calls this page "Same starting point": Step 1 begins where Step 0
 * did. If you took Step 0, you wrote these three functions in
 * lessons/step0/01_tokenizer.ts already, and the same code passes here.
 *
 * Run this lesson's tests: deno task test tests/step1/01_tokenizer_test.ts
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
