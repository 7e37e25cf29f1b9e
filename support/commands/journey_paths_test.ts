/**
 * The journey commands as the user runs them: from a subfolder (deno task
 * sets INIT_CWD to it), with lesson paths relative to it, and with a `.kata/`
 * that cannot be written.
 */

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, git, journey, removeCopy } from "./_testing.ts";
import { isLessonChange } from "./watch.ts";

Deno.test("hint shows the hint even when .kata/ cannot be written, and says so", async () => {
  const root = await copyKata({ tests: [] });
  try {
    Deno.writeTextFileSync(`${root}.kata`, "a file where the folder should be");
    const result = await journey(root, "hint", ["step1/04"]);
    assertEquals(result.code, 0, result.err);
    assertStringIncludes(result.out, "Hint 1 of");
    assertStringIncludes(
      result.err,
      "could not remember that you saw this hint, as .kata/ cannot be written",
    );
    const reset = await journey(root, "hint", ["step1/04", "--reset"]);
    assertEquals(reset.code, 1);
    assertStringIncludes(
      reset.err,
      "error: Cannot start the hints of step1/04 again",
    );
  } finally {
    await removeCopy(root);
  }
});

Deno.test("hint and reset find a lesson by a path relative to the user's folder", async () => {
  const root = await copyKata({ tests: [] });
  try {
    await git(root, "init", "-q");
    await git(root, "add", "-A");
    await git(root, "commit", "-q", "-m", "kata");
    const folder = `${root}lessons/step1`;
    const env = { INIT_CWD: folder };
    const hint = await journey(root, "hint", ["./04_softmax.ts"], { env });
    assertEquals(hint.code, 0, hint.err);
    assertStringIncludes(hint.out, "step1/04");

    const file = `${folder}/04_softmax.ts`;
    const mine = Deno.readTextFileSync(file) + "// mine\n";
    Deno.writeTextFileSync(file, mine);
    const reset = await journey(root, "reset", ["04_softmax.ts", "--yes"], {
      env,
    });
    assertEquals(reset.code, 0, reset.err);
    const undo = reset.out.match(/To undo: (cp \S+ \S+)/)?.[1];
    assert(undo !== undefined, reset.out);
    assert(undo.startsWith("cp ../../.kata/backups/step1/"), undo);
    assert(undo.endsWith(" 04_softmax.ts"), undo);
    // The printed command works where the user is.
    const [, from, to] = undo.split(" ");
    Deno.copyFileSync(`${folder}/${from}`, `${folder}/${to}`);
    assertEquals(Deno.readTextFileSync(file), mine);
  } finally {
    await removeCopy(root);
  }
});

Deno.test("watch notices a whole lesson folder disappearing or coming back", () => {
  for (const kind of ["remove", "rename", "create"] as const) {
    assertEquals(
      isLessonChange({ kind, paths: ["/k/lessons/step1"] }),
      true,
      kind,
    );
  }
  assertEquals(
    isLessonChange({ kind: "modify", paths: ["/k/lessons/step1"] }),
    false,
  );
  assertEquals(
    isLessonChange({ kind: "remove", paths: ["/k/lessons/.x.swp"] }),
    false,
  );
});
