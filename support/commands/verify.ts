/**
 * The kata's self-check (`deno task verify`): proves the kata is sound.
 *
 * 1. `deno fmt --check`, `deno lint` and `deno check` are clean;
 * 2. every test, and every JSDoc example of solutions/ and support/, passes
 *    against the solutions;
 * 3. every lesson test fails against the untouched stubs, and for the right
 *    reason: a NotImplementedError (rustlings checks its exercises the same
 *    way), so no test can pass without the learner's code;
 * 4. each lesson exports the same names, types and docs as its solution.
 *
 * Every test and check counts once; the last line is `N passed, N failed`
 * and the exit code is 1 when anything failed. Run it on untouched lessons
 * (a fresh clone): a lesson you have solved no longer fails its tests.
 *
 * @module
 */

import { parseFlags } from "../cli/args.ts";
import { runMain, UserError } from "../cli/errors.ts";
import {
  runDeno,
  runTests,
  type TestOutcome,
  type TestRun,
} from "../journey/test_report.ts";
import { allLessons } from "../manifest.ts";
import { hasSolutions, importMapFor, isOffline, noSolutions } from "../maps.ts";

const HELP = `Usage: deno task verify

The self-check, for untouched lessons (a fresh clone): fmt, lint and types
(doc examples included) are clean, every test and doc example passes on
solutions/, every lesson test fails on the stubs with NotImplementedError,
and lessons export what solutions export. Ends with "N passed, N failed".`;

/** One line of the report: a check that passed or failed. */
interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

const offline = isOffline();
const lessonsMap = importMapFor(offline, "lessons");
const solutionsMap = importMapFor(offline, "solutions")!;
const mapFlag = (map: string | undefined) => (map ? ["--import-map", map] : []);

/** Runs `deno <args>` quietly; one check, passed when it exits 0. */
async function denoCheck(name: string, args: string[]): Promise<Check> {
  const { code, output } = await runDeno(args);
  // The output is shown only if the check failed.
  return { name, ok: code === 0, detail: output.trim() };
}

/**
 * fmt, lint, and the type checks the test runs leave out (they run
 * unchecked, to type-check each file once): the code and its doc examples
 * against the lessons, the solutions and the tests against the solutions.
 */
async function staticChecks(): Promise<Check[]> {
  return await Promise.all([
    denoCheck("deno fmt --check", ["fmt", "--check"]),
    denoCheck("deno lint", ["lint"]),
    denoCheck("deno check --doc (lessons)", [
      "check",
      "--doc",
      ...mapFlag(lessonsMap),
      "lessons/",
      "support/",
      "tests/",
    ]),
    denoCheck("deno check --doc (solutions)", [
      "check",
      "--doc",
      ...mapFlag(solutionsMap),
      "solutions/",
      "tests/",
    ]),
  ]);
}

/** Every test and doc example must pass against the solutions. */
function solutionChecks(run: TestRun): Check[] {
  const checks: Check[] = [];
  if (run.outcomes.length === 0) {
    checks.push({ name: "deno test ran", ok: false, detail: run.output });
  }
  for (const outcome of run.outcomes) {
    if (outcome.status === "ignored") {
      console.log(`     note: ignored against the solutions: ${outcome.name}`);
      continue;
    }
    checks.push({
      name: `solutions pass: ${outcome.name}`,
      ok: outcome.status === "passed",
      detail: outcome.message,
    });
  }
  return checks;
}

/**
 * Every lesson test that runs against the solutions must also run against
 * the stubs, and fail there with NotImplementedError. Comparing the two runs
 * catches a test file that cannot even load on the stubs (for example a
 * lesson function called at the top level), which would hide its tests.
 */
function stubChecks(solutions: TestRun, stubs: TestRun): Check[] {
  const key = (o: TestOutcome) => `${o.file}\0${o.name}`;
  const onStubs = new Map(stubs.outcomes.map((o) => [key(o), o]));
  const lessonTests = solutions.outcomes.filter((o) =>
    o.file.startsWith("tests/") && o.status !== "ignored"
  );
  const checks: Check[] = lessonTests.map((expected) => {
    const name = `stubs fail: ${expected.name}`;
    const outcome = onStubs.get(key(expected));
    onStubs.delete(key(expected));
    if (outcome === undefined) {
      return {
        name,
        ok: false,
        detail:
          `it did not run against the stubs (does ${expected.file} call a lesson at the top level?)`,
      };
    }
    return {
      name,
      ok: outcome.status === "failed" && outcome.stub !== undefined,
      detail: outcome.status === "passed"
        ? `it passes without the learner's code (or its lesson is no longer a stub)`
        : outcome.message,
    };
  });
  for (const extra of onStubs.values()) {
    if (extra.status === "ignored") continue;
    checks.push({
      name: `stubs fail: ${extra.name} (${extra.file})`,
      ok: false,
      detail: `it ran against the stubs only: ${extra.message ?? extra.status}`,
    });
  }
  if (lessonTests.length === 0) {
    checks.push({ name: "lesson tests ran", ok: false, detail: stubs.output });
  }
  return checks;
}

