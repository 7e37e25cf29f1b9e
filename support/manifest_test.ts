import { assertEquals, assertThrows } from "@std/assert";
import { UserError } from "./cli/errors.ts";
import { allLessons, resolveLesson, TRACKS, validIds } from "./manifest.ts";
import { ROOT_DIR } from "./root.ts";

// The manifest and the files on disk must agree both ways. Per track folder:
// lessons/ and solutions/ hold `NN_name.ts` lessons and `_name.ts` helpers;
// tests/ holds `NN_name_test.ts` lesson tests, other `*_test.ts` checks of
// the track (guide_fidelity_test.ts) and `_name.ts` helpers.

const read = (file: string) => Deno.readTextFileSync(ROOT_DIR + file);
const names = (dir: string, folders: boolean) =>
  [...Deno.readDirSync(ROOT_DIR + dir)]
    .filter((e) => folders ? e.isDirectory : e.isFile).map((e) => e.name);

Deno.test("manifest: every lesson has its three files, a title, a guide page and hints", () => {
  const problems: string[] = [];
  for (const { lesson, lessonFile, solutionFile, testFile } of allLessons()) {
    for (const file of [lessonFile, solutionFile, testFile]) {
      try {
        read(file);
      } catch {
        problems.push(`${lesson.id}: ${file} is missing`);
      }
    }
    if (!/^\d\d_[a-z0-9_]+$/.test(lesson.slug)) {
      problems.push(`${lesson.id}: the slug "${lesson.slug}" is not NN_name`);
    }
    if (!lesson.title.trim() || !lesson.guide.trim()) {
      problems.push(`${lesson.id}: empty title or guide page`);
    }
    if (lesson.hints.length === 0 || lesson.hints.some((h) => !h.trim())) {
      problems.push(`${lesson.id}: a missing or empty hint`);
    }
  }
  const ids = allLessons().map((e) => e.lesson.id);
  if (new Set(ids).size !== ids.length) problems.push("an id appears twice");
  if (ids.join() !== [...ids].sort().join()) problems.push("ids out of order");
  assertEquals(problems, []);
});

Deno.test("manifest: no lesson, solution or test file is left out of it", () => {
  const known = new Set(
    allLessons().flatMap((e) => [e.lessonFile, e.solutionFile, e.testFile]),
  );
  const tracks = new Set(TRACKS.map((t) => t.dir));
  const problems: string[] = [];
  for (const top of ["lessons", "solutions", "tests"]) {
    for (const dir of names(top, true)) {
      if (!tracks.has(dir)) problems.push(`${top}/${dir}/ is not a track`);
      else {
        for (const name of names(`${top}/${dir}`, false)) {
          const path = `${top}/${dir}/${name}`;
          const ok = known.has(path) || name.startsWith("_") ||
            (top === "tests" && /^[a-z_]+_test\.ts$/.test(name));
          if (!ok) problems.push(`${path} is not in the manifest`);
        }
      }
    }
  }
  assertEquals(problems, []);
});

Deno.test("manifest: each lesson file names its id, title, guide page and test, and each test starts with the id", () => {
  const problems: string[] = [];
  for (const { lesson, lessonFile, solutionFile, testFile } of allLessons()) {
    for (const file of [lessonFile, solutionFile]) {
      const header = [
        `Lesson ${lesson.id} · ${lesson.title}`,
        `Guide: ${lesson.guide}`,
        `deno task test ${testFile}`,
      ];
      for (const line of header.filter((l) => !read(file).includes(l))) {
        problems.push(`${file} lacks "${line}"`);
      }
    }
    // Every Deno.test(...) names itself with a literal that starts with the
    // id, directly or as `name:` of its options: deno test --filter finds it.
    const source = read(testFile);
    const tests = source.match(/Deno\.test(\.\w+)?\(/g) ?? [];
    const named = source.match(
      new RegExp(
        String.raw`Deno\.test(\.\w+)?\(\s*(\{\s*name:\s*)?["'\`]${lesson.id} `,
        "g",
      ),
    ) ?? [];
    if (tests.length === 0 || named.length !== tests.length) {
      problems.push(
        `${testFile}: ${named.length} of ${tests.length} tests start with "${lesson.id} "`,
      );
    }
  }
  assertEquals(problems, []);
});

Deno.test("resolveLesson() takes an id, a slug, a number in the current track, or a file", () => {
  for (
    const key of [
      "step1/04",
      "step1/4",
      "04_softmax",
      "04_softmax.ts",
      "step1/04_softmax",
      "lessons/step1/04_softmax.ts",
      "./lessons/step1/04_softmax.ts",
      "/home/me/kata/lessons/step1/04_softmax.ts",
      "file:///home/me/kata/solutions/step1/04_softmax.ts",
      "tests/step1/04_softmax_test.ts",
    ]
  ) {
    assertEquals(resolveLesson(key).lesson.id, "step1/04", key);
  }
  assertEquals(resolveLesson("4", "step1").lesson.id, "step1/04");
  assertEquals(resolveLesson("11", "step1").lesson.id, "step1/11");
});

Deno.test("resolveLesson() refuses anything else in one sentence that lists the ids", () => {
  const error = assertThrows(() => resolveLesson("softmax"), UserError);
  assertEquals(error.code, 2);
  assertEquals(
    error.message,
    `Unknown lesson "softmax": expected a lesson id (${validIds()}), a lesson file, or a lesson number in the current track`,
  );
  // Numbers only as plain digits, as the manifest writes them; a bare
  // number needs a current track.
  for (const key of ["4", "1e0", "0x1", "+1", " 1", "001", "step1/001"]) {
    assertThrows(() => resolveLesson(key, "step5"), UserError, "Unknown");
  }
  assertThrows(() => resolveLesson("4"), UserError, 'Unknown lesson "4"');
});
