/**
 * `deno task maps`: regenerates support/maps/*.json from deno.json's
 * `imports` (see support/maps.ts). Run after changing deno.json's imports.
 *
 * @module
 */

import { generateMaps, readImports } from "../maps.ts";
import { ROOT_DIR } from "../root.ts";

if (import.meta.main) {
  const root = new URL(`file://${ROOT_DIR}`);
  for (const [path, text] of Object.entries(generateMaps(readImports(root)))) {
    Deno.writeTextFileSync(new URL(path, root), text);
    console.log(`wrote ${path}`);
  }
}
