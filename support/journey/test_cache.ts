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
 * - how it runs: deno's version, the flags, the import map and deno.json.
 *
 * Tests run with read permission only, so nothing else (the environment, the
 * network) can reach them. Any change gives another key, and a result stored
 * under another key is never used. A module deno cannot describe gives no
 * key, and a run that did not finish stores nothing. Results live in
 * `.kata/test_results.json`; deleting it only costs one slower run.
 *
 * @module
 */

import { findGuideNames } from "../data.ts";
import { projectPath, ROOT_DIR } from "../root.ts";
import { readKataFile, writeKataFile } from "./kata_files.ts";
import { runDeno, type TestOutcome } from "./test_report.ts";

/** Bumped whenever the key or the stored shape changes: old entries miss. */
const CACHE_VERSION = 3;

/** Where results are kept, from the project root. */
export const CACHE_FILE = ".kata/test_results.json";

/** A test file's place in the module graph. */
export interface GraphEntry {
  /** The cache key; undefined when a module of its graph could not be described. */
  key?: string;
  /** Local files in its graph, from the project root. */
  files: string[];
}

/** How the tests run, as far as it can change their results. */
export interface RunSetup {
  /** Import map from the project root; deno.json's imports when absent. */
  importMap?: string;
  flags: readonly string[];
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
 * The graph entry of each test file, from one `deno info --json` of them
 * all (through a module importing them all).
 */
export async function graphOf(
  testFiles: readonly string[],
  setup: RunSetup,
  options: { root?: string; signal?: AbortSignal } = {},
): Promise<Map<string, GraphEntry>> {
  const root = options.root ?? ROOT_DIR;
  const urls = testFiles.map((file) => new URL(file, `file://${root}`).href);
  const imports = urls.map((url) => `import ${JSON.stringify(url)};`);
  const run = await runDeno([
    "info",
    "--json",
    ...(setup.importMap ? ["--import-map", setup.importMap] : []),
    `data:application/typescript,${encodeURIComponent(imports.join("\n"))}`,
  ], { root, signal: options.signal });
  let info: Info | undefined;
  try {
    info = run.code === 0 ? JSON.parse(run.stdout) : undefined;
  } catch {
    // Not JSON: no keys, every file runs.
  }
  const modules = new Map(info?.modules?.map((m) => [m.specifier, m]));
  const common = await commonKeyPart(setup, root);
  const result = new Map<string, GraphEntry>();
  for (const [i, testFile] of testFiles.entries()) {
    const seen = new Set<string>();
    let complete = info !== undefined;
    for (const queue = [urls[i]]; queue.length > 0 && complete;) {
      const next = queue.pop()!;
      const specifier = info?.redirects?.[next] ?? next;
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      const module = modules.get(specifier);
      // Not parsed, not found: deno test will say why; nothing is stored.
      complete = module !== undefined && module.error === undefined;
      for (const { code, type } of module?.dependencies ?? []) {
        for (const next of [code?.specifier, type?.specifier]) {
          if (next !== undefined) queue.push(next);
        }
      }
    }
    const sorted = [...seen].sort();
    const local = sorted.filter((s) => s.startsWith("file://"));
    const lines = [common, `test ${testFile}`];
    for (const specifier of complete ? sorted : []) {
      const digest = specifier.startsWith("file://")
        ? await digestOf(new URL(specifier)).catch(() => undefined)
        : "";
      // A file that vanished meanwhile: no key, so the test file runs.
      complete &&= digest !== undefined;
      lines.push(`module ${specifier} ${digest}`);
    }
    result.set(testFile, {
      key: complete ? await sha256(lines.join("\n")) : undefined,
      files: local.map((url) => projectPath(url, root)),
    });
  }
  return result;
}

/** The part of every key that is the same for all test files. */
async function commonKeyPart(setup: RunSetup, root: string): Promise<string> {
  const names = findGuideNames();
  const digest = (path?: string) =>
    path === undefined ? "(none)" : digestOf(path).catch(() => "missing");
  return [
    `kata test cache ${CACHE_VERSION}`,
    `deno ${Deno.version.deno} typescript ${Deno.version.typescript}`,
    `flags ${JSON.stringify(setup.flags)}`,
    `import map ${setup.importMap} ${await digest(
      setup.importMap && root + setup.importMap,
    )}`,
    `deno.json ${await digest(`${root}deno.json`)}`,
    `names.txt ${names} ${await digest(names)}`,
  ].join("\n");
}

async function digestOf(path: string | URL): Promise<string> {
  return await sha256(await Deno.readFile(path));
}

async function sha256(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string"
    ? new TextEncoder().encode(data)
    : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A test file's outcomes and the key they are valid under. */
interface Entry {
  key: string;
  outcomes: TestOutcome[];
}

/** The stored results, by test file. */
export type Stored = Map<string, Entry>;

/** The stored results; none when the file is missing or not as written. */
export function loadResults(root: string = ROOT_DIR): Stored {
  try {
    const data = JSON.parse(readKataFile(CACHE_FILE, root) ?? "");
    if (data.version !== CACHE_VERSION) return new Map();
    const entries = Object.entries(data.entries as Record<string, Entry>);
    return new Map(
      entries.filter(([, entry]) =>
        typeof entry.key === "string" && Array.isArray(entry.outcomes)
      ),
    );
  } catch {
    return new Map();
  }
}

/**
 * Writes the results (a new file placed whole, never through a link: see
 * kata_files.ts); a checkout that cannot be written keeps no results.
 */
export function saveResults(stored: Stored, root: string = ROOT_DIR): void {
  const data = { version: CACHE_VERSION, entries: Object.fromEntries(stored) };
  try {
    writeKataFile(CACHE_FILE, JSON.stringify(data), root);
  } catch {
    // Not writable: the next run runs the tests again, nothing worse.
  }
}
