import { assertEquals, assertThrows } from "@std/assert";
import {
  CliError,
  fileLink,
  paint,
  parseCommandArgs,
  PLAIN,
  stripAnsi,
  wrap,
} from "./cli.ts";

const SPEC = {
  flags: { all: ["--all", "-a"], yes: ["--yes"] },
  maxPositionals: 1,
  usage: "deno task hint [lesson]",
};

Deno.test("parseCommandArgs() reads flags by any spelling, the other words, and ignores --", () => {
  const parsed = parseCommandArgs(["step1/04", "-a", "--", "--yes"], SPEC);
  assertEquals([...parsed.flags].sort(), ["all", "yes"]);
  assertEquals(parsed.positionals, ["step1/04"]);
});

Deno.test("parseCommandArgs() refuses an unknown flag or extra words in one sentence", () => {
  const unknown = assertThrows(
    () => parseCommandArgs(["--bogus"], SPEC),
    CliError,
    'Unknown option "--bogus": expected one of --all, --yes (usage: deno task hint [lesson])',
  );
  assertEquals(unknown.code, 2);
  assertThrows(
    () => parseCommandArgs(["a", "b"], SPEC),
    CliError,
    'Too many arguments: "a" "b"',
  );
});

Deno.test("fileLink() is a plain path, or an OSC 8 hyperlink on a terminal", () => {
  assertEquals(fileLink(PLAIN, "/k/a b.ts"), "/k/a b.ts");
  const link = fileLink({ color: false, links: true }, "/k/a b.ts", 3);
  assertEquals(
    link,
    "\x1b]8;;file:///k/a%20b.ts\x1b\\/k/a b.ts:3\x1b]8;;\x1b\\",
  );
  assertEquals(stripAnsi(link), "/k/a b.ts:3");
});

Deno.test("paint() colours only when the style has colours", () => {
  assertEquals(paint(PLAIN, "red", "x"), "x");
  assertEquals(
    paint({ color: true, links: false }, "red", "x"),
    "\x1b[31mx\x1b[39m",
  );
});

Deno.test("wrap() breaks between words and indents every line", () => {
  assertEquals(
    wrap("one two three four", 11, "  "),
    "  one two\n  three\n  four",
  );
  assertEquals(wrap("unbreakablewordhere", 5), "unbreakablewordhere");
});
