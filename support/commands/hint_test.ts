import { assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons } from "../manifest.ts";
import { copyKata, journey, removeCopy } from "./_testing.ts";

const SOFTMAX = allLessons().find((e) => e.lesson.id === "step1/04")!;
const HINTS = SOFTMAX.lesson.hints;

Deno.test("hint shows a lesson's hints one at a time, then --all, then --reset, remembering them in .kata/", async () => {
  const root = await copyKata({ tests: [] });
  const hint = (...args: string[]) => journey(root, "hint", args);
  try {
    const first = await hint("step1/04");
    assertEquals(first.code, 0, first.err);
    assertStringIncludes(first.out, `Hint 1 of ${HINTS.length} · step1/04`);
    assertStringIncludes(first.out, HINTS[0].split(" ").slice(0, 4).join(" "));
    assertStringIncludes(first.out, `hint 2 of ${HINTS.length}`);
    const state = JSON.parse(Deno.readTextFileSync(`${root}.kata/state.json`));
    assertEquals(state.hintsSeen, { "step1/04": 1 });

    // Other spellings name the same lesson and go on where it left off.
    const last = await hint("lessons/step1/04_softmax.ts");
    assertStringIncludes(last.out, `Hint ${HINTS.length} of ${HINTS.length}`);
    assertStringIncludes(
      last.out,
      "That was the last hint. Still stuck? See the solution: deno task compare step1/04",
    );
    const all = await hint("04_softmax", "--all");
    for (let n = 1; n <= HINTS.length; n++) {
      assertStringIncludes(all.out, `Hint ${n} of ${HINTS.length}`);
    }
    assertEquals((await hint("step1/04", "--reset")).code, 0);
    assertStringIncludes((await hint("step1/04")).out, "Hint 1 of");

    // A .kata/ that cannot be written: the hint is shown all the same.
    Deno.removeSync(`${root}.kata`, { recursive: true });
    Deno.writeTextFileSync(`${root}.kata`, "a file where the folder should be");
    const unwritable = await hint("step1/04");
    assertEquals(unwritable.code, 0, unwritable.err);
    assertStringIncludes(unwritable.out, "Hint 1 of");
    assertStringIncludes(
      unwritable.err,
      "Note: could not remember that you saw this hint, as .kata/ cannot be written (.kata is a file where the kata expects a folder)",
    );
  } finally {
    await removeCopy(root);
  }
});

Deno.test("hint without a lesson gives the current lesson's next hint", async () => {
  const first = allLessons()[0];
  const root = await copyKata({ tests: [first.testFile] });
  try {
    const { code, out, err } = await journey(root, "hint");
    assertEquals(code, 0, err);
    assertStringIncludes(
      out,
      `Hint 1 of ${first.lesson.hints.length} · ${first.lesson.id}`,
    );
  } finally {
    await removeCopy(root);
  }
});

Deno.test("hint refuses --all with --reset in one sentence", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const both = await journey(root, "hint", ["step1/04", "--all", "--reset"]);
  assertEquals([both.code, both.out], [2, ""]);
  assertEquals(
    both.err,
    "error: Choose one of --all and --reset (usage: deno task hint [lesson] [--all | --reset])\n",
  );
});
