import { assertEquals, assertThrows } from "@std/assert";
import { generateMaps, OFFLINE_STD, readImports } from "./maps.ts";

const ROOT = new URL("../", import.meta.url);

Deno.test("generateMaps() matches the import maps in support/maps/", () => {
  const maps = generateMaps(readImports(ROOT));
  for (const [path, text] of Object.entries(maps)) {
    assertEquals(
      Deno.readTextFileSync(new URL(path, ROOT)),
      text,
      `${path} is out of date with deno.json: run deno task maps`,
    );
  }
});

Deno.test("generateMaps() repeats every import and swaps only @std for stand-ins", () => {
  const imports = readImports(ROOT);
  const offline =
    JSON.parse(generateMaps(imports)["support/maps/offline.json"]).imports;
  assertEquals(Object.keys(offline).sort(), Object.keys(imports).sort());
  for (const [key, target] of Object.entries(imports)) {
    const expected = key.startsWith("@std/")
      ? `../../${OFFLINE_STD[key]}`
      : target;
    assertEquals(offline[key], expected, key);
  }
});

Deno.test("generateMaps() sends lessons/ to solutions/ in the solutions maps", () => {
  const maps = generateMaps({ "x": "npm:x@1" });
  for (
    const path of [
      "support/maps/solutions.json",
      "support/maps/offline_solutions.json",
    ]
  ) {
    assertEquals(
      JSON.parse(maps[path]).imports["../../lessons/"],
      "../../solutions/",
    );
  }
  assertEquals(
    JSON.parse(maps["support/maps/offline.json"]).imports["../../lessons/"],
    undefined,
  );
});

Deno.test("generateMaps() refuses an @std import without a stand-in", () => {
  assertThrows(
    () => generateMaps({ "@std/fmt": "jsr:@std/fmt@^1" }),
    Error,
    `"@std/fmt" has no stand-in`,
  );
});

Deno.test("every offline stand-in exists", () => {
  for (const path of Object.values(OFFLINE_STD)) {
    assertEquals(Deno.statSync(new URL(path, ROOT)).isFile, true, path);
  }
});
