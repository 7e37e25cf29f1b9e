/**
 * Plants the mistakes of `catalogue.ts` one at a time in a copy of a
 * solution file and reads the first failure the lesson tests give.
 *
 * ```sh
 * deno task mistakes                 # every mistake, 2 at a time
 * deno task mistakes --step 5        # Step 5's only
 * deno task mistakes --only residual # those whose id contains "residual"
 * deno task mistakes --jobs 1        # one test run at a time
 * deno task mistakes --verbose       # every first failure in full
 * ```
 *
 * For each mistake it writes the solution file with the learner's slip to a
 * temporary folder, and runs `deno test --fail-fast` on that step's tests
 * (tests/stepN/, guide-fidelity test last) with an import map that sends
 * lessons/ to solutions/ and the planted file to the copy. The first
 * failing test's message is then classified:
 *
 * - **named**: it contains every word the catalogue lists for the mistake
 *   (the concept a learner must be told about);
 * - **bare**: it fails, but does not say so (a bare number, or the wrong
 *   concept);
 * - **crash**: the first failure is an error other than an AssertionError
 *   thrown in code other than the planted file (a TypeError inside another
 *   lesson, say), which points the learner somewhere else;
 * - **passed**: every test passed: the mistake survives;
 * - **timeout**: the run took longer than `--timeout` seconds;
 * - **broken**: the planted copy does not type-check or load (a catalogue
 *   entry to fix, not a learner's mistake).
 *
 * It prints one line per mistake and the counts, and exits with 1 unless
 * none passed, crashed or timed out and at least 90% were named. Run by
 * hand (it takes a few minutes), not by `deno task verify`.
 *
 * @module
 */

import { benchArgs, usageError, wholeNumber } from "../args.ts";
import { CATALOGUE, type Mistake } from "./catalogue.ts";

const ROOT = new URL("../../", import.meta.url);
const BASE_MAP = new URL("support/maps/offline.json", ROOT);

/** How one planted mistake came out. */
type Verdict = "named" | "bare" | "crash" | "passed" | "timeout" | "broken";

interface Outcome {
  mistake: Mistake;
  verdict: Verdict;
  /** The first failing test's name, or what went wrong. */
  test: string;
  /** Its message, whole. */
  message: string;
}

/** Entities that deno's JUnit report escapes. */
function unescapeXml(text: string): string {
  return text.replace(
    /&(quot|apos|lt|gt|amp|#(\d+)|#x([0-9a-f]+));/gi,
    (_, name: string, dec?: string, hex?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" }[
        name.toLowerCase()
      ]!;
    },
  );
}

/** The first failing test of a JUnit report: name, message, stack. */
function firstFailure(
  junit: string,
): { test: string; message: string; stack: string } | undefined {
  const match =
    /<testcase name="([^"]*)"[^>]*>\s*<failure message="([^"]*)">([^<]*)<\/failure>/
      .exec(junit);
  if (match === null) return undefined;
  return {
    test: unescapeXml(match[1]),
    message: unescapeXml(match[2]).replace(/^Uncaught /, ""),
    stack: unescapeXml(match[3]),
  };
}

/** An import map that runs the solutions, with `file` replaced by `copy`. */
async function importMap(mistake: Mistake, copy: URL): Promise<string> {
  const base = JSON.parse(await Deno.readTextFile(BASE_MAP));
  const imports: Record<string, string> = {};
  for (const [key, value] of Object.entries<string>(base.imports)) {
    imports[key] = /^\.{0,2}\//.test(value)
      ? new URL(value, BASE_MAP).href
      : value;
  }
  const folder = new URL("./", copy);
  const lessons = new URL("lessons/", ROOT).href;
  const solutions = new URL("solutions/", ROOT).href;
  // Tests import lessons/…, solutions import each other by relative paths,
  // and the copy imports its neighbours from the temporary folder.
  imports[lessons] = solutions;
  imports[lessons + mistake.file] = copy.href;
  imports[solutions + mistake.file] = copy.href;
  imports[new URL("../", folder).href] = solutions;
  imports[new URL("../../support/", folder).href] = new URL("support/", ROOT)
    .href;
  return JSON.stringify({ imports }, null, 2);
}

/** The temporary folders in use, removed on Ctrl-C too. */
const live = new Set<string>();
Deno.addSignalListener("SIGINT", () => {
  for (const tmp of live) Deno.removeSync(tmp, { recursive: true });
  Deno.exit(130);
});

/** Plants one mistake and runs its step's tests. */
async function plant(mistake: Mistake, timeout: number): Promise<Outcome> {
  const source = await Deno.readTextFile(
    new URL(`solutions/${mistake.file}`, ROOT),
  );
  let planted = source;
  for (const [find, replace] of mistake.edits) {
    const count = planted.split(find).length - 1;
    if (count !== 1) {
      throw new Error(
        `${mistake.id}: ${
          JSON.stringify(find)
        } occurs ${count} times in solutions/${mistake.file}`,
      );
    }
    planted = planted.replace(find, () => replace);
  }
  const tmp = await Deno.makeTempDir({ prefix: "kata-mistake-" });
  live.add(tmp);
  try {
    // lessons/stepN/file.ts inside tmp, so that relative imports stay inside.
    const copy = new URL(`lessons/${mistake.file}`, `file://${tmp}/`);
    await Deno.mkdir(new URL("./", copy), { recursive: true });
    await Deno.writeTextFile(copy, planted);
    const map = `${tmp}/map.json`;
    await Deno.writeTextFile(map, await importMap(mistake, copy));
    const step = mistake.file.split("/")[0];
    const command = new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "-R",
        "--fail-fast",
        "--reporter=junit",
        "--import-map",
        map,
        `tests/${step}/`,
      ],
      cwd: new URL(".", ROOT).pathname,
      env: { NO_COLOR: "1", KATA_OFFLINE: "1" },
      stdout: "piped",
      stderr: "piped",
    });
    const child = command.spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout * 1000);
    const output = await child.output();
    clearTimeout(timer);
    const stdout = new TextDecoder().decode(output.stdout);
    if (output.signal === "SIGKILL") {
      return {
        mistake,
        verdict: "timeout",
        test: `over ${timeout} s`,
        message: "",
      };
    }
    const failure = firstFailure(stdout);
    if (failure === undefined) {
      if (output.code === 0) {
        return { mistake, verdict: "passed", test: "", message: "" };
      }
      // A type error or a file that does not load: the plant is broken.
      const stderr = new TextDecoder().decode(output.stderr);
      const error = stderr.split("\n").find((l) => /error|ERROR/.test(l));
      return { mistake, verdict: "broken", test: "", message: error ?? stderr };
    }
    return { mistake, ...failure, verdict: classify(mistake, failure, copy) };
  } finally {
    await Deno.remove(tmp, { recursive: true });
    live.delete(tmp);
  }
}

