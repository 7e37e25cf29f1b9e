/**
 * Hostile inputs given to `deno task train --save` and `deno task sample`:
 * tampered and odd model files, sizes, NaN, wide characters, paths and
 * flags. Each case runs the command's `main` in this process (as the CLI
 * does, minus the process) and must end with its exit code and one short
 * line, no stack trace (`main` would throw), nothing raw on the terminal,
 * and quickly; nothing the kata did not write is lost.
 */

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { ROOT_DIR } from "../root.ts";
import type { Terminal } from "../train/live_view.ts";
import { runCli } from "../train/_run_cli.ts";
import { main as sample } from "./sample.ts";
import { main as train } from "./train.ts";

/** What must never reach the terminal raw (but a line's own newline). */
// deno-lint-ignore no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

/** A model file's contents, to tamper with. */
// deno-lint-ignore no-explicit-any
type Json = any;

/** Runs a command's `main` in this process; what it printed, how it ended. */
async function run(command: "train" | "sample", argv: string[]) {
  const printed = { stdout: "", stderr: "" };
  const terminal: Terminal = {
    out: (text) => void (printed.stdout += text),
    err: (text) => void (printed.stderr += text),
    size: () => ({ columns: 80, rows: 24 }),
    now: () => performance.now(),
  };
  const start = performance.now();
  const code = await (command === "train" ? train : sample)(argv, terminal);
  return { code, ...printed, seconds: (performance.now() - start) / 1000 };
}

