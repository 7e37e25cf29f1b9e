/**
 * Remembers each test file's results, so `deno task progress` and `watch`
 * rerun only the test files whose code can have changed (a second run takes
 * a moment instead of half a minute).
 *
 * A test file's result is a function of what it runs and reads, and the key
 * it is stored under hashes all of that:
 *
 * - the code: every module in its import graph, as deno itself resolves it
 *   (`deno info --json`, with the same import map): the contents of each
 *   local file, the exact specifier (with its version) of each npm or JSR
 *   module;
 * - the data: the copy of the guide's names.txt the tests would read (its
 *   path and contents), the only file a test reads (a test of this module
 *   checks that no module of the tests' graph reads any other);
 * - how it runs: deno's version, the import map and deno.json (the flags
 *   are the progress engine's own: changing them bumps the cache version).
 *
 * Tests run with read permission only, so nothing else (the environment, the
 * network) can reach them. Any change gives another key, and a result stored
 * under another key is never used. A module deno cannot describe gives no
 * key, and a run that did not finish stores nothing. Results live in
 * `.kata/test_results.json`; deleting it only costs one slower run.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { findGuideNames } from "../data.ts";
import { ROOT_DIR } from "../root.ts";
import { readKataFile, writeKataFile } from "./kata_files.ts";
import { runDeno, type TestOutcome, type TestRun } from "./test_report.ts";

/** Bumped whenever the key or the stored shape changes: old entries miss. */
const CACHE_VERSION = 4;

/** Where results are kept, from the project root. */
export const CACHE_FILE = ".kata/test_results.json";

/**
 * The results of `testFiles` that are still valid (stored under the key
 * their code has now, run with `importMap`, from the project root, or
 * deno.json's imports when undefined), the files to run again (`stale`),
 * and `store`, which keeps a run of those (only a run that finished: exit 0
 * or 1).
 */
export async function cachedResults(
  testFiles: readonly string[],
  importMap: string | undefined,
  options: { root?: string; signal?: AbortSignal } = {},
) {
  const root = options.root ?? ROOT_DIR;
  const keys = await keysOf(testFiles, importMap, options);
  // By test file: its outcomes, and the key they are valid under.
  let stored: Record<string, { key: string; outcomes: TestOutcome[] }> = {};
  try {
    const data = JSON.parse(readKataFile(CACHE_FILE, root) ?? "");
    if (data.version === CACHE_VERSION) stored = { ...data.entries };
  } catch {
    // Missing or not as written: every file runs.
  }
  const results = new Map<string, TestOutcome[]>();
  for (const file of testFiles) {
    const [key, entry] = [keys.get(file), stored[file]];
    if (key !== undefined && entry?.key === key) {
      results.set(file, entry.outcomes);
    }
  }
  const stale = testFiles.filter((file) => !results.has(file));
  const store = (run: TestRun) => {
    for (const file of stale) {
      const outcomes = run.outcomes.filter((o) => o.file === file);
      results.set(file, outcomes);
      const key = keys.get(file);
      if (key !== undefined && run.code <= 1) stored[file] = { key, outcomes };
    }
    const data = { version: CACHE_VERSION, entries: stored };
    try {
      writeKataFile(CACHE_FILE, JSON.stringify(data), root);
    } catch {
      // Not writable (see kata_files.ts): the next run runs them again.
    }
  };
  return { results, stale, store };
}

/** What is read of `deno info --json`. */
interface Info {
  modules: {
    specifier: string;
    error?: string;
    dependencies?: {
      code?: { specifier?: string };
      type?: { specifier?: string };
    }[];
  }[];
  redirects?: Record<string, string>;
}

/**
 * The key of each test file run with `importMap`, from one `deno info
 * --json` of them all (through a module importing them all); undefined for
 * a file when a module of its graph could not be described or read.
 */
export async function keysOf(
  testFiles: readonly string[],
  importMap: string | undefined,
  options: { root?: string; signal?: AbortSignal } = {},
): Promise<Map<string, string | undefined>> {
  const root = options.root ?? ROOT_DIR;
  const urls = testFiles.map((file) => new URL(file, `file://${root}`).href);
  const imports = urls.map((url) => `import ${JSON.stringify(url)};`);
  const run = await runDeno([
    "info",
    "--json",
    ...(importMap ? ["--import-map", importMap] : []),
    `data:application/typescript,${encodeURIComponent(imports.join("\n"))}`,
  ], { root, signal: options.signal });
  let info: Info | undefined;
  try {
    info = run.code === 0 ? JSON.parse(run.stdout) : undefined;
  } catch {
    // Not JSON: no keys, every file runs.
  }
  const modules = new Map(info?.modules?.map((m) => [m.specifier, m]));
  const runs = [importMap && root + importMap, `${root}deno.json`];
  const common = [
    `kata test cache ${CACHE_VERSION}`,
    `deno ${Deno.version.deno} typescript ${Deno.version.typescript}`,
    ...[...runs, findGuideNames()].map((path) =>
      `file ${path} ${path && digestOf(path)}`
    ),
  ];
  const keyOf = (testFile: string, url: string) => {
    const seen = new Set<string>();
    for (const queue = [url]; queue.length > 0;) {
      const next = queue.pop()!;
      const specifier = info?.redirects?.[next] ?? next;
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      const module = modules.get(specifier);
      // Not parsed, not found: deno test will say why; nothing is stored.
      if (module === undefined || module.error !== undefined) return undefined;
      for (const { code, type } of module.dependencies ?? []) {
        queue.push(...[code, type].flatMap((d) => d?.specifier ?? []));
      }
    }
    const lines = [...seen].sort().map((specifier) => {
      const local = specifier.startsWith("file://");
      return `module ${specifier} ${local ? digestOf(new URL(specifier)) : ""}`;
    });
    return sha256([...common, `test ${testFile}`, ...lines].join("\n"));
  };
  return new Map(testFiles.map((file, i) => [file, keyOf(file, urls[i])]));
}

/**
 * The SHA-256 of a file's bytes; "missing" when it cannot be read (one that
 * vanished meanwhile: when it is back, the key is another, and while it is
 * gone deno cannot describe its graph, which gives no key).
 */
function digestOf(path: string | URL): string {
  try {
    return sha256(Deno.readFileSync(path));
  } catch {
    return "missing";
  }
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