function classify(
  mistake: Mistake,
  failure: { message: string; stack: string },
  copy: URL,
): Verdict {
  const type = /^(\w+):/.exec(failure.message)?.[1] ?? "";
  if (type !== "AssertionError" && type !== "NotImplementedError") {
    const where = /\bat .*?(file:\/\/[^\s)]+)/.exec(failure.stack)?.[1] ?? "";
    if (!where.startsWith(copy.href)) return "crash";
  }
  const text = failure.message.toLowerCase();
  const named = mistake.names.every((word) =>
    word.split("|").some((w) => text.includes(w.toLowerCase()))
  );
  return named ? "named" : "bare";
}

/** Runs `work` on every item, at most `jobs` at a time, in order of results. */
async function pool<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

function firstLine(message: string, width = 110): string {
  const line = message.split("\n")[0];
  return line.length > width ? line.slice(0, width - 1) + "…" : line;
}

const USAGE = `Usage: deno task mistakes [--step N] [--only TEXT] [--jobs J]
                           [--timeout S] [--verbose] [--catalogue FILE]
  --step N          Step N's mistakes only (3, 4 or 5)
  --only TEXT       the mistakes whose id contains TEXT
  --jobs J          test runs at a time (default 2)
  --timeout S       seconds a planted copy's tests may take (default 180)
  --verbose         every first failure in full
  --catalogue FILE  another module exporting CATALOGUE (e.g. fresh.ts)`;

/** The CATALOGUE of another module (a batch the tests were not written for). */
async function importCatalogue(path: string): Promise<readonly Mistake[]> {
  const url = new URL(path, `file://${Deno.cwd()}/`).href;
  const module = await import(url).catch((error) =>
    usageError(`cannot load --catalogue ${path}: ${error.message}`, USAGE)
  );
  if (!Array.isArray(module.CATALOGUE)) {
    usageError(`--catalogue ${path} exports no CATALOGUE array`, USAGE);
  }
  return module.CATALOGUE;
}

async function main(): Promise<number> {
  const values = benchArgs({
    step: { type: "string" },
    only: { type: "string" },
    jobs: { type: "string", default: "2" },
    timeout: { type: "string", default: "180" },
    verbose: { type: "boolean", default: false },
    catalogue: { type: "string" },
  }, USAGE);
  const jobs = wholeNumber("--jobs", values.jobs, 1, USAGE);
  const timeout = wholeNumber("--timeout", values.timeout, 1, USAGE);
  // --catalogue FILE: another module exporting CATALOGUE (a batch of
  // mistakes the tests were not written for).
  const catalogue = values.catalogue === undefined
    ? CATALOGUE
    : await importCatalogue(values.catalogue);
  const chosen = catalogue.filter((m) =>
    (values.step === undefined || m.file.startsWith(`step${values.step}/`)) &&
    (values.only === undefined || m.id.includes(values.only))
  );
  if (chosen.length === 0) {
    usageError("no mistake of the catalogue matches --step and --only", USAGE);
  }
  const whole = chosen.length === CATALOGUE.length &&
    values.catalogue === undefined;
  const outcomes = await pool(chosen, jobs, async (m) => {
    // One broken plant (a stale catalogue entry, say) must not stop the
    // others halfway and leave their temporary folders behind.
    const outcome = await plant(m, timeout).catch(
      (error): Outcome => ({
        mistake: m,
        verdict: "broken",
        test: "",
        message: String(error),
      }),
    );
    const mark = outcome.verdict === "named" ? "ok  " : outcome.verdict;
    console.log(`${mark.padEnd(7)} ${m.id}`);
    console.log(`        ${outcome.test}`);
    console.log(`        ${firstLine(outcome.message)}`);
    if (values.verbose) {
      console.log(outcome.message.replace(/^/gm, "        | "));
    }
    return outcome;
  });
  const count = (v: Verdict) => outcomes.filter((o) => o.verdict === v).length;
  const named = count("named");
  console.log(
    `\n${outcomes.length} planted: ${named} named, ${count("bare")} bare, ` +
      `${count("crash")} crashed in other code, ${count("passed")} passed, ` +
      `${count("timeout")} timed out, ${count("broken")} broken`,
  );
  for (const o of outcomes.filter((o) => o.verdict !== "named")) {
    console.log(`  ${o.verdict}: ${o.mistake.id}`);
  }
  const bad = count("passed") + count("crash") + count("timeout") +
    count("broken");
  const done = bad === 0 &&
    named >= 0.9 * outcomes.length && (!whole || outcomes.length >= 60);
  console.log(done ? "Done-when criteria met." : "Done-when criteria NOT met.");
  return done ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