Deno.test("train --save and sample stand up to hostile files, sizes, characters, paths and flags", async (t) => {
  const dir = Deno.makeTempDirSync({ prefix: "kata_hostile_" });
  const names = `${dir}/names.txt`;
  Deno.writeTextFileSync(names, "emma\nava\nmia\nzoe\nliam\n");
  const quick = ["--solutions", "--data", names, "--steps", "3", "--plain"];
  const save = (path: string) => [...quick, "--save", path];
  const models: Json[] = [];
  for (const step of [0, 1, 3, 4, 5]) {
    const path = `${dir}/m${step}.json`;
    await run("train", [...save(path), "--step", `${step}`]);
    models[step] = JSON.parse(Deno.readTextFileSync(path));
  }
  let count = 0;
  /** A file of the folder holding `content`. */
  const file = (content: string | Uint8Array) => {
    const path = `${dir}/f${++count}.json`;
    if (typeof content === "string") Deno.writeTextFileSync(path, content);
    else Deno.writeFileSync(path, content);
    return path;
  };
  /** `--model` with step `step`'s model, changed. */
  const tampered = (step: number, change: (m: Json) => unknown) => {
    const copy = structuredClone(models[step]);
    change(copy);
    return ["--model", file(JSON.stringify(copy))];
  };
  const text = (content: string | Uint8Array) => ["--model", file(content)];
  const model = (step: number) => ["--model", `${dir}/m${step}.json`];
  const m1 = JSON.stringify(models[1]);
  const fill = (value: number) => (m: Json) =>
    Object.values<number[][]>(m.weights).forEach((w) =>
      w.forEach((row) => row.fill(value))
    );
  const huge = (name: string) => (m: Json) =>
    m.weights[name].forEach((row: number[]) => row.fill(1e150));
  const chars = (n: number, from = 0x100) =>
    Array.from({ length: n }, (_, i) => String.fromCodePoint(from + i));
  const wide = (m: Json) => m.vocabulary = chars(m.vocabulary.length, 0x65e5);
  const notes = file('{"mine": true}\n');
  const half = file(m1.slice(0, 300));
  Deno.symlinkSync(`${dir}/m1.json`, `${dir}/link.json`);
  new Deno.Command("mkfifo", { args: [`${dir}/fifo`] }).outputSync();
  using big = Deno.openSync(`${dir}/big`, { write: true, create: true });
  big.truncateSync(600 * 1024 * 1024); // sparse: costs no disk

  // [argv, exit code, what it says (on stderr; on stdout when it succeeds)]
  const samples: [string[], number, string][] = [
    // Files that are not what they claim.
    [text(""), 1, "it is not valid JSON"],
    [text(new Uint8Array([0x7b, 0xe9, 0x7d])), 1, "it is not UTF-8 text"],
    [text("[1, 2]"), 1, "it is not a model saved by deno task train"],
    [["--model", half], 1, "it is not valid JSON"],
    [text("[".repeat(1e5) + "]".repeat(1e5)), 1, "it is not a model saved"],
    [text(JSON.stringify({ format: "x".repeat(1e6) })), 1, "not a model"],
    [tampered(1, (m) => m.version = 2), 1, '"version" is 2, expected 1'],
    [tampered(1, (m) => m.step = "1"), 1, '"step" is "1", expected an int'],
    [tampered(1, (m) => m.step = 1e300), 1, "it was saved by step 1e+300"],
    [tampered(1, (m) => m.step = 3), 1, "blockSize is undefined, but the"],
    [tampered(4, (m) => m.step = 0), 1, "weights.counts is missing"],
    [tampered(1, (m) => delete m.training), 1, '"training" is missing'],
    [tampered(1, (m) => m.hyperparameters = [16]), 1, '"hyperparameters" '],
    // Sizes.
    [tampered(1, (m) => m.hyperparameters.nEmbd = 1.5), 1, "nEmbd is 1.5"],
    [tampered(1, (m) => m.hyperparameters.nEmbd = 8), 1, "nEmbd is 8, but"],
    [
      tampered(3, (m) => m.hyperparameters.blockSize = 8),
      1,
      "blockSize is 8, but",
    ],
    [tampered(5, (m) => m.hyperparameters.nHead = 2), 1, "nHead is 2, but"],
    [tampered(4, (m) => m.hyperparameters.nLayer = 0), 1, "nLayer is 0"],
    [
      tampered(4, (m) => m.hyperparameters.nLayer = 1e9),
      1,
      "is 1000000000, but",
    ],
    [tampered(1, (m) => m.weights.wte = Array(2e5).fill([0])), 1, "200000"],
    [tampered(0, (m) => m.weights.counts[1][1] = 0.5), 1, "expected a count"],
    [["--model", `${dir}/big`], 1, "it is too big: over 128 MB"],
    // NaN, infinities, numbers too large, temperatures.
    [text(m1.replace(/\[\[-?[\d.e-]+/, "[[NaN")), 1, "not valid JSON"],
    [text(m1.replace(/\[\[-?[\d.e-]+/, "[[1e999")), 1, "is Infinity, exp"],
    [tampered(1, (m) => m.weights.wte[0][3] = null), 1, "[0][3] is null"],
    [tampered(5, fill(1e308)), 1, "became NaN or infinite"],
    [[...tampered(0, fill(1e308)), "--show"], 1, "are not usable"],
    [[...tampered(5, huge("layer0.attnWq")), "--attention", "em"], 0, "over"],
    [[...model(5), "--show", "e", "--temperature", "1e-308"], 0, "1e-308"],
    [[...model(1), "--temperature", "1e-320"], 2, "1e-320 is too small"],
    [[...model(0), "--temperature", "1"], 2, "samples without temperature"],
    // Characters.
    [
      tampered(1, (m) => m.vocabulary[0] = "\u001b"),
      1,
      '"\\u001b", expected a char',
    ],
    [
      tampered(1, (m) => m.vocabulary[0] = "\u202e"),
      1,
      '"\\u202e", expected a char',
    ],
    [
      tampered(1, (m) => m.vocabulary[0] = "\ud800"),
      1,
      '"\\ud800", expected a char',
    ],
    [tampered(1, (m) => m.vocabulary[0] = "ab"), 1, '"ab", expected a char'],
    [
      tampered(1, (m) => m.vocabulary = chars(256)),
      1,
      "has 256 characters, expected 1 to 255",
    ],
    [
      [...tampered(3, wide), "--attention", "日旦"],
      0,
      "          BOS    日    旦\n  BOS   ██100\n  日    ",
    ],
    [[...tampered(1, wide), "--show", "日"], 0, "\n  日   "],
    [
      [...tampered(1, (m) => m.vocabulary[0] = "\u200b"), "--show", "\u200b"],
      0,
      'after "\\u200b"',
    ],
    [[...model(1), "--show", "\u001b[2J"], 2, 'uses "\\u001b", which is not'],
    [[...model(5), "--attention", "e".repeat(16)], 2, "at most 15 char"],
    [[...model(1), "--attention", "em"], 2, "not offered for a Step 1 model"],
    // Paths.
    [["--model", dir], 1, "it is a folder, expected a regular file"],
    [["--model", "/dev/zero"], 1, "it is a device, expected a regular file"],
    [["--model", `${dir}/fifo`], 1, "it is a pipe"],
    [
      ["--model", `${dir}/x\n.json`],
      1,
      '.json": it does not exist (save one with',
    ],
  ];
  const trains: [string[], number, string][] = [
    [save(names), 1, "--save never overwrites one"],
    [save(notes), 1, "a file that is not a model saved by deno task train is"],
    [save(half), 1, "--save never overwrites one"],
    [save(`${dir}/link.json`), 1, "a symbolic link is already there"],
    [save(`${dir}/fifo`), 1, "a pipe is already there"],
    [save("/dev/null"), 1, "a device is already there"],
    [save(`${dir}/no/model.json`), 1, "no such file or folder"],
    [save(`${dir}/new/`), 1, 'new/": no such file or folder'],
    [save(`${dir}/..`), 1, "a folder is already there"],
    [save(`${ROOT_DIR}lessons/step1/04_softmax.ts`), 1, "kata's lessons/"],
    [save(`${ROOT_DIR}support/model.json`), 1, "kata's support/ folder"],
    [save(`${dir}/${"x".repeat(300)}.json`), 1, "Cannot save the model"],
    [[...save(`${dir}/m1.json`), "--step", "0", "--lr", "1"], 2, "--lr"],
    [save(`${dir}/m\u001b[2J\u202e.json`), 0, "m\\u001b[2J\\u202e.json ("],
    [save(`${dir}/it's.json`), 0, `--model '${dir}/it'\\''s.json')`],
    [[...quick, "--data", "/dev/zero"], 1, "it is a device, expected a"],
    [[...quick, "--data", `${dir}/big`], 1, "it is too big: over 32 MB"],
  ];
  const cases = [
    ...samples.map(([argv, ...rest]) => ["sample", argv, ...rest] as const),
    ...trains.map(([argv, ...rest]) => ["train", argv, ...rest] as const),
  ];
  try {
    for (const [command, argv, code, says] of cases) {
      const name = `${command} ${argv.join(" ")}`.replaceAll(dir, "…");
      await t.step(name.slice(0, 100), async () => {
        const result = await run(command, [...argv]);
        assertEquals(result.code, code, result.stderr);
        assert(result.seconds < 20, `${result.seconds} s`);
        assert(!RAW.test(result.stderr), result.stderr);
        if (code === 0) {
          assertStringIncludes(result.stdout + result.stderr, says);
        } else {
          assertEquals(result.stdout, "");
          assertEquals(result.stderr.split("\n").length, 2, result.stderr);
          assertStringIncludes(result.stderr, "error: ");
          assertStringIncludes(result.stderr, says);
          assert(result.stderr.length < 700, "a short message");
        }
      });
    }
    // Nothing the kata did not write was touched.
    assertEquals(Deno.readTextFileSync(names), "emma\nava\nmia\nzoe\nliam\n");
    assertEquals(Deno.readTextFileSync(notes), '{"mine": true}\n');
    assertEquals(Deno.lstatSync(`${dir}/link.json`).isSymlink, true);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("train --save refuses a system path under the trainer's own permissions", async () => {
  const { code, stderr } = await runCli("train", ["--save", "/proc/x.json"]);
  assertEquals(code, 1);
  assertStringIncludes(stderr, '"/proc/x.json": it is a system path');
});
