/**
 * Writes the kata's alternate import maps from deno.json, so they can never
 * drift from it. Run after changing deno.json's `imports`:
 *
 *     deno task maps
 *
 * The maps (in support/maps/) are used with `--import-map`, which replaces
 * deno.json's `imports` entirely, so each one repeats every entry:
 *
 * - `solutions.json`: deno.json's imports, plus `lessons/` → `solutions/`, so
 *   the tests and the trainer run against the reference solutions;
 * - `offline.json`: `@std/*` replaced by the small stand-ins in support/std/,
 *   for machines that cannot reach JSR;
 * - `offline_solutions.json`: both.
 *
 * support/maps_test.ts fails when a map on disk differs from what this
 * module generates. It also says which map a command uses: the launcher
 * (support/kata.ts) decides once whether the offline stand-ins are needed
 * and passes the decision to the commands it starts in KATA_OFFLINE.
 * Imports no bare specifier, so it loads on any machine.
 *
 * @module
 */

import { ROOT_DIR } from "./root.ts";

/** The offline stand-in for each `@std` entry of deno.json's imports. */
export const OFFLINE_STD: Readonly<Record<string, string>> = {
  "@std/assert": "support/std/assert.ts",
  "@std/cli": "support/std/cli.ts",
  "@std/testing/mock": "support/std/testing_mock.ts",
};

/** The maps' folder, from the project root. */
export const MAPS_DIR = "support/maps";

/** The four ways to run the kata, and the import map each one uses. */
export const MAP_FOR = {
  online: { lessons: undefined, solutions: `${MAPS_DIR}/solutions.json` },
  offline: {
    lessons: `${MAPS_DIR}/offline.json`,
    solutions: `${MAPS_DIR}/offline_solutions.json`,
  },
} as const;

/** From the maps' folder back to the project root. */
const UP = "../../";

/**
 * The three import maps, by path from the project root, as JSON text,
 * generated from deno.json's `imports` (an Error when an `@std` import has no
 * offline stand-in).
 */
export function generateMaps(
  imports: Readonly<Record<string, string>>,
): Record<string, string> {
  const offline: Record<string, string> = {};
  for (const [key, target] of Object.entries(imports)) {
    if (key.startsWith("@std/")) {
      const standIn = OFFLINE_STD[key];
      if (standIn === undefined) {
        throw new Error(
          `Cannot generate the offline import map: "${key}" has no stand-in in support/std/, add one to OFFLINE_STD in support/maps.ts`,
        );
      }
      offline[key] = UP + standIn;
    } else {
      offline[key] = target;
    }
  }
  const toSolutions = { [`${UP}lessons/`]: `${UP}solutions/` };
  const text = (map: Record<string, string>) =>
    JSON.stringify({ imports: map }, null, 2) + "\n";
  return {
    [MAP_FOR.online.solutions]: text({ ...imports, ...toSolutions }),
    [MAP_FOR.offline.lessons]: text(offline),
    [MAP_FOR.offline.solutions]: text({ ...offline, ...toSolutions }),
  };
}

/** deno.json's `imports`, read from the project root. */
export function readImports(root: URL): Record<string, string> {
  const config = JSON.parse(Deno.readTextFileSync(new URL("deno.json", root)));
  return config.imports ?? {};
}

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
 * import { noSolutions } from "./maps.ts";
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
