import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { ROOT_DIR } from "../root.ts";
import { testFilesIn } from "./lesson_progress.ts";
import { CACHE_FILE, cachedResults, keysOf } from "./test_cache.ts";
import { runDeno } from "./test_report.ts";

/** A temporary project root ("…/") holding `files`, removed after `fn`. */
async function inRoot(
  files: Record<string, string>,
  fn: (root: string) => Promise<void>,
): Promise<void> {
  const root = `${await Deno.makeTempDir({ prefix: "kata_cache_" })}/`;
  try {
    for (const [path, text] of Object.entries(files)) {
      await Deno.writeTextFile(root + path, text);
    }
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("keysOf() keys a test file by the code it loads, and only that", async () => {
  const files = {
    "a_test.ts": 'import { f } from "./lib.ts";\nDeno.test("a", f);\n',
    "b_test.ts": 'Deno.test("b", () => {});\n',
    "lib.ts": "export function f() {}\n",
  };
  await inRoot(files, async (root) => {
    const tests = ["a_test.ts", "b_test.ts"];
    const keys = async (map?: string) => {
      const found = await keysOf(tests, map, { root });
      return tests.map((file) => found.get(file));
    };
    const [a, b] = await keys();
    assertEquals([a?.length, b?.length], [64, 64]);
    assertEquals(await keys(), [a, b], "the same code, the same keys");
    await Deno.writeTextFile(`${root}map.json`, '{ "imports": {} }');
    assertNotEquals((await keys("map.json"))[1], b, "another map, other keys");

    await Deno.writeTextFile(`${root}lib.ts`, "export function f() { }\n");
    const [changed, same] = await keys();
    assertEquals(same, b);
    assertNotEquals(changed, a);

    // A module that does not parse: no key, so its test file runs.
    await Deno.writeTextFile(`${root}lib.ts`, "export const = ;\n");
    assertEquals(await keys(), [undefined, b]);
  });
});

Deno.test("cachedResults() gives back what it stored, and nothing from a damaged file", async () => {
  await inRoot({ "a_test.ts": 'Deno.test("a", () => {});\n' }, async (root) => {
    const files = ["a_test.ts"];
    const open = () => cachedResults(files, undefined, { root });
    const first = await open();
    assertEquals(first.stale, files);
    const outcomes = [{ name: "a", file: files[0], status: "passed" as const }];
    first.store({ code: 0, stdout: "", output: "", outcomes });
    const second = await open();
    assertEquals([second.stale, second.results.get(files[0])], [[], outcomes]);
    const path = root + CACHE_FILE;
    const text = await Deno.readTextFile(path);
    for (
      const damaged of [
        text.slice(0, 20),
        text.replace('"version":4', '"version":3'),
        text.replace(/"key":"\w+"/, '"key":1'),
      ]
    ) {
      await Deno.writeTextFile(path, damaged);
      assertEquals((await open()).stale, files, damaged);
    }
  });
});

Deno.test("the tests read no file but names.txt, so the module graph and names.txt are all a key needs", async () => {
  const imports = testFilesIn(["tests/"]).map((file) =>
    `import "${new URL(file, `file://${ROOT_DIR}`)}";`
  );
  const { stdout } = await runDeno([
    "info",
    "--json",
    "--import-map=support/maps/offline.json",
    `data:application/typescript,${encodeURIComponent(imports.join("\n"))}`,
  ]);
  const files: string[] = JSON.parse(stdout).modules
    .flatMap((m: { local?: string }) => m.local ?? []);
  assert(files.length > 20, `only ${files.length} files in the graph`);
  // Calls that read files or the network, and imports deno info cannot follow.
  const reads =
    /\bDeno\.(readTextFile|readFile|open|readDir|readLink|realPath)(Sync)?\(|\bfetch\(|\bimport\(\s*[^"'\s]/;
  const reading = files.filter((file) =>
    reads.test(Deno.readTextFileSync(file))
  )
    .map((file) => file.slice(ROOT_DIR.length));
  // support/cli/files.ts is the one reader of files the kata did not write:
  // support/data.ts reads names.txt through it (found by findGuideNames, in
  // the key) and, for the trainer, a file named on the command line.
  assertEquals(reading, ["support/cli/files.ts"]);
});
