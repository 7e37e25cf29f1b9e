import { assertEquals, assertThrows } from "@std/assert";
import { DataError, parseNames, readNames } from "./data.ts";

Deno.test("parseNames() trims, splits lines and drops empty ones", () => {
  assertEquals(parseNames("  emma\r\nolivia  \n\n\n ava \n"), [
    "emma",
    "olivia",
    "ava",
  ]);
  assertEquals(parseNames(""), []);
  assertEquals(parseNames("\n \n"), []);
});

Deno.test("readNames() reads one name per line", () => {
  const path = Deno.makeTempFileSync();
  try {
    Deno.writeTextFileSync(path, "emma\nolivia\n");
    assertEquals(readNames(path), ["emma", "olivia"]);
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("readNames() reads a name of 100 characters, the longest it takes", () => {
  const path = Deno.makeTempFileSync({ suffix: ".txt" });
  try {
    Deno.writeTextFileSync(path, `emma\n${"ab".repeat(50)}\n`);
    assertEquals(readNames(path), ["emma", "ab".repeat(50)]);
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("readNames() refuses files that cannot be a list of names", async (t) => {
  const dir = Deno.makeTempDirSync();
  const cases: [string, Uint8Array | null, string][] = [
    ["missing", null, "it does not exist"],
    ["empty", new Uint8Array(), "it holds no names"],
    ["blank", new TextEncoder().encode("\n  \n"), "it holds no names"],
    ["binary", new Uint8Array([0x61, 0x00, 0x62]), "it looks binary"],
    ["latin1", new Uint8Array([0x61, 0xe9, 0x0a]), "it is not UTF-8 text"],
    ["control", new TextEncoder().encode("ab\u0007c\n"), "control character"],
    [
      "right-to-left override",
      new TextEncoder().encode("emma\nav\u202ea\n"),
      'name 2, "av\\u202ea", contains U+202E, which rearranges',
    ],
    [
      "line separator inside a name",
      new TextEncoder().encode("el\u2028sie\n"),
      "contains U+2028",
    ],
    [
      "a name of 101 characters",
      new TextEncoder().encode(`emma\n${"ab".repeat(50)}c\n`),
      "is 101 characters long, more than 100",
    ],
  ];
  try {
    for (const [name, bytes, message] of cases) {
      await t.step(name, () => {
        const path = `${dir}/${name}.txt`;
        if (bytes !== null) Deno.writeFileSync(path, bytes);
        assertThrows(() => readNames(path), DataError, message);
      });
    }
    await t.step("a directory", () => {
      assertThrows(
        () => readNames(dir),
        DataError,
        `Cannot read data file "${dir}"`,
      );
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
