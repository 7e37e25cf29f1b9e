import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons } from "../manifest.ts";
import { copyKata, journey, makePipe, removeCopy } from "./_testing.ts";

const FILE = "lessons/step1/04_softmax.ts";

/** The backups of Step 1's lessons in the copy at `root`. */
function backups(root: string): string[] {
  try {
    return [...Deno.readDirSync(`${root}.kata/backups/step1`)]
      .map((entry) => `.kata/backups/step1/${entry.name}`);
  } catch {
    return [];
  }
}

Deno.test("reset backs up the learner's file byte for byte, then restores the stub", async () => {
  const root = await copyKata({ tests: [], git: true });
  const reset = (...args: string[]) => journey(root, "reset", args);
  try {
    const stub = Deno.readTextFileSync(root + FILE);
    // Not even UTF-8 (0xff never is): a text round trip would change it.
    const mine = new Uint8Array([0xff, 0xfe, 0x41, 0xc3, 0x28, 0x0a]);
    Deno.writeFileSync(root + FILE, mine);

    // Without a terminal to ask on, nothing happens without --yes.
    const refused = await reset("step1/04");
    assertEquals([refused.code, refused.out], [1, ""]);
    assertStringIncludes(refused.err, "rerun with --yes to confirm");
    assertEquals([Deno.readFileSync(root + FILE), backups(root)], [mine, []]);

    const { code, out, err } = await reset("04_softmax.ts", "--yes");
    assertEquals(code, 0, err);
    assertEquals(Deno.readTextFileSync(root + FILE), stub);
    const [backup, ...more] = backups(root);
    assertEquals(more, []);
    assert(
      /^\.kata\/backups\/step1\/04_softmax\.\d{8}-\d{6}\.ts$/.test(backup),
    );
    assertEquals(Deno.readFileSync(root + backup), mine);
    assertStringIncludes(out, `Your version is saved in ${root}${backup}`);
    assertStringIncludes(out, `To undo: cp ${backup} ${FILE}`);

    const again = await reset("step1/04", "--yes");
    assertStringIncludes(again.out, "is already the stub: nothing to reset");

    // A backup that cannot be made: the lesson is left as it is.
    Deno.writeTextFileSync(root + FILE, "mine\n");
    Deno.removeSync(`${root}.kata/backups`, { recursive: true });
    Deno.symlinkSync(root, `${root}.kata/backups`);
    const blocked = await reset("step1/04", "--yes");
    assertEquals([blocked.code, blocked.out], [1, ""]);
    assertEquals(
      blocked.err,
      `error: Cannot back up ${FILE} to .kata/backups/step1/ (.kata/backups is a link, and the kata writes its own files only into a real folder), so the lesson was left as it is\n`,
    );
    assertEquals(Deno.readTextFileSync(root + FILE), "mine\n");
  } finally {
    await removeCopy(root);
  }
});

Deno.test("reset refuses, changing nothing: no lesson named, a pipe for a lesson, no git", async () => {
  const root = await copyKata({ tests: [], git: true });
  try {
    const unnamed = await journey(root, "reset", []);
    assertEquals(unnamed.code, 2);
    assertStringIncludes(unnamed.err, "Name the lesson to reset");
    Deno.removeSync(root + FILE);
    if (await makePipe(root + FILE)) {
      const piped = await journey(root, "reset", ["step1/04", "--yes"]);
      assertEquals([piped.code, piped.out], [1, ""], piped.err);
      assertEquals(
        piped.err,
        `error: Cannot read lesson "${root}${FILE}": it is a pipe, expected a regular file, so it cannot be backed up: nothing was changed\n`,
      );
      assert(Deno.statSync(root + FILE).isFifo);
    }
    Deno.removeSync(`${root}.git`, { recursive: true });
    const noGit = await journey(root, "reset", ["step1/04", "--yes"]);
    assertEquals([noGit.code, noGit.out], [1, ""]);
    assertStringIncludes(
      noGit.err,
      "this folder is not a git clone of the kata",
    );
  } finally {
    await removeCopy(root);
  }
});

Deno.test("every lesson stub has todo()s for reset to recognise it by", () => {
  for (const entry of allLessons()) {
    const text = Deno.readTextFileSync(
      new URL(`../../${entry.lessonFile}`, import.meta.url),
    );
    assert(/\btodo\(/.test(text), `${entry.lessonFile} calls no todo()`);
  }
});
