import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { UserError } from "./cli/errors.ts";
import {
  allLessons,
  isLessonNumber,
  resolveLesson,
  validIds,
} from "./manifest.ts";

Deno.test("resolveLesson() accepts an id, a slug, a number in the current track, or a file", () => {
  const keys = [
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
  ];
  for (const key of keys) {
    assertEquals(resolveLesson(key).lesson.id, "step1/04", key);
  }
  assertEquals(resolveLesson("4", "step1").lesson.id, "step1/04");
  assertEquals(resolveLesson("04", "step1").lesson.id, "step1/04");
});

Deno.test("resolveLesson() names the valid ids when nothing matches", () => {
  const error = assertThrows(() => resolveLesson("softmax"), UserError);
  assertStringIncludes(
    error.message,
    'Unknown lesson "softmax": expected a lesson id (',
  );
  assertStringIncludes(error.message, "step1/01 to step1/11");
  assertEquals(error.code, 2);
  // A number needs a current track.
  assertThrows(() => resolveLesson("4"), UserError, 'Unknown lesson "4"');
  assertThrows(() => resolveLesson("step9/01"), UserError, "Unknown lesson");
});

Deno.test("resolveLesson() takes numbers only as plain digits, as the manifest writes them", () => {
  for (const key of ["1e0", "4.0", "0x4", "+4", " 4", "4 ", "004", "4a"]) {
    assertThrows(
      () => resolveLesson(key, "step1"),
      UserError,
      `Unknown lesson "${key}"`,
    );
    assertThrows(
      () => resolveLesson(`step1/${key}`),
      UserError,
      "Unknown lesson",
    );
  }
  assertThrows(() => resolveLesson("step1/001"), UserError, "Unknown lesson");
  assertEquals(resolveLesson("step1/04").lesson.id, "step1/04");
  assertEquals(resolveLesson("11", "step1").lesson.id, "step1/11");
});

Deno.test("resolveLesson() asks for the id when a slug is in several tracks", () => {
  const slugs = allLessons().map((e) => e.lesson.slug);
  const shared = slugs.find((slug, i) => slugs.indexOf(slug) !== i);
  if (shared === undefined) return; // No two tracks share a slug today.
  assertThrows(
    () => resolveLesson(shared),
    UserError,
    `"${shared}" names several lessons`,
  );
});

Deno.test("validIds() and isLessonNumber() describe what the user may type", () => {
  assertStringIncludes(validIds(), "step1/01 to step1/11");
  assertEquals(["4", "04", "11", "step1/04", "4a", ""].map(isLessonNumber), [
    true,
    true,
    true,
    false,
    false,
    false,
  ]);
  for (const key of ["1e0", "4.0", "0x4", "+4", " 4", "004"]) {
    assertEquals(isLessonNumber(key), false, key);
  }
});
