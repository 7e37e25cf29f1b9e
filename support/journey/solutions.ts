/**
 * Whether this copy of the kata has its reference solutions: some courses
 * hand out the lessons only. Every command that needs `solutions/` asks
 * here and, without them, says so in the one sentence below.
 *
 * Imports no bare specifier: the launcher (support/kata.ts) uses it.
 *
 * @module
 */

import { ROOT_DIR } from "../root.ts";

/** Whether `solutions/` is there (in `root`, the project root by default). */
export function hasSolutions(root: string = ROOT_DIR): boolean {
  try {
    return Deno.statSync(`${root}solutions`).isDirectory;
  } catch {
    return false;
  }
}

/**
 * The sentence for a copy without solutions, saying what cannot be done.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { noSolutions } from "./solutions.ts";
 *
 * assertEquals(
 *   noSolutions("deno task compare cannot show one"),
 *   "This copy of the kata has no solutions/ folder (some courses hand out the lessons only), so deno task compare cannot show one.",
 * );
 * ```
 */
export function noSolutions(consequence: string): string {
  return `This copy of the kata has no solutions/ folder (some courses hand out the lessons only), so ${consequence}.`;
}
