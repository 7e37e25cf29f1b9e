/**
 * Remembers each test file's results, so `deno task progress` and `watch`
 * rerun only the test files whose code can have changed.
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
 * network) can reach them. Any change to any of these gives another key, and
 * a result stored under another key is never used: the test file runs again.
 * A module deno cannot parse, a cache file that does not read back as the
 * exact shape written, or a run that did not finish stores or uses nothing.
 * Results live in `.kata/test_results.json` (git ignores `.kata/`); deleting
 * it only costs one slower run.
 *
 * @module
 */

import { findGuideNames } from "../data.ts";
import { projectPath, ROOT_DIR } from "../root.ts";
import { runDeno, type TestOutcome } from "../test_report.ts";
import { readRegularFile, writeKataFile } from "./kata_files.ts";

/** Bumped whenever the key or the stored shape changes: old entries miss. */
const CACHE_VERSION = 1;

/** Where results are kept, from the project root. */
export const CACHE_FILE = ".kata/test_results.json";

/** A type error deno reported, with the file it is in. */
export interface TypeCheckError {
  /** e.g. "TS2322 Type 'string' is not assignable to type 'number'." */
  message: string;
  /** The file from the project root, e.g. "lessons/step1/04_softmax.ts". */
  file: string;
  line: number;
}

/** What one test file gave: its tests' outcomes and the type errors in its graph. */
export interface FileResult {
  outcomes: TestOutcome[];
  typeErrors: TypeCheckError[];
}

/** A stored result and the key it is valid under. */
type Entry = { key: string; result: FileResult };

/** A test file's place in the module graph. */
export interface GraphEntry {
  /** The cache key, or undefined when the file cannot be cached (a module did not parse). */
  key?: string;
  /** Local files in its graph, from the project root (lessons, helpers, support). */
  files: string[];
}

