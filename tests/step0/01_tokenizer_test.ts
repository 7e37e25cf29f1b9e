import { assertEquals } from "@std/assert";
import {
  buildTokenizer,
  decode,
  encode,
} from "../../lessons/step0/01_tokenizer.ts";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

Deno.test("step0/01 buildTokenizer() sorts the unique characters and puts BOS after them", () => {
  const tokenizer = buildTokenizer(["emma", "olivia", "ava"]);
  assertEquals(tokenizer.chars, ["a", "e", "i", "l", "m", "o", "v"]);
  assertEquals(tokenizer.bos, 7);
  assertEquals(tokenizer.vocabSize, 8);
});

Deno.test("step0/01 buildTokenizer() gives the guide's 27 tokens: a → 0 … z → 25, BOS 26", () => {
  const tokenizer = buildTokenizer(["zoe", [...ALPHABET].reverse().join("")]);
  assertEquals(tokenizer.chars.join(""), ALPHABET);
  assertEquals(tokenizer.chars.indexOf("a"), 0);
  assertEquals(tokenizer.chars.indexOf("z"), 25);
  assertEquals(tokenizer.bos, 26);
  assertEquals(tokenizer.vocabSize, 27);
});

Deno.test("step0/01 buildTokenizer() keeps characters beyond a to z, in code point order", () => {
  // "-" (U+002D) sorts before the letters; each character counts once.
  const tokenizer = buildTokenizer(["mary-ann", "ann"]);
  assertEquals(tokenizer.chars, ["-", "a", "m", "n", "r", "y"]);
  assertEquals(tokenizer.bos, 6);
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
