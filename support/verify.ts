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

import { allLessons } from "./manifest.ts";
import { importMapFor, isOffline, ROOT_DIR } from "./mode.ts";
import { runTests, type TestOutcome } from "./test_report.ts";

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
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT_DIR,
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
    stdin: "null",
  }).output();
  const decoder = new TextDecoder();
  const output = (decoder.decode(stdout) + decoder.decode(stderr)).trim();
  return { name, ok: code === 0, detail: code === 0 ? undefined : output };
}

async function staticChecks(): Promise<Check[]> {
  return [
    await denoCheck("deno fmt --check", ["fmt", "--check"]),
    await denoCheck("deno lint", ["lint"]),
    await denoCheck("deno check (lessons)", [
      "check",
      ...mapFlag(lessonsMap),
      "lessons/",
      "support/",
      "tests/",
    ]),
    await denoCheck("deno check (solutions)", [
      "check",
      ...mapFlag(solutionsMap),
      "solutions/",
      "tests/",
    ]),
  ];
}

/** Every test and doc example must pass against the solutions. */
async function solutionChecks(): Promise<Check[]> {
  // Lesson tests, support tests beside their modules, and JSDoc examples.
  const run = await runTests(["tests/", "support/", "solutions/"], {
    importMap: solutionsMap,
    flags: ["-A", "--doc"],
  });
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

/** Every lesson test must fail on the stubs, with NotImplementedError. */
async function stubChecks(): Promise<Check[]> {
  const run = await runTests(["tests/"], {
    importMap: lessonsMap,
    flags: ["-R"],
  });
  if (run.outcomes.length === 0) {
    return [{
      name: "deno test ran on the stubs",
      ok: false,
      detail: run.output,
    }];
  }
  return run.outcomes
    .filter((outcome) => outcome.status !== "ignored")
    .map((outcome: TestOutcome) => ({
      name: `stubs fail: ${outcome.name}`,
      ok: outcome.status === "failed" && outcome.notImplemented,
      detail: outcome.status === "passed"
        ? `it passes without the learner's code (or ${outcome.file}'s lesson is no longer a stub)`
        : outcome.message,
    }));
}

/** The public surface of a module: `deno doc --json` without locations. */
async function surface(file: string, map: string | undefined): Promise<string> {
  const { stdout, code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", ...mapFlag(map), file],
    cwd: ROOT_DIR,
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  if (code !== 0) throw new Error(new TextDecoder().decode(stderr));
  const doc = JSON.parse(new TextDecoder().decode(stdout));
  // deno doc's output names the module and its imports; compare only the
  // module doc and the exported symbols, with paths made tree-neutral.
  const node = Object.values(doc.nodes)[0] as Record<string, unknown>;
  const text = JSON.stringify(
    { module_doc: node.module_doc, symbols: node.symbols },
    (key, value) => key === "location" ? undefined : value,
    1,
  );
  return text.replaceAll("/lessons/", "/<tree>/").replaceAll(
    "/solutions/",
    "/<tree>/",
  );
}

/** Each lesson must export exactly what its solution exports, docs included. */
async function mirrorChecks(): Promise<Check[]> {
  return await Promise.all(
    allLessons().map(async (entry) => {
      const name =
        `same exports: ${entry.lessonFile} and ${entry.solutionFile}`;
      try {
        const [lesson, solution] = await Promise.all([
          surface(entry.lessonFile, lessonsMap),
          surface(entry.solutionFile, lessonsMap),
        ]);
        if (lesson === solution) return { name, ok: true };
        const a = lesson.split("\n");
        const b = solution.split("\n");
        const i = a.findIndex((line, k) => line !== b[k]);
        return {
          name,
          ok: false,
          detail: `first difference: lesson has ${a[i]?.trim()}, solution has ${
            b[i]?.trim()
          }`,
        };
      } catch (error) {
        return { name, ok: false, detail: String(error) };
      }
    }),
  );
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

if (import.meta.main) {
  const started = performance.now();
  console.log(
    `Self-check (${offline ? "offline @std stand-ins" : "@std from JSR"})`,
  );
  const phases: [string, Promise<Check[]>][] = [
    ["format, lint and type check", staticChecks()],
    ["tests and doc examples pass against solutions/", solutionChecks()],
    ["untouched stubs fail with NotImplementedError", stubChecks()],
    ["lessons export what solutions export", mirrorChecks()],
  ];
  let passed = 0;
  let failed = 0;
  for (const [title, phase] of phases) {
    const checks = await phase;
    report(title, checks);
    passed += checks.filter((check) => check.ok).length;
    failed += checks.filter((check) => !check.ok).length;
  }
  console.log(
    `(${lessonCount()} lessons, ${
      ((performance.now() - started) / 1000).toFixed(1)
    } s)`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  Deno.exit(failed === 0 ? 0 : 1);
}

function lessonCount(): number {
  return allLessons().length;
}
