import { assertEquals } from "@std/assert";
import { assertListEquals } from "../_assert.ts";
import {
  buildTokenizer,
  decode,
  encode,
} from "../../lessons/step0/01_tokenizer.ts";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

Deno.test("step0/01 buildTokenizer() sorts the unique characters and puts BOS after them", () => {
  const tokenizer = buildTokenizer(["emma", "olivia", "ava"]);
  assertEquals(tokenizer.chars, ["a", "e", "i", "l", "m", "o", "v"]);
  assertEquals(
    tokenizer.bos,
    7,
    "BOS is the id right after the characters: chars.length",
  );
  assertEquals(
    tokenizer.vocabSize,
    8,
    "vocabSize counts the characters plus BOS",
  );
});

Deno.test("step0/01 buildTokenizer() gives the guide's 27 tokens: a → 0 … z → 25, BOS 26", () => {
  const tokenizer = buildTokenizer(["zoe", [...ALPHABET].reverse().join("")]);
  assertEquals(
    tokenizer.chars.join(""),
    ALPHABET,
    "the characters a to z, each once, sorted",
  );
  assertEquals(tokenizer.chars.indexOf("a"), 0);
  assertEquals(tokenizer.chars.indexOf("z"), 25);
  assertEquals(
    tokenizer.bos,
    26,
    "BOS is the id right after the characters: chars.length",
  );
  assertEquals(
    tokenizer.vocabSize,
    27,
    "vocabSize counts the characters plus BOS",
  );
});

Deno.test("step0/01 buildTokenizer() keeps characters beyond a to z, in code point order", () => {
  // "-" (U+002D) sorts before the letters; each character counts once.
  const tokenizer = buildTokenizer(["mary-ann", "ann"]);
  assertEquals(tokenizer.chars, ["-", "a", "m", "n", "r", "y"]);
  assertEquals(
    tokenizer.bos,
    6,
    "BOS is the id right after the characters: chars.length",
  );
});

Deno.test("step0/01 encode() wraps a name in BOS: ava is [26, 0, 21, 0, 26]", () => {
  const tokenizer = buildTokenizer([ALPHABET]);
  assertEquals(encode(tokenizer, "ava"), [26, 0, 21, 0, 26]);
  assertEquals(encode(tokenizer, "emma"), [26, 4, 12, 12, 0, 26]);
});

Deno.test("step0/01 encode() of an empty name is just BOS, BOS", () => {
  const tokenizer = buildTokenizer(["ab"]);
  assertEquals(encode(tokenizer, ""), [2, 2]);
});

Deno.test("step0/01 decode() undoes encode() between the BOS tokens", () => {
  const tokenizer = buildTokenizer(["emma", "olivia", "ava"]);
  for (const name of ["emma", "olivia", "ava", "mia", "v"]) {
    assertEquals(decode(tokenizer, encode(tokenizer, name).slice(1, -1)), name);
  }
  assertEquals(decode(tokenizer, []), "");
});

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

Deno.test("step0/01 buildTokenizer() sorts by code point like Python's sorted(): upper case, accents, emoji", () => {
  const tokenizer = buildTokenizer(MIXED_NAMES);
  assertListEquals(tokenizer.chars, PYTHON_SORTED, {
    what: (i) => `chars[${i}], the character with id ${i},`,
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
});

Deno.test("step0/01 encode() and decode() keep an emoji whole: one character, one id", () => {
  const tokenizer = buildTokenizer(MIXED_NAMES);
  // Whatever the order of chars, the emoji must be one of them, whole.
  const id = (ch: string) => tokenizer.chars.indexOf(ch);
  const emoji = id("\u{1F600}");
  assertEquals(
    emoji >= 0,
    true,
    'the emoji is not one of tokenizer.chars: build them with [...text], not text.split("")',
  );
  assertListEquals(encode(tokenizer, "bo\u{1F600}"), [
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
  assertEquals(decode(tokenizer, [emoji]), "\u{1F600}");
});
