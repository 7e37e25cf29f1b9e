/**
 * Paths as the user sees them. `deno task` runs every command from the
 * project root, but remembers the folder the user typed it in (INIT_CWD):
 * relative paths on the command line start there, and paths the kata
 * prints for the user to type should start there too.
 *
 * @module
 */

import { relative, resolve } from "node:path";
import { ROOT_DIR } from "../root.ts";
import { isFile } from "./files.ts";

/** The folder `deno task` was run in, with no trailing slash ("/" stays). */
function callerDir(): string | undefined {
  const permission = Deno.permissions.querySync({
    name: "env",
    variable: "INIT_CWD",
  });
  if (permission.state !== "granted") return undefined;
  return Deno.env.get("INIT_CWD")?.replace(/(?<=.)[\\/]+$/, "") || undefined;
}

/** A relative path on the command line, made to start where the user was. */
export function resolveFromCaller(path: string): string {
  if (/^([a-zA-Z]:)?[\\/]/.test(path)) return path;
  const dir = callerDir();
  if (dir === undefined || dir === Deno.cwd()) return path;
  // From "/", "/names.txt" (not "//names.txt").
  return `${dir.replace(/[\\/]$/, "")}/${path}`;
}

/**
 * A lesson named on the command line as a path relative to the user's
 * folder (`./04_softmax.ts` inside `lessons/step1`), turned into the path
 * from the project root that the manifest knows; any other key unchanged.
 */
export function lessonKeyFromCaller(key: string): string {
  if (!/\.ts$/.test(key) && !/^\.\.?[\\/]/.test(key)) return key;
  const normal = resolve(ROOT_DIR, resolveFromCaller(key));
  // A bare file name that is not there is looked up by name instead.
  if (!isFile(normal) || !normal.startsWith(ROOT_DIR)) return key;
  return normal.slice(ROOT_DIR.length);
}

/**
 * A path from the project root, written for the user to type in the folder
 * they ran `deno task` in (relative when that folder is in the project).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pathForCaller } from "./caller.ts";
 *
 * assertEquals(pathForCaller("lessons/step1/04_softmax.ts", "lessons/step1"), "04_softmax.ts");
 * assertEquals(pathForCaller(".kata/backups/x.ts", "lessons/step1"), "../../.kata/backups/x.ts");
 * ```
 */
export function pathForCaller(fromRoot: string, caller?: string): string {
  const dir = caller === undefined ? callerDir() : resolve(ROOT_DIR, caller);
  if (dir === undefined) return fromRoot;
  const root = ROOT_DIR.replace(/\/$/, "");
  if (dir !== root && !dir.startsWith(ROOT_DIR)) {
    return `${ROOT_DIR}${fromRoot}`;
  }
  return relative(dir, ROOT_DIR + fromRoot);
}
