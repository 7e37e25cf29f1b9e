import { assertEquals, assertMatch } from "@std/assert";
import { bar, describeVocabulary, renderDistribution } from "./distribution.ts";

Deno.test("bar() draws fractions in eighths of a character", () => {
  assertEquals(bar(0, 3), "   ");
  assertEquals(bar(1, 3), "███");
  assertEquals(bar(0.5, 3), "█▌ ");
  assertEquals(bar(2, 2), "██");
});

Deno.test("renderDistribution() shows every token, the end of the name last", () => {
  const lines = renderDistribution({
    vocabulary: [" ", "a", "b"],
    probs: [0.1, 0.6, 0.2, 0.1],
    plain: [0.2, 0.3, 0.3, 0.2],
    temperature: 0.5,
    prefix: "ab",
    barWidth: 12,
  });
  assertEquals(
    lines[0],
    'Next character after "ab", at temperature 0.5 (and at 1 for comparison):',
  );
  assertEquals(lines.length, 5);
  assertMatch(lines[1], /^ {2}␠ {2}/);
  assertEquals(lines[2], "  a    ████████████  60.0%   (at 1: 30.0%)");
  assertMatch(lines[4], /^ {2}end {2}██ +10\.0% {3}\(at 1: 20\.0%\)$/);
});

Deno.test("describeVocabulary() collapses runs of characters", () => {
  assertEquals(describeVocabulary(["a", "b"]), "a, b");
  assertEquals(
    describeVocabulary([" ", "A", "a", "b", "c", "ë"]),
    '" ", A, a-c, ë',
  );
});

Deno.test("renderDistribution() says what the model reads of the prefix", () => {
  const chart = {
    vocabulary: ["a"],
    probs: [0.5, 0.5],
    plain: [0.5, 0.5],
    temperature: 1,
    barWidth: 4,
  };
  const title = (prefix: string, context: "last" | "prefix") =>
    renderDistribution({ ...chart, prefix, context })[0];
  assertEquals(
    title("em", "last"),
    'Next character after "em" (a bigram model reads only the last character, "m"), at temperature 1 (and at 1 for comparison):',
  );
  assertEquals(
    title("em", "prefix"),
    'Next character after "em" (the model reads all 2 characters), at temperature 1 (and at 1 for comparison):',
  );
  assertEquals(
    title("", "prefix"),
    "Next character at the start of a name, at temperature 1 (and at 1 for comparison):",
  );
});
