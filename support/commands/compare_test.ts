import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, journey, removeCopy } from "./_testing.ts";

Deno.test("compare shows the diff of a passed lesson, and of another only with --yes (no terminal to ask on)", async () => {
  const root = await copyKata({
    tests: ["tests/step1/03_linear_test.ts", "tests/step1/04_softmax_test.ts"],
  });
  try {
    Deno.copyFileSync(
      `${root}solutions/step1/03_linear.ts`,
      `${root}lessons/step1/03_linear.ts`,
    );
    const [refused, shown, same] = await Promise.all([
      journey(root, "compare", ["step1/04"]),
      journey(root, "compare", ["step1/04", "--yes"]),
      journey(root, "compare", ["step1/03"]),
    ]);
    assertEquals([refused.code, refused.out], [1, ""]);
    assertEquals(
      refused.err,
      "error: You have not passed step1/04 yet, so its solution stays hidden: rerun with --yes to see it anyway\n",
    );
    assertEquals(shown.code, 0, shown.err);
    for (
      const part of [
        "--- lessons/step1/04_softmax.ts (yours)\n+++ solutions/step1/04_softmax.ts (solution)\n@@ ",
        '\n-  todo("softmax", import.meta.url);\n',
        "\n+  const max = Math.max(...logits);\n",
      ]
    ) assertStringIncludes(shown.out, part);
    assertEquals(
      [same.code, same.out],
      [0, "Your lessons/step1/03_linear.ts is the same as the solution.\n"],
    );
  } finally {
    await removeCopy(root);
  }
});

Deno.test("compare makes the learner's file visible: its control characters escaped, its tabs kept", async () => {
  const root = await copyKata({ tests: [] });
  try {
    const file = "lessons/step1/05_mlp.ts";
    Deno.writeTextFileSync(
      root + file,
      "x\x1b]0;title\x07\x1b[2J\x9b31m\n\tin\0\r\n",
    );
    const shown = await journey(root, "compare", ["step1/05", "--yes"]);
    assertEquals(shown.code, 0, shown.err);
    assertStringIncludes(
      shown.out,
      "\n-x\\u001b]0;title\\u0007\\u001b[2J\\u009b31m\n-\tin\\u0000\\u000d\n",
    );
    const controls = [...shown.out].filter((c) =>
      /\p{Cc}/u.test(c) && !"\t\n".includes(c)
    );
    assertEquals(controls, []);
    // A lesson that is gone: how to get it back.
    Deno.removeSync(root + file);
    const gone = await journey(root, "compare", ["step1/05", "--yes"]);
    assertEquals([gone.code, gone.out], [1, ""]);
    assertEquals(
      gone.err,
      `error: There is no ${file} to compare with the solution: deno task reset step1/05 puts its stub back\n`,
    );
    assert(!gone.err.includes("    at "));
  } finally {
    await removeCopy(root);
  }
});
