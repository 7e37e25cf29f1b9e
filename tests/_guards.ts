/**
 * Preconditions for the lesson tests. A learner's mistake must fail in the
 * learner's terms, not as a `TypeError` deep inside another lesson's code
 * ("Cannot read properties of undefined (reading 'length')" in
 * weightedSum says nothing about a cache filled too late). So a test
 *
 * - hands the learner's code arrays that refuse to be read past their end
 *   ({@linkcode pastTheEnd}): a name's tokens, the position embeddings, a
 *   list of names, the tokenizer's characters; the refusal says which rule
 *   was broken;
 * - and turns any other crash into a failure that says what must hold
 *   ({@linkcode withoutCrash}).
 *
 * @module
 */

import { AssertionError } from "@std/assert";

/**
 * The array itself, except that reading an entry at or past its end fails
 * with `explain(index)`: the learner's code would otherwise get `undefined`
 * and crash somewhere else.
 *
 * @param array What the learner's code gets.
 * @param explain The rule, in the learner's terms, for the index read.
 * @returns A stand-in for the array (a Proxy).
 *
 * @example Usage
 * ```ts ignore
 * const tokens = pastTheEnd([26, 0, 26], (i) => `tokens[${i}] is past the end`);
 * ```
 */
export function pastTheEnd<T>(
  array: T[],
  explain: (index: number) => string,
): T[] {
  return new Proxy(array, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) {
        if (Number(key) >= target.length) {
          throw new AssertionError(explain(Number(key)));
        }
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/** "lessons/step3/04_attention.ts:113", where an error was thrown. */
function whereThrown(error: Error): string {
  const frame = /file:\/\/\S*?\/((?:lessons|solutions|tests|support)\/[^\s)]+)/
    .exec(error.stack ?? "");
  return frame ? ` in ${frame[1].replace(/:\d+$/, "")}` : "";
}

/**
 * Calls `call` and returns its result. If it crashes (anything but an
 * AssertionError, or the stubs' NotImplementedError), fails with what
 * `explain` says must hold, and the crash after it.
 *
 * @param call The learner's code, called by the test.
 * @param explain The precondition, in the learner's terms (it may look at
 *   the state the crash left, a cache say).
 * @returns What `call` returned.
 *
 * @example Usage
 * ```ts ignore
 * const out = withoutCrash(
 *   () => weightedSum(w, values),
 *   () => "for each dimension j, the sum runs over the positions t",
 * );
 * ```
 */
export function withoutCrash<T>(
  call: () => T,
  explain: (error: Error) => string,
): T {
  try {
    return call();
  } catch (error) {
    if (
      !(error instanceof Error) || error instanceof AssertionError ||
      error.name === "NotImplementedError"
    ) {
      throw error;
    }
    const first = error.message.split("\n")[0];
    throw new AssertionError(
      `${explain(error)}\n(It crashed${
        whereThrown(error)
      }: ${error.name}: ${first})`,
    );
  }
}
