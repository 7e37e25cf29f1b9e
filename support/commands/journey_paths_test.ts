/**
 * The journey commands as the user runs them: from a subfolder (deno task
 * sets INIT_CWD to it), with lesson paths relative to it.
 */

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, edit, journey, removeCopy } from "./_testing.ts";

Deno.test("hint and reset find a lesson by a path relative to the user's folder, and print paths to type there", async () => {
  const root = await copyKata({ tests: [], git: true });
  try {
    const folder = `${root}lessons/step1`;
    const env = { INIT_CWD: folder };
    const hint = await journey(root, "hint", ["./04_softmax.ts"], { env });
    assertEquals(hint.code, 0, hint.err);
    assertStringIncludes(hint.out, "step1/04");

    edit(root, "lessons/step1/04_softmax.ts", (text) => `${text}// mine\n`);
    const mine = Deno.readTextFileSync(`${folder}/04_softmax.ts`);
    const reset = await journey(root, "reset", ["04_softmax.ts", "--yes"], {
      env,
    });
    assertEquals(reset.code, 0, reset.err);
    const undo = reset.out.match(/To undo: (cp \S+ \S+)/)?.[1] ?? "";
    assert(undo.startsWith("cp ../../.kata/backups/step1/"), reset.out);
    assert(undo.endsWith(" 04_softmax.ts"), undo);
    // The printed command works where the user is.
    const [, from, to] = undo.split(" ");
    Deno.copyFileSync(`${folder}/${from}`, `${folder}/${to}`);
    assertEquals(Deno.readTextFileSync(`${folder}/04_softmax.ts`), mine);
  } finally {
    await removeCopy(root);
  }
});
