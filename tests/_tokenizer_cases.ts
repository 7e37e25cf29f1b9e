/**
 * The Unicode cases of the tokenizer tests, shared by Step 0's and Step 1's
 * lesson 01 (the same tokenizer): characters sorted by code point as
 * Python's `sorted()` sorts them, and an emoji kept whole. Each test file
 * registers its own tests (so results stay with their lesson) and calls
 * these checks.
 *
 * @module
 */

import { assert, assertEquals, AssertionError } from "@std/assert";
import { assertListEquals } from "./_assert.ts";

/** What both tokenizer lessons export, as the checks use it. */
interface TokenizerLesson<T extends { chars: string[]; bos: number }> {
  buildTokenizer(docs: string[]): T;
  encode(tokenizer: T, name: string): number[];
  decode(tokenizer: T, ids: number[]): string;
}

// Python's sorted() of these names' characters (CPython 3.11), by code point:
// upper case before lower case, accents after z, then U+FB01 (ﬁ), U+FF21
// (fullwidth A) and last the emoji U+1F600.
const MIXED_NAMES = ["Zoë", "ana", "Émile", "bo\u{1F600}", "ﬁn", "\uFF21da"];
const PYTHON_SORTED = [
  ..."Zabdeilmno",
  "É",
  "ë",
  "ﬁ",
  "\uFF21",
  "\u{1F600}",
];

/** buildTokenizer() sorts by code point, like Python's sorted(). */
export function checkCodePointOrder<T extends { chars: string[]; bos: number }>(
  lesson: TokenizerLesson<T>,
): void {
  const tokenizer = lesson.buildTokenizer(MIXED_NAMES);
  const half = tokenizer.chars.find((ch) => /^[\uD800-\uDFFF]$/.test(ch));
  if (half !== undefined) {
    throw new AssertionError(
      `tokenizer.chars holds half of an emoji, the lone UTF-16 unit \\u${
        half.charCodeAt(0).toString(16).toUpperCase()
      }: text.split("") cuts an emoji into two units; split into characters with [...text] (by code point).`,
    );
  }
  assertListEquals(tokenizer.chars, PYTHON_SORTED, {
    what: (i) => `chars[${i}], the character with id ${i},`,
    list: "tokenizer.chars",
    note: "Characters sort by code point, as Python's sorted() does: " +
      '"Z" (90) before "a" (97), "É" (201) after "z", "ﬁ" (U+FB01) before ' +
      "an emoji (U+1F600). localeCompare sorts like a dictionary, and a bare " +
      ".sort() compares UTF-16 code units (an emoji is two units from " +
      "U+D800–U+DFFF); sort with (a, b) => a.codePointAt(0)! - b.codePointAt(0)!. " +
      "See the lesson's note on sorting.",
  });
  assertEquals(
    tokenizer.bos,
    PYTHON_SORTED.length,
    "BOS is the id right after the characters: chars.length",
  );
}

/** encode() and decode() keep an emoji whole: one character, one id. */
export function checkEmojiWhole<T extends { chars: string[]; bos: number }>(
  lesson: TokenizerLesson<T>,
): void {
  const tokenizer = lesson.buildTokenizer(MIXED_NAMES);
  // Whatever the order of chars, the emoji must be one of them, whole.
  const id = (ch: string) => tokenizer.chars.indexOf(ch);
  const emoji = id("\u{1F600}");
  assert(
    emoji >= 0,
    'the emoji is not one of tokenizer.chars: build them with [...text], not text.split("")',
  );
  assertListEquals(lesson.encode(tokenizer, "bo\u{1F600}"), [
    tokenizer.bos,
    id("b"),
    id("o"),
    emoji,
    tokenizer.bos,
  ], {
    what: (i) => `token ${i} of "bo😀"`,
    note: "Split a name into characters with [...name] (by code point); " +
      'name.split("") cuts an emoji into two halves that are not in chars.',
  });
  assertEquals(lesson.decode(tokenizer, [emoji]), "\u{1F600}");
}
