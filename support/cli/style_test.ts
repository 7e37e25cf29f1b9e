import { assertEquals } from "@std/assert";
import { fileLink, paint, PLAIN, stripAnsi, wrap } from "./style.ts";

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
    "\x1b[31mx\x1b[0m",
  );
});

Deno.test("wrap() breaks between words and indents every line", () => {
  assertEquals(
    wrap("one two three four", 11, "  "),
    "  one two\n  three\n  four",
  );
  assertEquals(wrap("unbreakablewordhere", 5), "unbreakablewordhere");
});
