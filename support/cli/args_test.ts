import { assertEquals, assertThrows } from "@std/assert";
import { parseFlags } from "./args.ts";
import { UserError } from "./errors.ts";

const SPEC = {
  booleans: ["all", "yes"],
  aliases: { all: "a" },
  maxPositionals: 1,
  usage: "deno task hint [lesson]",
};

Deno.test("parseFlags() reads flags by any spelling, the other words, and ignores --", () => {
  const parsed = parseFlags(["step1/04", "-a", "--", "--yes"], SPEC);
  assertEquals([...parsed.booleans].sort(), ["all", "yes"]);
  assertEquals(parsed.positionals, ["step1/04"]);
});

Deno.test("parseFlags() refuses an unknown flag or extra words in one sentence", () => {
  const unknown = assertThrows(
    () => parseFlags(["--bogus"], SPEC),
    UserError,
    'Unknown flag "--bogus" (usage: deno task hint [lesson])',
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
