import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { copyKata, removeCopy } from "../commands/_testing.ts";
import { testFilesIn } from "./lesson_progress.ts";
import { ROOT_DIR } from "../root.ts";
import { CACHE_FILE, graphOf, TestCache } from "./test_cache.ts";

const SETUP = {
  importMap: "support/maps/offline.json",
  flags: ["-R", "--no-check"],
};
const SOFTMAX_TEST = "tests/step1/04_softmax_test.ts";
const TOKENIZER_TEST = "tests/step0/01_tokenizer_test.ts";

Deno.test("graphOf() keys a test file by the code it loads, and only that", async (t) => {
  const root = await copyKata({ tests: [SOFTMAX_TEST, TOKENIZER_TEST] });
  try {
    const files = [SOFTMAX_TEST, TOKENIZER_TEST];
    const before = await graphOf(files, SETUP, root);
    const softmax = before.get(SOFTMAX_TEST)!;

    await t.step("its graph holds its lesson and the support code", () => {
      assert(softmax.files.includes("lessons/step1/04_softmax.ts"));
      assert(softmax.files.includes("support/todo.ts"));
      assert(!softmax.files.includes("lessons/step0/01_tokenizer.ts"));
      assertEquals(softmax.key?.length, 64);
    });

    await t.step("the same files give the same keys", async () => {
      const again = await graphOf(files, SETUP, root);
      assertEquals(again.get(SOFTMAX_TEST)?.key, softmax.key);
    });

    await t.step(
      "a change to its lesson changes its key, not others'",
      async () => {
        const file = `${root}lessons/step1/04_softmax.ts`;
        await Deno.writeTextFile(file, (await Deno.readTextFile(file)) + "\n");
        const after = await graphOf(files, SETUP, root);
        assertNotEquals(after.get(SOFTMAX_TEST)?.key, softmax.key);
        assertEquals(
          after.get(TOKENIZER_TEST)?.key,
          before.get(TOKENIZER_TEST)?.key,
        );
      },
    );

    await t.step("another import map or other flags: other keys", async () => {
      const online = await graphOf(
        files,
        { ...SETUP, importMap: undefined },
        root,
      );
      assertNotEquals(
        online.get(TOKENIZER_TEST)?.key,
        before.get(TOKENIZER_TEST)?.key,
      );
      const flags = await graphOf(files, { ...SETUP, flags: ["-A"] }, root);
      assertNotEquals(
        flags.get(TOKENIZER_TEST)?.key,
        before.get(TOKENIZER_TEST)?.key,
      );
    });

    await t.step(
      "a lesson that does not parse: no key, so its tests run",
      async () => {
        const file = `${root}lessons/step1/04_softmax.ts`;
        const text = await Deno.readTextFile(file);
        await Deno.writeTextFile(file, text.replace("todo(", "const = todo("));
        const broken = await graphOf(files, SETUP, root);
        assertEquals(broken.get(SOFTMAX_TEST)?.key, undefined);
        assertEquals(typeof broken.get(TOKENIZER_TEST)?.key, "string");
      },
    );
  } finally {
    await removeCopy(root);
  }
});

Deno.test("TestCache gives back a result only under the key it was stored with", async () => {
  const root = `${await Deno.makeTempDir({ prefix: "kata_cache_" })}/`;
  try {
    const result = {
      outcomes: [{
        name: "step0/01 t",
        file: TOKENIZER_TEST,
        status: "passed" as const,
        notImplemented: false,
      }],
      typeErrors: [],
    };
    const cache = TestCache.load(root);
    assertEquals(cache.get(TOKENIZER_TEST, "k1"), undefined);
    cache.set(TOKENIZER_TEST, "k1", result);
    cache.save();
    const loaded = TestCache.load(root);
    assertEquals(loaded.get(TOKENIZER_TEST, "k1"), result);
    assertEquals(loaded.get(TOKENIZER_TEST, "k2"), undefined);
    assertEquals(loaded.get(TOKENIZER_TEST, undefined), undefined);
    assertEquals(loaded.get(SOFTMAX_TEST, "k1"), undefined);

    // Damaged files never give a result.
    const path = root + CACHE_FILE;
    const stored = JSON.parse(await Deno.readTextFile(path));
    const damaged = [
      "{ not json",
      JSON.stringify({ ...stored, version: 0 }),
      JSON.stringify({
        ...stored,
        entries: { [TOKENIZER_TEST]: { key: "k1", result: { outcomes: [] } } },
      }),
      JSON.stringify({
        ...stored,
        entries: {
          [TOKENIZER_TEST]: {
            key: "k1",
            result: {
              outcomes: [{ ...result.outcomes[0], status: "great" }],
              typeErrors: [],
            },
          },
        },
      }),
      // An outcome of another file under this file's name.
      JSON.stringify({
        ...stored,
        entries: {
          [SOFTMAX_TEST]: stored.entries[TOKENIZER_TEST],
        },
      }),
    ];
    for (const text of damaged) {
      await Deno.writeTextFile(path, text);
      const cache = TestCache.load(root);
      assertEquals(cache.get(TOKENIZER_TEST, "k1"), undefined, text);
      assertEquals(cache.get(SOFTMAX_TEST, "k1"), undefined, text);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the tests read no file but names.txt, so the module graph and names.txt are all a key needs", async () => {
  const graph = await graphOf(testFilesIn(["tests/"]), SETUP);
  const files = new Set([...graph.values()].flatMap((g) => g.files));
  assert(files.size > 20, `only ${files.size} files in the graph`);
  // Calls that read files or the network, and imports deno info cannot follow.
  const reads =
    /\bDeno\.(readTextFile|readFile|open|readDir|readLink|realPath)(Sync)?\(|\bfetch\(|\bimport\(\s*[^"'\s]/;
  const reading = [...files].filter((file) =>
    reads.test(Deno.readTextFileSync(ROOT_DIR + file))
  );
  // support/cli/files.ts is the one bounded reader: support/data.ts reads
  // names.txt through it (found by findGuideNames, in the key) and, for the
  // trainer, a file named on the command line.
  assertEquals(reading, ["support/cli/files.ts"]);
});
