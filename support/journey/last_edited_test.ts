import { assertEquals } from "@std/assert";
import { copyKata, git, removeCopy } from "../commands/_testing.ts";
import { editedLessons } from "./last_edited.ts";
import { findStub, findStubs } from "./stub.ts";

const SOFTMAX = "lessons/step1/04_softmax.ts";
const TOKENIZER = "lessons/step0/01_tokenizer.ts";

Deno.test("findStubs() finds what findStub() finds, for many files at once", async () => {
  const root = await copyKata({ tests: [] });
  try {
    await git(root, "init", "-q");
    await git(root, "add", "-A");
    await git(root, "commit", "-q", "-m", "kata");
    // The learner commits their work on one lesson.
    const stub = await Deno.readTextFile(root + SOFTMAX);
    await Deno.writeTextFile(
      root + SOFTMAX,
      stub.replace('todo("softmax", import.meta.url);', "return [];"),
    );
    await git(root, "commit", "-q", "-am", "mine");
    const files = [SOFTMAX, TOKENIZER, "lessons/step9/99_nothing.ts"];
    const many = await findStubs(files, root);
    for (const file of files) {
      assertEquals(many.get(file), await findStub(file, root), file);
    }
    assertEquals(many.get(SOFTMAX)?.text, stub);
  } finally {
    await removeCopy(root);
  }
});

Deno.test("editedLessons() lists the lessons changed from their stubs, newest first", async () => {
  const root = await copyKata({ tests: [] });
  try {
    await git(root, "init", "-q");
    await git(root, "add", "-A");
    await git(root, "commit", "-q", "-m", "kata");
    assertEquals(await editedLessons(root), []);
    const touch = async (file: string, time: number) => {
      await Deno.writeTextFile(
        root + file,
        (await Deno.readTextFile(root + file)) + "\n// mine\n",
      );
      await Deno.utime(root + file, time, time);
    };
    await touch(TOKENIZER, 2_000_000_000);
    await touch(SOFTMAX, 1_000_000_000);
    // A stub with a newer time but untouched does not count.
    await Deno.utime(root + "lessons/step2/01_value.ts", 2e9 + 10, 2e9 + 10);
    const edited = await editedLessons(root);
    assertEquals(edited?.map((e) => e.lessonFile), [TOKENIZER, SOFTMAX]);
    // Without git, it cannot be told.
    await Deno.remove(`${root}.git`, { recursive: true });
    assertEquals(await editedLessons(root), undefined);
  } finally {
    await removeCopy(root);
  }
});
