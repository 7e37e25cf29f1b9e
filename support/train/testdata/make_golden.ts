/**
 * Regenerates the golden outputs in this folder with CPython running the
 * Step 1 reference, bench/reference/step1.py (see README.md):
 *
 *     deno run -A --import-map support/maps/offline.json support/train/testdata/make_golden.ts
 *
 * @module
 */

import { ROOT_DIR } from "../../root.ts";
import { datasetFile, GOLDEN_CASES } from "./golden_cases.ts";

if (import.meta.main) {
  const dir = await Deno.makeTempDir({ prefix: "kata_golden_" });
  try {
    for (const golden of GOLDEN_CASES) {
      const data = await datasetFile(golden.data, dir);
      const { code, stdout, stderr } = await new Deno.Command("python3", {
        args: ["bench/reference/step1.py", "--data", data, ...golden.args],
        cwd: ROOT_DIR,
      }).output();
      if (code !== 0) {
        console.error(new TextDecoder().decode(stderr));
        Deno.exit(1);
      }
      await Deno.writeFile(new URL(golden.file, import.meta.url), stdout);
      console.log(`wrote support/train/testdata/${golden.file}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
