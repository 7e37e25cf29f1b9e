import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { UserError } from "../cli/errors.ts";
import { copyKata, edit, git, removeCopy } from "../commands/_testing.ts";
import { editedLessons, findStubs, stubText } from "./stub.ts";

const SOFTMAX = "lessons/step1/04_softmax.ts";
const TOKENIZER = "lessons/step0/01_tokenizer.ts";

Deno.test("findStubs() finds each lesson's newest committed stub, even after the learner committed their work", async () => {
  const root = await copyKata({ tests: [], git: true });
  try {
    const stub = Deno.readTextFileSync(root + SOFTMAX);
    edit(root, SOFTMAX, (text) => text.replace(/todo\(.*\);/, "return [];"));
    await git(root, "commit", "-q", "-am", "mine");
    const files = [SOFTMAX, TOKENIZER, "lessons/step9/99_nothing.ts"];
    const stubs = await findStubs(files, root);
    assertEquals(await stubText(stubs.get(SOFTMAX)!, root), stub);
    const tokenizer = await stubText(stubs.get(TOKENIZER)!, root);
    assertEquals(tokenizer, Deno.readTextFileSync(root + TOKENIZER));
    assertEquals(stubs.get(files[2]), undefined);

    // The lessons changed from their stubs, newest first.
    edit(root, TOKENIZER, (text) => `${text}\n// mine\n`);
    Deno.utimeSync(root + TOKENIZER, 2e9, 2e9);
    Deno.utimeSync(root + SOFTMAX, 1e9, 1e9);
    // A stub with a newer time but untouched does not count.
    Deno.utimeSync(`${root}lessons/step2/01_value.ts`, 3e9, 3e9);
    const edited = await editedLessons(root);
    assertEquals(edited?.map((e) => e.lessonFile), [TOKENIZER, SOFTMAX]);

    // Without git, the stubs cannot be found, and the track not told.
    await Deno.remove(`${root}.git`, { recursive: true });
    assertEquals(await editedLessons(root), undefined);
    const error = await findStubs([SOFTMAX], root).catch((e) => e);
    assert(error instanceof UserError);
    assertStringIncludes(error.message, "this folder is not a git clone");
  } finally {
    await removeCopy(root);
  }
});
