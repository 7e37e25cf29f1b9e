import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { ROOT_DIR } from "../root.ts";
import { testFilesIn } from "./lesson_progress.ts";
import {
  CACHE_FILE,
  graphOf,
  loadResults,
  saveResults,
  type Stored,
} from "./test_cache.ts";

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

Deno.test("graphOf() keys a test file by the code it loads, and only that", async () => {
  const files = {
    "a_test.ts": 'import { f } from "./lib.ts";\nDeno.test("a", f);\n',
    "b_test.ts": 'Deno.test("b", () => {});\n',
    "lib.ts": "export function f() {}\n",
  };
  await inRoot(files, async (root) => {
    const tests = ["a_test.ts", "b_test.ts"];
    const setup = { flags: ["-R"] };
    const keys = async (flags = setup.flags) => {
      const graph = await graphOf(tests, { flags }, { root });
      return tests.map((file) => graph.get(file)?.key);
    };
    const graph = await graphOf(tests, setup, { root });
    assertEquals(graph.get("a_test.ts")?.files, ["a_test.ts", "lib.ts"]);
    const [a, b] = await keys();
    assertEquals([a?.length, b?.length], [64, 64]);
    assertEquals(await keys(), [a, b], "the same code, the same keys");
    assertNotEquals((await keys(["-A"]))[1], b, "other flags, other keys");

    await Deno.writeTextFile(`${root}lib.ts`, "export function f() { }\n");
    const [changed, same] = await keys();
    assertEquals(same, b);
    assertNotEquals(changed, a);

    // A module that does not parse: no key, so its test file runs.
    await Deno.writeTextFile(`${root}lib.ts`, "export const = ;\n");
    assertEquals(await keys(), [undefined, b]);
  });
});

Deno.test("loadResults() gives back what saveResults() stored, and nothing from a damaged file", async () => {
  await inRoot({}, async (root) => {
    const outcomes = [{
      name: "step0/01 t",
      file: "tests/a_test.ts",
      status: "passed" as const,
    }];
    const stored: Stored = new Map([
      ["tests/a_test.ts", { key: "k1", outcomes }],
    ]);
    assertEquals(loadResults(root), new Map());
    saveResults(stored, root);
    assertEquals(loadResults(root), stored);
    const path = root + CACHE_FILE;
    const text = await Deno.readTextFile(path);
    for (
      const damaged of [
        text.slice(0, 20),
        text.replace('"version":3', '"version":2'),
        text.replace('"key":"k1"', '"key":1'),
      ]
    ) {
      await Deno.writeTextFile(path, damaged);
      assertEquals(loadResults(root), new Map(), damaged);
    }
  });
});

Deno.test("the tests read no file but names.txt, so the module graph and names.txt are all a key needs", async () => {
  const setup = { importMap: "support/maps/offline.json", flags: ["-R"] };
  const graph = await graphOf(testFilesIn(["tests/"]), setup);
  const files = new Set([...graph.values()].flatMap((g) => g.files));
  assert(files.size > 20, `only ${files.size} files in the graph`);
  // Calls that read files or the network, and imports deno info cannot follow.
  const reads =
    /\bDeno\.(readTextFile|readFile|open|readDir|readLink|realPath)(Sync)?\(|\bfetch\(|\bimport\(\s*[^"'\s]/;
  const reading = [...files].filter((file) =>
    reads.test(Deno.readTextFileSync(ROOT_DIR + file))
  );
  // support/cli/files.ts is the one reader of files the kata did not write:
  // support/data.ts reads names.txt through it (found by findGuideNames, in
  // the key) and, for the trainer, a file named on the command line.
  assertEquals(reading, ["support/cli/files.ts"]);
});
