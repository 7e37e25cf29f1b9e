/**
 * The stubs' way of saying "this is yours to write".
 *
 * Every function in `lessons/` starts as a call to {@linkcode todo}, which
 * throws a {@linkcode NotImplementedError} that carries the lesson's id and
 * whose message names the function, the lesson file to open and how to get a
 * hint. Code in this process reads `error.lesson`; code that only sees the
 * text (a test report, a worker's or a child process's message) reads it back
 * with {@linkcode stubLessonIn}, the one parser of that message.
 *
 * @module
 */

import { type LessonEntry, resolveLesson } from "./manifest.ts";

/** Thrown by a lesson's stub until the learner writes the function. */
export class NotImplementedError extends Error {
  /** The id of the lesson whose stub threw (e.g. "step1/04"), when known. */
  readonly lesson?: string;

  constructor(message: string, lesson?: string) {
    super(message);
    this.name = "NotImplementedError";
    this.lesson = lesson;
  }
}

/**
 * Throws a {@linkcode NotImplementedError} for the function `name` of the
 * lesson at `moduleUrl` (pass `import.meta.url`).
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { NotImplementedError, stubLessonIn, todo } from "./todo.ts";
 *
 * const lessonUrl = new URL("../lessons/step1/04_softmax.ts", import.meta.url);
 * const error = assertThrows(
 *   () => todo("softmax", lessonUrl.href),
 *   NotImplementedError,
 *   "open lessons/step1/04_softmax.ts",
 * );
 * assertEquals(error.lesson, "step1/04");
 * assertEquals(stubLessonIn(`Uncaught ${error}`), "step1/04");
 * // Outside the manifest it still names the function.
 * assertThrows(() => todo("f", "file:///x.ts"), NotImplementedError, "f() is");
 * ```
 */
export function todo(name: string, moduleUrl: string): never {
  let entry: LessonEntry;
  try {
    entry = resolveLesson(moduleUrl);
  } catch {
    throw new NotImplementedError(`${name}() is not implemented yet`);
  }
  const { id, title } = entry.lesson;
  throw new NotImplementedError(
    `${name}() is not implemented yet: open ${entry.lessonFile} ` +
      `(lesson ${id}, "${title}") and write it. ` +
      `Stuck? Run: deno task hint ${id}`,
    id,
  );
}

/**
 * The id of the lesson whose stub threw, read from any text that holds a
 * {@linkcode NotImplementedError}'s message (a test failure, a stack, a
 * worker's message); undefined when the text holds none.
 */
export function stubLessonIn(text: string): string | undefined {
  return text.match(STUB_MESSAGE)?.[1];
}

const STUB_MESSAGE =
  /NotImplementedError: \S+ is not implemented yet: open \S+ \(lesson (step\d+\/\d\d)\b/;
