/**
 * The stubs' way of saying "this is yours to write".
 *
 * Every function in `lessons/` starts as a call to {@linkcode todo}, which
 * throws a {@linkcode NotImplementedError} that names the function, the lesson
 * file to open and how to get a hint. The self-check relies on that error's
 * name to prove that untouched stubs fail their tests for the right reason.
 *
 * @module
 */

import { type LessonEntry, resolveLesson } from "./manifest.ts";

/** Thrown by a lesson's stub until the learner writes the function. */
export class NotImplementedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotImplementedError";
  }
}

/**
 * Throws a {@linkcode NotImplementedError} for the function `name` of the
 * lesson at `moduleUrl` (pass `import.meta.url`).
 *
 * @example Usage
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { NotImplementedError, todo } from "./todo.ts";
 *
 * const lessonUrl = new URL("../lessons/step1/04_softmax.ts", import.meta.url);
 * assertThrows(
 *   () => todo("softmax", lessonUrl.href),
 *   NotImplementedError,
 *   "open lessons/step1/04_softmax.ts",
 * );
 * ```
 */
export function todo(name: string, moduleUrl: string): never {
  let entry: LessonEntry;
  try {
    entry = resolveLesson(moduleUrl);
  } catch {
    throw new NotImplementedError(`${name}() is not implemented yet`);
  }
  throw new NotImplementedError(
    `${name}() is not implemented yet: open ${entry.lessonFile} ` +
      `(lesson ${entry.lesson.id}, "${entry.lesson.title}") and write it. ` +
      `Stuck? Run: deno task hint ${entry.lesson.id}`,
  );
}
