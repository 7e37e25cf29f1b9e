import { assertEquals, assertThrows } from "@std/assert";
import { generateMaps, readImports } from "./maps.ts";

const ROOT = new URL("../", import.meta.url);

Deno.test("the import maps in support/maps/ are generated from deno.json's imports", () => {
  for (const [path, text] of Object.entries(generateMaps(readImports(ROOT)))) {
    assertEquals(
      Deno.readTextFileSync(new URL(path, ROOT)),
      text,
      `${path} is out of date with deno.json: run deno task maps`,
    );
  }
});

Deno.test("generateMaps() swaps @std for its stand-in, lessons/ for solutions/, and refuses an @std import without a stand-in", () => {
  const maps = generateMaps({ "@std/cli": "jsr:@std/cli@^1", x: "npm:x@1" });
  const imports = (path: string) => JSON.parse(maps[path]).imports;
  assertEquals(imports("support/maps/offline.json"), {
    "@std/cli": "../../support/std/cli.ts",
    x: "npm:x@1",
  });
  assertEquals(imports("support/maps/offline_solutions.json"), {
    "@std/cli": "../../support/std/cli.ts",
    x: "npm:x@1",
    "../../lessons/": "../../solutions/",
  });
  assertEquals(
    imports("support/maps/solutions.json")["@std/cli"],
    "jsr:@std/cli@^1",
  );
  assertThrows(
    () => generateMaps({ "@std/fmt": "jsr:@std/fmt@^1" }),
    Error,
    `"@std/fmt" has no stand-in`,
  );
});
