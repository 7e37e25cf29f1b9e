import { assertEquals, assertThrows } from "@std/assert";
import {
  parseFlags,
  parseInteger,
  parsePositive,
  secondsFromEnv,
} from "./args.ts";
import { UserError } from "./errors.ts";

const SPEC = {
  booleans: ["all", "yes"],
  aliases: { all: "a" },
  maxPositionals: 1,
  command: "hint",
};

Deno.test("parseFlags() reads flags by any spelling, the other words, and ignores --", () => {
  const parsed = parseFlags(["step1/04", "-a", "--", "--yes"], SPEC);
  assertEquals([...parsed.booleans].sort(), ["all", "yes"]);
  assertEquals(parsed.positionals, ["step1/04"]);
});

Deno.test("parseFlags() keeps the other words as typed, never as numbers", () => {
  // @std/cli would read these as the number 4 (or 1): a lesson key is
  // judged as typed, so "1e0" must not become lesson 1.
  for (const word of ["1e0", "4.0", "0x4", "+4", " 4", "04"]) {
    assertEquals(parseFlags([word], SPEC).positionals, [word], word);
  }
});

Deno.test("parseFlags() refuses an unknown flag or extra words in one sentence", () => {
  const unknown = assertThrows(
    () => parseFlags(["--bogus"], SPEC),
    UserError,
    'Unknown flag "--bogus" (usage: deno task hint [lesson] [--all | --reset])',
  );
  assertEquals(unknown.code, 2);
  assertThrows(
    () => parseFlags(["a", "b"], SPEC),
    UserError,
    'Too many arguments: "a" "b"',
  );
  assertThrows(
    () => parseFlags(["names.txt"], {}),
    UserError,
    'Unexpected argument "names.txt"',
  );
});

Deno.test("parseFlags() wants a value for a value flag, unless it may be empty", () => {
  const spec = { values: ["steps", "show"], emptyAllowed: ["show"] };
  assertThrows(
    () => parseFlags(["--steps"], spec),
    UserError,
    "--steps needs a value",
  );
  assertEquals(parseFlags(["--show"], spec).values.get("show"), "");
  assertEquals(parseFlags(["--steps", "-3"], spec).values.get("steps"), "-3");
});

Deno.test("parseFlags() blames the flag, not a stray word, for an empty value", () => {
  const spec = { values: ["steps", "show"], emptyAllowed: ["show"] };
  assertThrows(
    () => parseFlags(["--steps", ""], spec),
    UserError,
    "--steps needs a value",
  );
  assertEquals(parseFlags(["--show", ""], spec).values.get("show"), "");
});

Deno.test("parseFlags() refuses a value given to a switch", () => {
  assertThrows(
    () => parseFlags(["--solutions=true"], { booleans: ["solutions"] }),
    UserError,
    '--solutions takes no value: received "--solutions=true"',
  );
});

Deno.test("parseInteger() and parsePositive() say when a number is beyond floating point", () => {
  assertThrows(
    () => parseInteger("--seed", "9007199254740993", 0),
    UserError,
    "--seed 9007199254740993 is too large: integers are exact only up to 2^53 - 1 (9007199254740991)",
  );
  assertThrows(
    () => parsePositive("--lr", "1e-400"),
    UserError,
    "--lr 1e-400 is too small: it rounds to 0 in floating point",
  );
  assertThrows(
    () => parsePositive("--lr", "1e400"),
    UserError,
    "--lr 1e400 is too large: it rounds to infinity",
  );
  assertThrows(
    () => parsePositive("--lr", "0.0e5"),
    UserError,
    "--lr must be a positive number: received 0.0e5",
  );
  assertEquals(parseInteger("--seed", "9007199254740991", 0), 2 ** 53 - 1);
});

Deno.test("parseFlags: a switch takes no value as the next word either", () => {
  const spec = { booleans: ["plain"], usage: "train [--plain]" };
  for (const word of ["true", "false"]) {
    assertThrows(
      () => parseFlags(["--plain", word], spec),
      UserError,
      `Unexpected argument "${word}": --plain takes no value`,
    );
  }
});

Deno.test("parseFlags: a mistyped flag gets the nearest known one", () => {
  const spec = { values: ["step", "model"], booleans: ["plain"] };
  assertThrows(
    () => parseFlags(["--stpe", "5"], spec),
    UserError,
    'Unknown flag "--stpe": did you mean --step?',
  );
  assertThrows(
    () => parseFlags(["--modle", "m.json"], spec),
    UserError,
    "did you mean --model?",
  );
  const far = assertThrows(() => parseFlags(["--bogus"], spec), UserError);
  assertEquals(far.message.includes("did you mean"), false);
  // Two edits turn "x" into "lr", but a one-letter flag is no typo of it.
  const short = { values: ["lr", "temperature"], booleans: [] };
  const x = assertThrows(() => parseFlags(["-x"], short), UserError);
  assertEquals(x.message.includes("did you mean"), false);
  assertThrows(
    () => parseFlags(["--tempreture", "2"], short),
    UserError,
    "did you mean --temperature?",
  );
});

Deno.test("secondsFromEnv() takes seconds from above 0 to a day, else refuses in one sentence", () => {
  const limit = (text: string) =>
    secondsFromEnv("KATA_TEST_TIME_LIMIT", 60, text);
  assertEquals(limit(""), 60);
  assertEquals(limit("2.5"), 2.5);
  // 2147484 s would overflow a timer (2^31 ms); 1e20 s an AbortSignal.
  for (const text of ["abc", "0", "-5", "1e9x", " 3", "2147484", "1e20"]) {
    const error = assertThrows(() => limit(text), UserError);
    assertEquals(error.code, 2);
    assertEquals(
      error.message,
      `KATA_TEST_TIME_LIMIT must be a number of seconds from above 0 to 86400 (a day), e.g. 120: received "${text}"`,
    );
  }
});
