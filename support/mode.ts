/**
 * Online or offline: which import map a command uses.
 *
 * The launcher (support/kata.ts) decides once and passes the decision to the
 * commands it starts in the KATA_OFFLINE environment variable. Imports no
 * bare specifier, so it loads on any machine.
 *
 * @module
 */

import { MAP_FOR } from "./maps.ts";

/** The project root, as a path ending in "/". */
export const ROOT_DIR = new URL("../", import.meta.url).pathname;

/**
 * The import map (path from the project root) for running against the
 * learner's lessons or the reference solutions; `undefined` means deno.json's
 * own imports.
 */
export function importMapFor(
  offline: boolean,
  code: "lessons" | "solutions",
): string | undefined {
  return MAP_FOR[offline ? "offline" : "online"][code];
}

/**
 * Whether the launcher chose the offline stand-ins. Commands started some
 * other way (no KATA_OFFLINE, or no permission to read it) assume online.
 */
export function isOffline(): boolean {
  const permission = Deno.permissions.querySync({
    name: "env",
    variable: "KATA_OFFLINE",
  });
  return permission.state === "granted" && Deno.env.get("KATA_OFFLINE") === "1";
}
