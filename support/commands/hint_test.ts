import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons } from "../manifest.ts";
import { copyKata, journey, makePipe, removeCopy } from "./_testing.ts";

const SOFTMAX = allLessons().find((e) => e.lesson.id === "step1/04")!;
const HINTS = SOFTMAX.lesson.hints;

Deno.test("hint shows a named lesson's hints one at a time, then --all, then --reset", async () => {
  const root = await copyKata();
  try {
    const first = await journey(root, "hint", ["step1/04"]);
    assertEquals(first.code, 0, first.err);
    assertStringIncludes(first.out, `Hint 1 of ${HINTS.length} · step1/04`);
    assertStringIncludes(first.out, HINTS[0].split(" ").slice(0, 4).join(" "));
    assertStringIncludes(first.out, `hint 2 of ${HINTS.length}`);
    const state = JSON.parse(
      await Deno.readTextFile(`${root}.kata/state.json`),
    );
    assertEquals(state.hintsSeen, { "step1/04": 1 });

    // Other spellings name the same lesson and go on where it left off.
    const second = await journey(root, "hint", ["04_softmax"]);
    assertStringIncludes(second.out, `Hint 2 of ${HINTS.length} · step1/04`);
    const last = await journey(root, "hint", ["lessons/step1/04_softmax.ts"]);
    assertStringIncludes(last.out, `Hint ${HINTS.length} of ${HINTS.length}`);
    assertStringIncludes(last.out, "That was the last hint");
    assertStringIncludes(last.out, "deno task compare step1/04");

    const all = await journey(root, "hint", ["step1/04", "--all"]);
    for (let n = 1; n <= HINTS.length; n++) {
      assertStringIncludes(all.out, `Hint ${n} of ${HINTS.length}`);
    }
    const reset = await journey(root, "hint", ["step1/04", "--reset"]);
    assertEquals(reset.code, 0);
    const again = await journey(root, "hint", ["step1/04"]);
    assertStringIncludes(again.out, `Hint 1 of ${HINTS.length}`);
  } finally {
    await removeCopy(root);
  }
});

Deno.test("hint without a lesson gives the first unfinished lesson's first hint", async () => {
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

Deno.test("hint for an unknown lesson lists the valid ids in one sentence", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const { code, out, err } = await journey(root, "hint", ["softmax"]);
  assertEquals([code, out], [2, ""]);
  assertStringIncludes(err, 'Unknown lesson "softmax": expected a lesson id (');
  assertStringIncludes(err, "step1/01 to step1/11");
  assertEquals(err.trim().split("\n").length, 1);
  assert(!err.includes("    at "), "no stack trace");
});

Deno.test("hint never writes through a link planted at .kata/state.json", async () => {
  const root = await copyKata({ tests: [] });
  const mine = await Deno.makeTempFile({ prefix: "kata_mine_" });
  try {
    await Deno.writeTextFile(mine, "the learner's own file\n");
    await Deno.mkdir(`${root}.kata`);
    await Deno.symlink(mine, `${root}.kata/state.json`);
    const shown = await journey(root, "hint", ["step1/04"]);
    assertEquals([shown.code, shown.err], [0, ""]);
    assertEquals(await Deno.readTextFile(mine), "the learner's own file\n");
    // The link was replaced by the state file.
    const state = JSON.parse(
      await Deno.readTextFile(`${root}.kata/state.json`),
    );
    assertEquals(state.hintsSeen, { "step1/04": 1 });
  } finally {
    await removeCopy(root);
    await Deno.remove(mine);
  }
});

Deno.test("hint, reset and compare take a lesson number only as plain digits, an id only as the manifest writes it", async () => {
  // A copy: were a key taken, reset --yes must not touch the real lessons.
  const root = await copyKata({ tests: [] });
  // Each would be read as a number (1e0 as lesson 1) by a looser parser.
  const keys = ["1e0", "4.0", "0x4", "+4", " 4", "004", "step1/001"];
  const runs = keys.flatMap((key) =>
    ["hint", "reset", "compare"].map(async (command) => ({
      key,
      command,
      result: await journey(
        root,
        command,
        command === "hint" ? [key] : [key, "--yes"],
      ),
    }))
  );
  try {
    for (const { key, command, result } of await Promise.all(runs)) {
      const { code, out, err } = result;
      assertEquals([code, out], [2, ""], `${command} "${key}": ${err}`);
      assertStringIncludes(err, `error: Unknown lesson "${key}": expected`);
      assertEquals(err.trim().split("\n").length, 1);
    }
  } finally {
    await removeCopy(root);
  }
});

Deno.test("hint does not wait on a pipe at .kata/state.json", async () => {
  const root = await copyKata({ tests: [] });
  try {
    await Deno.mkdir(`${root}.kata`);
    if (!(await makePipe(`${root}.kata/state.json`))) return; // No mkfifo.
    const shown = await journey(root, "hint", ["step1/04"], { timeout: 30 });
    assertEquals(shown.code, 0, shown.err);
    assertStringIncludes(shown.out, `Hint 1 of ${HINTS.length} · step1/04`);
  } finally {
    await removeCopy(root);
  }
});