/**
 * The public surface of each module of `files`: `deno doc --json` of them
 * all at once, without locations, with paths made tree-neutral.
 */
async function surfaces(files: string[]): Promise<string[]> {
  const run = await runDeno([
    "doc",
    "--json",
    ...mapFlag(lessonsMap),
    ...files,
  ]);
  if (run.code !== 0) throw new Error(run.output);
  const nodes = JSON.parse(run.stdout).nodes as Record<string, object>;
  return files.map((file) => {
    const node = Object.entries(nodes).find(([url]) => url.endsWith(`/${file}`))
      ?.[1] as { module_doc?: unknown; symbols?: unknown } | undefined;
    // deno doc names the module and its imports: compare only the module
    // doc and the exported symbols.
    const text = JSON.stringify(
      { module_doc: node?.module_doc, symbols: node?.symbols },
      (key, value) => key === "location" ? undefined : value,
      1,
    );
    return text.replace(/\/(lessons|solutions)\//g, "/<tree>/");
  });
}

/** Each lesson must export exactly what its solution exports, docs included. */
async function mirrorChecks(): Promise<Check[]> {
  const entries = allLessons();
  let lessons: string[], solutions: string[];
  try {
    [lessons, solutions] = await Promise.all([
      surfaces(entries.map((e) => e.lessonFile)),
      surfaces(entries.map((e) => e.solutionFile)),
    ]);
  } catch (error) {
    return [{
      name: "deno doc of the lessons",
      ok: false,
      detail: String(error),
    }];
  }
  return entries.map((entry, n) => {
    const name = `same exports: ${entry.lessonFile} and ${entry.solutionFile}`;
    if (lessons[n] === solutions[n]) return { name, ok: true };
    const [a, b] = [lessons[n].split("\n"), solutions[n].split("\n")];
    const i = a.findIndex((line, k) => line !== b[k]);
    const detail = `first difference: lesson has ${
      a[i]?.trim()
    }, solution has ${b[i]?.trim()}`;
    return { name, ok: false, detail };
  });
}

function report(title: string, checks: Check[]): void {
  const failed = checks.filter((check) => !check.ok);
  console.log(
    `${failed.length === 0 ? "ok  " : "FAIL"} ${title}: ${
      checks.length - failed.length
    } of ${checks.length}`,
  );
  for (const check of failed) {
    console.log(`     ✗ ${check.name}`);
    if (check.detail) {
      console.log(
        check.detail.split("\n").slice(0, 12).map((l) => `       ${l}`).join(
          "\n",
        ),
      );
    }
  }
}

async function main(): Promise<number> {
  // No flags but --help: an unknown word is a mistake, not something to skip.
  const flags = parseFlags(Deno.args, { usage: "deno task verify" });
  if (flags.booleans.has("help")) {
    console.log(HELP);
    return 0;
  }
  if (!hasSolutions()) {
    throw new UserError(
      noSolutions(
        "the self-check, which runs every test against them, cannot run; your progress is in deno task progress",
      ),
    );
  }
  const started = performance.now();
  console.log(
    `Self-check (${offline ? "offline @std stand-ins" : "@std from JSR"})`,
  );
  const [statics, solutions, stubs, mirrors] = await Promise.all([
    staticChecks(),
    // Lesson tests, support tests beside their modules, and JSDoc examples,
    // against the solutions.
    // Test files run side by side (--parallel): those that write make their
    // own copies of the kata, and servers take a free port.
    runTests(["tests/", "support/", "solutions/"], {
      importMap: solutionsMap,
      flags: ["-A", "--doc", "--no-check", "--parallel"],
    }),
    // The lesson tests against the lessons, as a learner's clone has them.
    runTests(["tests/"], {
      importMap: lessonsMap,
      flags: ["-R", "--no-check", "--parallel"],
    }),
    mirrorChecks(),
  ]);
  const phases: [string, Check[]][] = [
    ["format, lint and type check", statics],
    [
      "tests and doc examples pass against solutions/",
      solutionChecks(solutions),
    ],
    [
      "untouched stubs fail with NotImplementedError",
      stubChecks(solutions, stubs),
    ],
    ["lessons export what solutions export", mirrors],
  ];
  let passed = 0;
  let failed = 0;
  for (const [title, checks] of phases) {
    report(title, checks);
    passed += checks.filter((check) => check.ok).length;
    failed += checks.filter((check) => !check.ok).length;
  }
  const solved = stubs.outcomes.some((o) =>
    o.file.startsWith("tests/") && o.status === "passed"
  );
  if (solved) {
    console.log(
      "note: some lesson tests pass on lessons/, so those lessons are no longer stubs; the self-check is for untouched lessons (a fresh clone), your progress is in deno task progress",
    );
  }
  console.log(
    `(${allLessons().length} lessons, ${
      ((performance.now() - started) / 1000).toFixed(1)
    } s)`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) await runMain(main);
