import { assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, journey, removeCopy, solve } from "./_testing.ts";

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
