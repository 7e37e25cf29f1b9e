import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons } from "../manifest.ts";
import { timestamp } from "./reset.ts";
import { copyKata, git, journey, makePipe, removeCopy } from "./_testing.ts";
import { countTodos } from "../journey/stub.ts";

const FILE = "lessons/step1/04_softmax.ts";
const SOLUTION = "solutions/step1/04_softmax.ts";

/** A copy of the kata that is a git clone with one commit, as a learner has. */
async function clone(): Promise<string> {
  const root = await copyKata();
  await git(root, "init", "-q");
  await git(root, "add", "-A");
  await git(root, "commit", "-q", "-m", "kata");
  return root;
}

async function backups(root: string): Promise<string[]> {
  const found: string[] = [];
  try {
    for await (const entry of Deno.readDir(`${root}.kata/backups/step1`)) {
      found.push(`.kata/backups/step1/${entry.name}`);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return found;
}

Deno.test("reset backs up the learner's file, then restores the stub", async () => {
  const root = await clone();
  try {
    const stub = await Deno.readTextFile(root + FILE);
    const mine = stub.replace(
      'todo("softmax", import.meta.url);',
      "return [];",
    );
    await Deno.writeTextFile(root + FILE, mine);

    // Without a terminal to ask on, nothing happens without --yes.
    const refused = await journey(root, "reset", ["step1/04"]);
    assertEquals(refused.code, 1);
    assertStringIncludes(refused.err, "rerun with --yes to confirm");
    assertEquals(await Deno.readTextFile(root + FILE), mine);
    assertEquals(await backups(root), []);

    const { code, out, err } = await journey(root, "reset", [
      "04_softmax.ts",
      "--yes",
    ]);
    assertEquals(code, 0, err);
    assertEquals(await Deno.readTextFile(root + FILE), stub);
    const [backup, ...more] = await backups(root);
    assertEquals(more, []);
    assert(
      /^\.kata\/backups\/step1\/04_softmax\.\d{8}-\d{6}\.ts$/.test(backup),
      backup,
    );
    assertEquals(await Deno.readTextFile(root + backup), mine);
    assertStringIncludes(out, `Your version is saved in ${root}${backup}`);
    assertStringIncludes(out, `To undo: cp ${backup} ${FILE}`);

    const again = await journey(root, "reset", ["step1/04", "--yes"]);
    assertEquals(again.code, 0);
    assertStringIncludes(again.out, "is already the stub: nothing to reset");
  } finally {
    await removeCopy(root);
  }
});

Deno.test("reset finds the stub even after the learner committed their work", async () => {
  const root = await clone();
  try {
    const stub = await Deno.readTextFile(root + FILE);
    await Deno.copyFile(root + SOLUTION, root + FILE);
    await git(root, "commit", "-q", "-am", "my softmax");
    await Deno.writeTextFile(root + FILE, "// half-way through a rewrite\n");
    const { code, err } = await journey(root, "reset", ["step1/04", "--yes"]);
    assertEquals(code, 0, err);
    assertEquals(await Deno.readTextFile(root + FILE), stub);
    const [backup] = await backups(root);
    assertEquals(
      await Deno.readTextFile(root + backup),
      "// half-way through a rewrite\n",
    );
  } finally {
    await removeCopy(root);
  }
});

Deno.test("reset changes nothing when it cannot make the backup or find the stub", async () => {
  const root = await clone();
  try {
    await Deno.writeTextFile(root + FILE, "mine\n");
    await Deno.writeTextFile(
      `${root}.kata`,
      "a file where the folder should be",
    );
    const blocked = await journey(root, "reset", ["step1/04", "--yes"]);
    assertEquals(blocked.code, 1);
    assertStringIncludes(
      blocked.err,
      `Cannot back up ${FILE} to .kata/backups/step1/ (`,
    );
    assertStringIncludes(blocked.err, "so the lesson was left as it is");
    assert(!blocked.err.includes("    at "), "no stack trace");
    assertEquals(await Deno.readTextFile(root + FILE), "mine\n");

    await Deno.remove(`${root}.git`, { recursive: true });
    const noGit = await journey(root, "reset", ["step1/04", "--yes"]);
    assertEquals(noGit.code, 1);
    assertStringIncludes(
      noGit.err,
      "this folder is not a git clone of the kata",
    );
    assertEquals(await Deno.readTextFile(root + FILE), "mine\n");

    // A clone with no commit yet: git log fails, said in one sentence.
    await git(root, "init", "-q");
    const noCommit = await journey(root, "reset", ["step1/04", "--yes"]);
    assertEquals([noCommit.code, noCommit.out], [1, ""]);
    assertStringIncludes(
      noCommit.err,
      "error: Cannot find the lesson's stub in the kata's git history: git log failed (",
    );
    assertEquals(noCommit.err.trim().split("\n").length, 1, noCommit.err);
    assertEquals(await Deno.readTextFile(root + FILE), "mine\n");

    const noLesson = await journey(root, "reset", []);
    assertEquals(noLesson.code, 2);
    assertStringIncludes(noLesson.err, "Name the lesson to reset");
  } finally {
    await removeCopy(root);
  }
});

Deno.test("every lesson stub has todo()s for reset to recognise it by", () => {
  for (const entry of allLessons()) {
    const text = Deno.readTextFileSync(
      new URL(`../../${entry.lessonFile}`, import.meta.url),
    );
    assert(countTodos(text) > 0, `${entry.lessonFile} calls no todo()`);
  }
});

Deno.test("timestamp() is sortable and safe in file names", () => {
  assertEquals(
    timestamp(new Date(2026, 6, 30, 9, 5, 1, 123)),
    "20260730-090501",
  );
});

Deno.test("reset backs up into no linked folder: refused, the lesson left as it is", async () => {
  const root = await clone();
  const elsewhere = await Deno.makeTempDir({ prefix: "kata_elsewhere_" });
  try {
    const mine = "// my own work\n";
    await Deno.writeTextFile(root + FILE, mine);
    await Deno.mkdir(`${root}.kata`);
    await Deno.symlink(elsewhere, `${root}.kata/backups`);
    const result = await journey(root, "reset", ["step1/04", "--yes"]);
    assertEquals([result.code, result.out], [1, ""]);
    assertEquals(
      result.err,
      `error: Cannot back up ${FILE} to .kata/backups/step1/ (.kata/backups is a link, and the kata writes its own files only into a real folder), so the lesson was left as it is\n`,
    );
    assertEquals(await Deno.readTextFile(root + FILE), mine);
    assertEquals([...Deno.readDirSync(elsewhere)], []);
  } finally {
    await removeCopy(root);
    await Deno.remove(elsewhere, { recursive: true });
  }
});

Deno.test("reset backs up a lesson that is not UTF-8 text byte for byte", async () => {
  const root = await clone();
  try {
    // 0xff and 0xfe are never UTF-8: a text round trip would change them.
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0xc3, 0x28, 0x0a]);
    await Deno.writeFile(root + FILE, bytes);
    const { code, err } = await journey(root, "reset", ["step1/04", "--yes"]);
    assertEquals(code, 0, err);
    const [backup] = await backups(root);
    assertEquals(await Deno.readFile(root + backup), bytes);
  } finally {
    await removeCopy(root);
  }
});

Deno.test("reset does not wait on a pipe where the lesson should be, and changes nothing", async () => {
  const root = await clone();
  try {
    await Deno.remove(root + FILE);
    if (!(await makePipe(root + FILE))) return; // No mkfifo.
    const result = await journey(root, "reset", ["step1/04", "--yes"], {
      timeout: 30,
    });
    assertEquals([result.code, result.out], [1, ""], result.err);
    assertEquals(
      result.err,
      `error: Cannot read ${FILE} (it is a pipe), so it cannot be backed up: nothing was changed\n`,
    );
    assert(Deno.statSync(root + FILE).isFifo);
  } finally {
    await removeCopy(root);
  }
});
