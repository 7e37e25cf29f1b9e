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

/** One line of the report: a check that passed or failed. */
interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

const offline = isOffline();
const lessonsMap = importMapFor(offline, "lessons");
/** deno's flags for the lessons' import map (none: deno.json's imports). */
const onLessons = lessonsMap ? `--import-map ${lessonsMap} ` : "";
const onSolutions = `--import-map ${importMapFor(offline, "solutions")} `;

/** Runs `deno <args>` quietly; one check, passed when it exits 0. */
async function denoCheck(args: string): Promise<Check> {
  const { code, output } = await runDeno(args.split(" "));
  // The output is shown only if the check failed.
  return { name: `deno ${args}`, ok: code === 0, detail: output };
}

/** Every test and doc example must pass against the solutions. */
function solutionChecks(run: TestRun): Check[] {
  if (run.outcomes.length === 0) {
    return [{ name: "deno test ran", ok: false, detail: run.output }];
  }
  const ignored = run.outcomes.filter((o) => o.status === "ignored");
  for (const { name } of ignored) {
    console.log(`     note: ignored against the solutions: ${name}`);
  }
  return run.outcomes.filter((o) => o.status !== "ignored").map((o) => ({
    name: `solutions pass: ${o.name}`,
    ok: o.status === "passed",
    detail: o.message,
  }));
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
  const checks = lessonTests.map((expected): Check => {
    const found = onStubs.get(key(expected));
    onStubs.delete(key(expected));
    const detail = found === undefined
      ? `it did not run against the stubs (does ${expected.file} call a lesson at the top level?)`
      : found.status === "passed"
      ? "it passes without the learner's code, or its lesson is no longer a stub (the self-check is for untouched lessons, a fresh clone; your progress is in deno task progress)"
      : found.message;
    const ok = found?.status === "failed" && found.stub !== undefined;
    return { name: `stubs fail: ${expected.name}`, ok, detail };
  });
  for (const { name, file, status, message } of onStubs.values()) {
    if (status === "ignored") continue;
    const detail = `it ran against the stubs only: ${message ?? status}`;
    checks.push({ name: `stubs fail: ${name} (${file})`, ok: false, detail });
  }
  if (lessonTests.length === 0) {
    checks.push({ name: "lesson tests ran", ok: false, detail: stubs.output });
  }
  return checks;
}

/**
 * Each lesson must export exactly what its solution exports, docs included:
 * `deno doc --json` of them all, compared without locations, with paths
 * made tree-neutral.
 */
async function mirrorChecks(): Promise<Check[]> {
  const entries = allLessons();
  const files = entries.flatMap((e) => [e.lessonFile, e.solutionFile]);
  const run = await runDeno(
    `doc --json ${onLessons}${files.join(" ")}`.split(" "),
  );
  if (run.code !== 0) {
    return [{ name: "deno doc of the lessons", ok: false, detail: run.output }];
  }
  const nodes: Record<string, { module_doc?: unknown; symbols?: unknown }> =
    JSON.parse(run.stdout).nodes;
  const surface = (file: string) => {
    const [, { module_doc, symbols }] = Object.entries(nodes)
      .find(([url]) => url.endsWith(file))!;
    const noLocation = (key: string, value: unknown) =>
      key === "location" ? undefined : value;
    return JSON.stringify({ module_doc, symbols }, noLocation, 1)
      .replace(/\/(lessons|solutions)\//g, "/<tree>/").split("\n");
  };
  return entries.map((entry) => {
    const [a, b] = [surface(entry.lessonFile), surface(entry.solutionFile)];
    const differ = a.findIndex((line, k) => line !== b[k]);
    const at = differ === -1 ? a.length : differ;
    return {
      name: `same exports: ${entry.lessonFile} and ${entry.solutionFile}`,
      ok: differ === -1 && a.length === b.length,
      detail: `first difference: lesson has ${a[at]?.trim()}, solution has ${
        b[at]?.trim()
      }`,
    };
  });
}

/** Prints a phase's line, and each failed check with its detail cut short. */
function report(title: string, checks: Check[]): void {
  const failed = checks.filter((check) => !check.ok);
  const passed = `${checks.length - failed.length} of ${checks.length}`;
  console.log(`${failed.length === 0 ? "ok  " : "FAIL"} ${title}: ${passed}`);
  for (const { name, detail } of failed) {
    const lines = detail?.trim().split("\n").slice(0, 12) ?? [];
    console.log(
      [`     ✗ ${name}`, ...lines.map((l) => `       ${l}`)].join("\n"),
    );
  }
}

async function main(): Promise<number> {
  // No flags but --help: an unknown word is a mistake, not something to skip.
  parseFlags(Deno.args, { command: "verify" });
  if (!hasSolutions()) {
    throw new UserError(
      noSolutions(
        "the self-check, which runs every test against them, cannot run; your progress is in deno task progress",
      ),
    );
  }
  const started = performance.now();
  // Test files side by side, twice as many as cores: most of them wait on
  // the processes they start (commands, deno, the browser) more than they
  // compute.
  if (!Deno.env.has("DENO_JOBS")) {
    Deno.env.set("DENO_JOBS", String(2 * navigator.hardwareConcurrency));
  }
  console.log(
    `Self-check (${offline ? "offline @std stand-ins" : "@std from JSR"})`,
  );
  const [statics, solutions, stubs, mirrors] = await Promise.all([
    // fmt, lint, and the type checks the test runs leave out (they run
    // unchecked, so that each file is type-checked once): the code and its
    // doc examples against the lessons, and the solutions (whose exports
    // the mirror check finds the same as the lessons', so the tests need
    // no second check against them).
    Promise.all([
      denoCheck("fmt --check"),
      denoCheck("lint"),
      denoCheck(`check --doc ${onLessons}lessons/ support/ tests/`),
      denoCheck(`check --doc ${onSolutions}solutions/`),
    ]),
    // Lesson tests, support tests beside their modules, and JSDoc examples,
    // against the solutions. Test files run side by side (--parallel): those
    // that write make their own copies of the kata, servers take free ports.
    runTests(
      `${onSolutions}-A --doc --no-check --parallel tests/ support/ solutions/`
        .split(" "),
    ),
    // The lesson tests against the lessons, as a learner's clone has them.
    runTests(`${onLessons}-R --no-check --parallel tests/`.split(" ")),
    mirrorChecks(),
  ]);
  const stubbed = stubChecks(solutions, stubs);
  const phases: Record<string, Check[]> = {
    "format, lint and type check": statics,
    "tests and doc examples pass against solutions/": solutionChecks(solutions),
    "untouched stubs fail with NotImplementedError": stubbed,
    "lessons export what solutions export": mirrors,
  };
  for (const [title, checks] of Object.entries(phases)) report(title, checks);
  const checks = Object.values(phases).flat();
  const failed = checks.filter((check) => !check.ok).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`(${allLessons().length} lessons, ${seconds} s)`);
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) await runMain(main);