/** How the tests are run, as far as it can change their results. */
export interface RunSetup {
  /** Import map from the project root; deno.json's imports when absent. */
  importMap?: string;
  /** The flags given to deno test. */
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
 * The graph entry (key and local files) of each test file, from one
 * `deno info --json` of them all. A file deno info could not describe (or
 * did not describe before `signal` stopped it) gets no key.
 */
export async function graphOf(
  testFiles: readonly string[],
  setup: RunSetup,
  root: string = ROOT_DIR,
  signal?: AbortSignal,
): Promise<Map<string, GraphEntry>> {
  const result = new Map<string, GraphEntry>();
  const rootUrl = new URL(`file://${root}`).href;
  const urls = testFiles.map((file) => new URL(file, rootUrl).href);
  const info = await denoInfo(urls, setup.importMap, root, signal);
  const common = await commonKeyPart(setup, root);
  const modules = new Map(info?.modules.map((m) => [m.specifier, m]) ?? []);
  const redirect = (s: string) => info?.redirects?.[s] ?? s;
  const digests = new Map<string, Promise<string>>();
  const digestOf = (url: string) => {
    if (!digests.has(url)) digests.set(url, fileDigest(new URL(url)));
    return digests.get(url)!;
  };
  for (const [i, testFile] of testFiles.entries()) {
    const seen = new Set<string>();
    const queue = [urls[i]];
    let complete = info !== undefined;
    while (queue.length > 0 && complete) {
      const specifier = redirect(queue.pop()!);
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      const module = modules.get(specifier);
      // Not parsed, not found: deno test will say why; nothing is stored.
      complete = module !== undefined && module.error === undefined;
      for (const dependency of module?.dependencies ?? []) {
        for (const next of [dependency.code, dependency.type]) {
          if (next?.specifier !== undefined) queue.push(next.specifier);
        }
      }
    }
    const local = [...seen].filter((s) => s.startsWith("file://")).sort();
    const files = local.map((url) => projectPath(url, root));
    let key: string | undefined;
    if (complete) {
      const lines = [common, `test ${testFile}`];
      try {
        for (const specifier of [...seen].sort()) {
          const digest = specifier.startsWith("file://")
            ? await digestOf(specifier)
            : "";
          lines.push(`module ${specifier} ${digest}`);
        }
        key = await sha256(lines.join("\n"));
      } catch {
        // A file vanished: no key, so the test file runs.
      }
    }
    result.set(testFile, { key, files });
  }
  return result;
}

/** The part of every key that is the same for all test files. */
async function commonKeyPart(setup: RunSetup, root: string): Promise<string> {
  const names = findGuideNames();
  const optional = async (path: string) => {
    try {
      return await fileDigest(path);
    } catch {
      return "missing";
    }
  };
  return [
    `kata test cache ${CACHE_VERSION}`,
    `deno ${Deno.version.deno} typescript ${Deno.version.typescript}`,
    `flags ${JSON.stringify(setup.flags)}`,
    `import map ${setup.importMap ?? "(deno.json)"} ${
      setup.importMap === undefined
        ? ""
        : await optional(root + setup.importMap)
    }`,
    `deno.json ${await optional(`${root}deno.json`)}`,
    `names.txt ${names ?? "(none)"} ${
      names === undefined ? "" : await optional(names)
    }`,
  ].join("\n");
}

/** `deno info --json` of all the test files (`urls`) at once, through a root module importing them all. */
async function denoInfo(
  urls: readonly string[],
  importMap: string | undefined,
  root: string,
  signal?: AbortSignal,
): Promise<Info | undefined> {
  const imports = urls.map((url) => `import ${JSON.stringify(url)};\n`);
  const run = await runDeno(
    [
      "info",
      "--json",
      ...(importMap ? ["--import-map", importMap] : []),
      `data:application/typescript,${encodeURIComponent(imports.join(""))}`,
    ],
    signal,
    root,
  ).catch(() => undefined);
  if (run?.code !== 0) return undefined;
  try {
    const info = JSON.parse(run.stdout);
    return Array.isArray(info?.modules) ? info as Info : undefined;
  } catch {
    return undefined;
  }
}

async function fileDigest(path: string | URL): Promise<string> {
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

/** Stored results, by test file. */
export class TestCache {
  private constructor(
    private readonly root: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  /** Reads the cache; a missing or unreadable one is empty. */
  static load(root: string = ROOT_DIR): TestCache {
    const path = root + CACHE_FILE;
    const entries = new Map<string, Entry>();
    try {
      const data = JSON.parse(new TextDecoder().decode(readRegularFile(path)));
      if (data?.version === CACHE_VERSION && isRecord(data.entries)) {
        for (const [file, entry] of Object.entries(data.entries)) {
          if (isEntry(file, entry)) entries.set(file, entry);
        }
      }
    } catch {
      // No cache yet, not a file, or not JSON: everything runs.
    }
    return new TestCache(root, entries);
  }

  /** The result stored for `file` under exactly `key`, if any. */
  get(file: string, key: string | undefined): FileResult | undefined {
    if (key === undefined) return undefined;
    const entry = this.entries.get(file);
    return entry?.key === key ? structuredClone(entry.result) : undefined;
  }

  /** Remembers `file`'s result under `key` (call {@linkcode save} after). */
  set(file: string, key: string, result: FileResult): void {
    this.entries.set(file, { key, result: structuredClone(result) });
  }

  /**
   * Writes the cache: to a temporary file renamed over the old one, so a
   * reader never sees half of it, and never through a link (see
   * kata_files.ts). A read-only checkout keeps no cache.
   */
  save(): void {
    const data = {
      version: CACHE_VERSION,
      entries: Object.fromEntries(this.entries),
    };
    try {
      writeKataFile(CACHE_FILE, JSON.stringify(data), this.root);
    } catch {
      // Not writable: the next run runs the tests again, nothing worse.
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `entry` has the shape {@linkcode TestCache.set} writes for `file`. */
function isEntry(file: string, entry: unknown): entry is Entry {
  if (!isRecord(entry) || typeof entry.key !== "string") return false;
  const { outcomes, typeErrors } = isRecord(entry.result) ? entry.result : {};
  const goodOutcome = (o: unknown) =>
    isRecord(o) && typeof o.name === "string" && o.file === file &&
    ["passed", "failed", "ignored"].includes(o.status as string) &&
    (o.message === undefined || typeof o.message === "string") &&
    typeof o.notImplemented === "boolean";
  const goodError = (e: unknown) =>
    isRecord(e) && typeof e.message === "string" &&
    typeof e.file === "string" && Number.isInteger(e.line);
  return Array.isArray(outcomes) && outcomes.length > 0 &&
    outcomes.every(goodOutcome) &&
    Array.isArray(typeErrors) && typeErrors.every(goodError);
}
