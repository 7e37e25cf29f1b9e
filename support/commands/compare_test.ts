import { assertEquals, assertStringIncludes } from "@std/assert";
import { stripAnsi } from "../cli/style.ts";
import { escapeLine, paintDiff } from "./compare.ts";
import {
  copyKata,
  journey,
  makePipe,
  removeCopy,
  type Result,
  solve,
} from "./_testing.ts";

Deno.test("compare diffs a lesson against its solution, asking first if it is not passed", async (t) => {
  const unsolved = await copyKata({
    tests: ["tests/step1/04_softmax_test.ts"],
  });
  const solved = await copyKata({ tests: ["tests/step1/03_linear_test.ts"] });
  try {
    solve(solved, "lessons/step1/03_linear.ts");
    // Side by side to save time; each copy runs one lesson's tests.
    const [refused, same] = await Promise.all([
      journey(unsolved, "compare", ["step1/04"]),
      journey(solved, "compare", ["step1/03"]),
    ]);

    await t.step(
      "an unpassed lesson without a terminal: refused unless --yes",
      async () => {
        assertEquals([refused.code, refused.out], [1, ""]);
        assertEquals(
          refused.err.trim(),
          "error: You have not passed step1/04 yet, so its solution stays hidden: rerun with --yes to see it anyway",
        );
        const shown = await journey(unsolved, "compare", ["step1/04", "--yes"]);
        assertEquals(shown.code, 0, shown.err);
        assertStringIncludes(
          shown.out,
          "--- lessons/step1/04_softmax.ts (yours)\n+++ solutions/step1/04_softmax.ts (solution)\n@@ ",
        );
        assertStringIncludes(
          shown.out,
          '\n-  todo("softmax", import.meta.url);\n',
        );
        assertStringIncludes(
          shown.out,
          "\n+  const max = Math.max(...logits);\n",
        );
      },
    );

    await t.step("a passed lesson: shown without asking", () => {
      assertEquals(same.code, 0, same.err);
      assertEquals(
        same.out.trim(),
        "Your lessons/step1/03_linear.ts is the same as the solution.",
      );
    });
  } finally {
    await removeCopy(unsolved);
    await removeCopy(solved);
  }
});

/** One refusal: the exit code, one sentence on stderr, nothing on stdout. */
function assertRefused(result: Result, code: number, sentence: string) {
  assertEquals([result.code, result.out], [code, ""], result.err);
  assertEquals(result.err, `error: ${sentence}\n`);
}

Deno.test("compare refuses a lesson file that is missing, a folder, a pipe or not text, in one sentence", async () => {
  // No test file: --yes asks nothing and runs no test.
  const root = await copyKata({ tests: [] });
  const file = "lessons/step1/05_mlp.ts";
  try {
    Deno.removeSync(root + file);
    assertRefused(
      await journey(root, "compare", ["step1/05", "--yes"]),
      1,
      `There is no ${file} to compare with the solution: deno task reset step1/05 puts its stub back`,
    );
    Deno.mkdirSync(root + file);
    assertRefused(
      await journey(root, "compare", ["step1/05", "--yes"]),
      1,
      `Cannot compare ${file} with its solution: expected a text file to read, but it is a folder`,
    );
    Deno.removeSync(root + file);
    // A pipe: opening it would wait for a writer for ever.
    if (await makePipe(root + file)) {
      assertRefused(
        await journey(root, "compare", ["step1/05", "--yes"], { timeout: 30 }),
        1,
        `Cannot compare ${file} with its solution: expected a text file to read, but it is a pipe`,
      );
      Deno.removeSync(root + file);
    }
    // Bytes that are not UTF-8 anywhere (0xff never is), 2 KB of them.
    const bytes = new Uint8Array(2048).map((_, i) => (i * 7919) % 256 | 0x80);
    bytes[0] = 0xff;
    Deno.writeFileSync(root + file, bytes);
    assertRefused(
      await journey(root, "compare", ["step1/05", "--yes"]),
      1,
      `Cannot compare ${file} with its solution: expected UTF-8 text, but its 2048 bytes are not (is it the right file?)`,
    );
  } finally {
    await removeCopy(root);
  }
});

Deno.test("compare escapes the control characters of the learner's file, keeping tabs and its own colours", async () => {
  const root = await copyKata({ tests: [] });
  const file = "lessons/step1/05_mlp.ts";
  try {
    Deno.writeTextFileSync(
      root + file,
      "x\x1b]0;title\x07\x1b[2J\x9b31m\n\tindented\0\r\n",
    );
    const shown = await journey(root, "compare", ["step1/05", "--yes"]);
    assertEquals(shown.code, 0, shown.err);
    assertStringIncludes(
      shown.out,
      "\n-x\\u001b]0;title\\u0007\\u001b[2J\\u009b31m\n-\tindented\\u0000\\u000d\n",
    );
    // No control character but tabs and newlines.
    const controls = [...shown.out].filter((c) =>
      /\p{Cc}/u.test(c) && c !== "\t" && c !== "\n"
    );
    assertEquals(controls, []);
  } finally {
    await removeCopy(root);
  }
});

Deno.test("escapeLine() escapes controls and keeps tabs; paintDiff() adds only its own colours", () => {
  const line = escapeLine("-\ta\x1bb\x07\tc");
  assertEquals(line, "-\ta\\u001bb\\u0007\tc");
  const painted = paintDiff(line, { color: true, links: false });
  assertEquals(stripAnsi(painted), line);
  assertEquals(painted.startsWith("\x1b["), true);
});
