import { assertEquals, assertThrows } from "@std/assert";
import { makeKataDir, writeKataFile } from "./kata_files.ts";
import { CACHE_FILE, TestCache } from "./test_cache.ts";

/** A temporary project root ("…/"), and a file of the learner's outside it. */
function withRoot(fn: (root: string, mine: string) => void) {
  return () => {
    const root = Deno.makeTempDirSync({ prefix: "kata_files_" }) + "/";
    const mine = Deno.makeTempFileSync({ prefix: "kata_mine_" });
    Deno.writeTextFileSync(mine, "the learner's own file\n");
    try {
      fn(root, mine);
    } finally {
      Deno.removeSync(root, { recursive: true });
      Deno.removeSync(mine);
    }
  };
}

Deno.test(
  "writeKataFile() replaces a link at the file instead of writing through it",
  withRoot((root, mine) => {
    Deno.mkdirSync(`${root}.kata`);
    Deno.symlinkSync(mine, `${root}.kata/state.json`);
    writeKataFile(".kata/state.json", '{"hintsSeen":{}}\n', root);
    assertEquals(Deno.readTextFileSync(mine), "the learner's own file\n");
    assertEquals(Deno.lstatSync(`${root}.kata/state.json`).isSymlink, false);
    assertEquals(
      Deno.readTextFileSync(`${root}.kata/state.json`),
      '{"hintsSeen":{}}\n',
    );
    assertEquals([...Deno.readDirSync(`${root}.kata`)].length, 1, "no temp");
  }),
);

Deno.test(
  "writeKataFile() and makeKataDir() refuse a .kata/ (or a folder in it) that is a link",
  withRoot((root, mine) => {
    const elsewhere = Deno.makeTempDirSync({ prefix: "kata_elsewhere_" });
    try {
      Deno.symlinkSync(elsewhere, `${root}.kata`);
      assertThrows(
        () => writeKataFile(".kata/state.json", "{}", root),
        Error,
        ".kata is a link, and the kata writes its own files only into a real folder",
      );
      assertEquals([...Deno.readDirSync(elsewhere)], []);
      Deno.removeSync(`${root}.kata`);
      Deno.mkdirSync(`${root}.kata`);
      Deno.symlinkSync(elsewhere, `${root}.kata/backups`);
      assertThrows(
        () => makeKataDir(".kata/backups/step1", root),
        Error,
        ".kata/backups is a link",
      );
      assertEquals([...Deno.readDirSync(elsewhere)], []);
      Deno.removeSync(`${root}.kata/backups`);
      Deno.writeTextFileSync(`${root}.kata/backups`, "");
      assertThrows(
        () => makeKataDir(".kata/backups/step1", root),
        Error,
        ".kata/backups is a file where the kata expects a folder",
      );
      assertEquals(Deno.readTextFileSync(mine), "the learner's own file\n");
    } finally {
      Deno.removeSync(elsewhere, { recursive: true });
    }
  }),
);

Deno.test(
  "TestCache.save() never writes through a link at the results file",
  withRoot((root, mine) => {
    Deno.mkdirSync(`${root}.kata`);
    Deno.symlinkSync(mine, root + CACHE_FILE);
    const cache = TestCache.load(root);
    cache.set("tests/a_test.ts", "key", {
      outcomes: [{
        name: "t",
        file: "tests/a_test.ts",
        status: "passed",
        notImplemented: false,
      }],
      typeErrors: [],
    });
    cache.save();
    assertEquals(Deno.readTextFileSync(mine), "the learner's own file\n");
    assertEquals(
      TestCache.load(root).get("tests/a_test.ts", "key")?.outcomes[0].name,
      "t",
    );
  }),
);
