import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons, TRACKS } from "../manifest.ts";
import {
  copyKata,
  journey,
  removeCopy,
  type Result,
  solve,
} from "./_testing.ts";
import { trainCommand } from "../journey/progress_view.ts";

/** Runs progress in a fresh copy of the kata after `prepare`s it. */
async function progressIn(
  prepare: (root: string) => Promise<void> | void,
  options: { args?: string[]; env?: Record<string, string>; tests?: string[] },
): Promise<Result & { root: string }> {
  const root = await copyKata({ tests: options.tests });
  try {
    await prepare(root);
    const { args, env } = options;
    return { root, ...(await journey(root, "progress", args, { env })) };
  } finally {
    await removeCopy(root);
  }
}

// The smallest track that stands alone, to solve in full (only its tests
// kept, to save time). Later tracks build on earlier tracks' lessons, so
// solving one of them alone would not complete it.
const SMALLEST =
  [...TRACKS].filter((t) => t.step <= 1).sort((a, b) =>
    a.lessons.length - b.lessons.length
  )[0];
const SMALLEST_LESSONS = allLessons().filter((e) => e.track === SMALLEST);

Deno.test("progress runs the tests and shows where the learner is", async (t) => {
  // Three copies of the kata, run side by side to save time.
  const [fresh, solved, broken] = await Promise.all([
    // No NO_COLOR: colours must go away because stdout is a pipe.
    progressIn(() => {}, { args: ["--list"], env: { NO_COLOR: "" } }),
    progressIn((root) => {
      for (const entry of SMALLEST_LESSONS) solve(root, entry.lessonFile);
    }, { tests: SMALLEST_LESSONS.map((e) => e.testFile) }),
    progressIn(async (root) => {
      const file = `${root}lessons/step1/04_softmax.ts`;
      const text = await Deno.readTextFile(file);
      await Deno.writeTextFile(file, text.replace("todo(", "const = todo("));
    }, { tests: ["tests/step1/04_softmax_test.ts"] }),
  ]);

  await t.step(
    "a fresh clone: 0 lessons done, the first lesson next, waiting ones named",
    () => {
      const { code, out, err, root } = fresh;
      assertEquals(code, 0, err);
      assertEquals(out.includes("\x1b"), false, "no escapes when piped");
      for (const track of TRACKS) {
        assertStringIncludes(out, `0 of ${track.lessons.length} lessons`);
      }
      const first = allLessons()[0];
      assertStringIncludes(
        out,
        `Next: ${first.lesson.id} · ${first.lesson.title} (not started)`,
      );
      assertStringIncludes(out, `file    ${root}${first.lessonFile}:`);
      assertStringIncludes(out, `guide   ${first.lesson.guide}`);
      assertStringIncludes(out, "NotImplementedError:");
      assertStringIncludes(out, `deno task test ${first.testFile}`);
      assertStringIncludes(out, `stuck?  deno task hint (hint 1 of `);
      assertStringIncludes(out, "(waiting on step1/02)");
    },
  );

  await t.step("a track solved: congratulations and its train command", () => {
    const { code, out, err } = solved;
    assertEquals(code, 0, err);
    const n = SMALLEST.lessons.length;
    assertStringIncludes(out, `${n} of ${n} lessons`);
    assertStringIncludes(
      out,
      `✓ Step ${SMALLEST.step} is complete: all ${n} lessons pass. Train your model: ${
        trainCommand(SMALLEST)
      }`,
    );
  });

  await t.step("a syntax error in a lesson: one sentence, exit 1", () => {
    const { code, out, err } = broken;
    assertEquals(code, 1);
    assertStringIncludes(out, "The tests could not run:");
    assertStringIncludes(out, "SyntaxError");
    assertStringIncludes(out, "(at lessons/step1/04_softmax.ts:");
    assert(!(out + err).includes("    at "), "no stack trace");
  });
});

Deno.test("progress refuses an unknown option in one sentence", async () => {
  const { code, out, err } = await journey(
    new URL("../../", import.meta.url).pathname,
    "progress",
    ["--bogus"],
  );
  assertEquals([code, out], [2, ""]);
  assertEquals(
    err.trim(),
    'error: Unknown flag "--bogus" (usage: deno task progress [--list])',
  );
});
