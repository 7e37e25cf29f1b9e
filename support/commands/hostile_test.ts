/**
 * Hostile inputs given to `deno task train --save` and `deno task sample`:
 * tampered and odd model files, sizes, NaN, wide characters, paths and
 * flags. Each case runs the command's `main` in this process (as the CLI
 * does, minus the process) and must end in its exit code with one readable
 * line, no stack trace (`main` would throw), nothing raw on the terminal,
 * and quickly; nothing the kata did not write is lost.
 */

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { ROOT_DIR } from "../root.ts";
import type { Terminal } from "../train/live_view.ts";
import { runCli } from "../train/_run_cli.ts";
import { main as sample } from "./sample.ts";
import { main as train } from "./train.ts";

/** What a command printed, and how it ended. */
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

/** What must never reach the terminal raw (but the line's own newline). */
// deno-lint-ignore no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

/** A model file's contents, to tamper with. */
// deno-lint-ignore no-explicit-any
type Json = any;

Deno.test("train --save and sample stand up to hostile files, sizes, characters, paths and flags", async (t) => {
  const dir = Deno.makeTempDirSync({ prefix: "kata_hostile_" });
  try {
    const names = `${dir}/names.txt`;
    Deno.writeTextFileSync(names, "emma\nava\nmia\nzoe\nliam\n");
    const quick = [
      "--solutions",
      "--data",
      names,
      "--steps",
      "3",
      "--samples",
      "0",
      "--plain",
    ];
    const models: Json[] = [];
    for (const step of [0, 1, 3, 4, 5]) {
      const path = `${dir}/m${step}.json`;
      assertEquals(
        (await run("train", [...quick, "--step", `${step}`, "--save", path]))
          .code,
        0,
      );
      models[step] = JSON.parse(Deno.readTextFileSync(path));
    }
    let count = 0;
    /** A file in the folder, from text or a tampered model. */
    const file = (content: string | Uint8Array) => {
      const path = `${dir}/f${++count}.json`;
      if (typeof content === "string") Deno.writeTextFileSync(path, content);
      else Deno.writeFileSync(path, content);
      return path;
    };
    const tampered = (step: number, change: (m: Json) => void) => {
      const copy = structuredClone(models[step]);
      change(copy);
      return file(JSON.stringify(copy));
    };
    const fill = (m: Json, value: number) => {
      for (const name in m.weights) {
        m.weights[name] = m.weights[name].map((row: number[]) =>
          row.map(() => value)
        );
      }
    };
    const model = (
      step: number,
      ...more: string[]
    ) => ["--model", `${dir}/m${step}.json`, ...more];
    const save = (
      path: string,
      ...more: string[]
    ) => [...quick, "--save", path, ...more];
    const wide = (m: Json) =>
      m.vocabulary = m.vocabulary.map((_: string, i: number) =>
        String.fromCodePoint(0x65e5 + i)
      );
    Deno.writeTextFileSync(`${dir}/notes.json`, '{"mine": true}\n');
    Deno.writeTextFileSync(
      `${dir}/half.json`,
      Deno.readTextFileSync(`${dir}/m1.json`).slice(0, 300),
    );
    Deno.symlinkSync(`${dir}/m1.json`, `${dir}/link.json`);
    new Deno.Command("mkfifo", { args: [`${dir}/fifo`] }).outputSync();
    using big = Deno.openSync(`${dir}/big.json`, { write: true, create: true });
    big.truncateSync(600 * 1024 * 1024); // sparse: costs no disk

    // [command, argv, exit code, what it says (on stderr, or stdout when it succeeds)]
    const cases: ["train" | "sample", string[], number, string][] = [
      // Model files that are not what they claim.
      ["sample", ["--model", file("")], 1, "it is not valid JSON"],
      ["sample", ["--model", file("{ nope")], 1, "it is not valid JSON"],
      [
        "sample",
        ["--model", file(new Uint8Array([0x7b, 0xe9, 0x7d]))],
        1,
        "it is not UTF-8 text",
      ],
      [
        "sample",
        ["--model", file("[1, 2]")],
        1,
        "it is not a model saved by deno task train",
      ],
      ["sample", ["--model", `${dir}/half.json`], 1, "it is not valid JSON"],
      [
        "sample",
        ["--model", file("[".repeat(100_000) + "]".repeat(100_000))],
        1,
        "it is not a model saved",
      ],
      [
        "sample",
        ["--model", file(JSON.stringify({ format: "x".repeat(1e6) }))],
        1,
        "it is not a model saved",
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.version = 2)],
        1,
        "format version 2, expected 1",
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.step = "1")],
        1,
        '"step" is "1", expected an integer',
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.step = 1e300)],
        1,
        "it was saved by step 1e+300",
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.step = 3)],
        1,
        "hyperparameters.blockSize is undefined",
      ],
      [
        "sample",
        ["--model", tampered(4, (m) => m.step = 0)],
        1,
        "weights.counts is missing",
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => delete m.training)],
        1,
        '"training" is missing',
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.hyperparameters = [16])],
        1,
        '"hyperparameters" must map names',
      ],
      // Sizes.
      [
        "sample",
        ["--model", tampered(1, (m) => m.hyperparameters.nEmbd = 1.5)],
        1,
        "nEmbd is 1.5, expected a positive integer",
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.hyperparameters.nEmbd = 8)],
        1,
        "weights.wte[0] has 16 columns, expected 8",
      ],
      [
        "sample",
        ["--model", tampered(3, (m) => m.hyperparameters.blockSize = 8)],
        1,
        "blockSize is 8, but the lessons' code uses CONFIG.blockSize = 16",
      ],
      [
        "sample",
        ["--model", tampered(5, (m) => m.hyperparameters.nHead = 2)],
        1,
        "nHead is 2, but the lessons' code uses CONFIG.nHead = 4",
      ],
      [
        "sample",
        ["--model", tampered(4, (m) => m.hyperparameters.nLayer = 0)],
        1,
        "nLayer is 0, expected a positive integer",
      ],
      [
        "sample",
        ["--model", tampered(4, (m) => m.hyperparameters.nLayer = 1e9)],
        1,
        "weights.layer1.attnWq is missing",
      ],
      [
        "sample",
        [
          "--model",
          tampered(1, (m) => m.weights.wte = Array(200_000).fill([0])),
        ],
        1,
        "weights.wte has 200000 rows",
      ],
      [
        "sample",
        ["--model", tampered(0, (m) => m.weights.counts[1][1] = 0.5)],
        1,
        "is 0.5, expected a count",
      ],
      [
        "sample",
        ["--model", `${dir}/big.json`],
        1,
        "it is too big: over 128 MB",
      ],
      // NaN, infinities, numbers too large.
      [
        "sample",
        [
          "--model",
          file(JSON.stringify(models[1]).replace(/\[\[-?[\d.e-]+/, "[[NaN")),
        ],
        1,
        "it is not valid JSON",
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.weights.wte[0][3] = null)],
        1,
        "weights.wte[0][3] is null, expected a finite number",
      ],
      [
        "sample",
        [
          "--model",
          file(JSON.stringify(models[1]).replace(/\[\[-?[\d.e-]+/, "[[1e999")),
        ],
        1,
        "is Infinity, expected a finite number",
      ],
      [
        "sample",
        ["--model", tampered(5, (m) => fill(m, 1e308))],
        1,
        "its weights do not give finite probabilities",
      ],
      [
        "sample",
        ["--model", tampered(0, (m) => fill(m, 1e308)), "--show", "e"],
        1,
        "its weights do not give finite probabilities",
      ],
      [
        "sample",
        [
          "--model",
          tampered(
            5,
            (m) =>
              m.weights["layer0.attnWq"].forEach((r: number[]) =>
                r.fill(1e150)
              ),
          ),
          "--attention",
          "emma",
        ],
        0,
        "Attention over",
      ],
      [
        "sample",
        model(5, "--show", "e", "--temperature", "1e-308"),
        0,
        "at temperature 1e-308",
      ],
      [
        "sample",
        model(1, "--temperature", "1e-320"),
        2,
        "--temperature 1e-320 is too small",
      ],
      [
        "sample",
        model(0, "--temperature", "1"),
        2,
        "Step 0 samples without temperature",
      ],
      // Characters.
      [
        "sample",
        ["--model", tampered(1, (m) => m.vocabulary[0] = "\u001b")],
        1,
        'is the control character "\\u001b"',
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.vocabulary[0] = "\u202e")],
        1,
        'is the character "\\u202e"',
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.vocabulary[0] = "\ud800")],
        1,
        'is the character "\\ud800"',
      ],
      [
        "sample",
        ["--model", tampered(1, (m) => m.vocabulary[0] = "ab")],
        1,
        "distinct single characters",
      ],
      [
        "sample",
        [
          "--model",
          tampered(
            1,
            (m) =>
              m.vocabulary = Array.from(
                { length: 256 },
                (_, i) => String.fromCodePoint(0x100 + i),
              ),
          ),
        ],
        1,
        '"vocabulary" has 256 characters',
      ],
      [
        "sample",
        ["--model", tampered(3, wide), "--attention", "日旦"],
        0,
        "          BOS    日    旦\n  BOS   ██100\n  日    ",
      ],
      [
        "sample",
        ["--model", tampered(1, wide), "--show", "日"],
        0,
        "\n  日   ",
      ],
      [
        "sample",
        [
          "--model",
          tampered(1, (m) => m.vocabulary[0] = "\u200b"),
          "--show",
          "\u200b",
        ],
        0,
        'after "\\u200b"',
      ],
      [
        "sample",
        model(1, "--show", "\u001b[2J"),
        2,
        '--show "\\u001b[2J" uses "\\u001b", which is not in the model\'s vocabulary',
      ],
      [
        "sample",
        model(5, "--attention", "emmaemmaemmaemma"),
        2,
        "at most 15 characters",
      ],
      [
        "sample",
        model(1, "--attention", "em"),
        2,
        "--attention is not offered for a Step 1 model",
      ],
      // Paths.
      [
        "sample",
        ["--model", dir],
        1,
        "it is a folder, expected a regular file",
      ],
      [
        "sample",
        ["--model", "/dev/zero"],
        1,
        "it is a device, expected a regular file",
      ],
      ["sample", ["--model", `${dir}/fifo`], 1, "it is a pipe"],
      [
        "sample",
        ["--model", `${dir}/none\n.json`],
        1,
        'none\\u000a.json": it does not exist (save one with',
      ],
      ["train", save(names), 1, "it is the data file being trained on"],
      ["train", save(`${dir}/notes.json`), 1, "--save never overwrites one"],
      ["train", save(`${dir}/half.json`), 1, "--save never overwrites one"],
      ["train", save(`${dir}/link.json`), 1, "it is a symbolic link"],
      ["train", save(`${dir}/fifo`), 1, "it is a pipe"],
      ["train", save("/dev/null"), 1, "it is a device"],
      ["train", save(`${dir}/no/model.json`), 1, "does not exist"],
      [
        "train",
        save(`${ROOT_DIR}lessons/step1/04_softmax.ts`),
        1,
        "inside the kata's lessons/ folder",
      ],
      [
        "train",
        save(`${ROOT_DIR}support/model.json`),
        1,
        "inside the kata's support/ folder",
      ],
      [
        "train",
        save(`${dir}/${"x".repeat(300)}.json`),
        1,
        "Cannot save the model to",
      ],
      [
        "train",
        save(`${dir}/m1.json`, "--step", "0", "--lr", "1"),
        2,
        "leave out --lr",
      ],
      [
        "train",
        save(`${dir}/m\u001b[2J\u202e.json`),
        0,
        "m\\u001b[2J\\u202e.json (try: deno task sample --solutions --model '",
      ],
      ["train", save(`${dir}/it's.json`), 0, `--model '${dir}/it'\\''s.json')`],
      [
        "train",
        [...quick, "--data", "/dev/zero"],
        1,
        "it is a device, expected a regular file",
      ],
      [
        "train",
        [...quick, "--data", `${dir}/big.json`],
        1,
        "it is too big: over 32 MB",
      ],
    ];
    for (const [command, argv, code, says] of cases) {
      await t.step(
        `${command} ${argv.join(" ").replaceAll(dir, "…").slice(0, 100)}`,
        async () => {
          const result = await run(command, argv);
          assertEquals(result.code, code, result.stderr);
          assert(result.seconds < 20, `${result.seconds} s`);
          assert(!RAW.test(result.stderr), result.stderr);
          if (code === 0) {
            assertStringIncludes(result.stdout + result.stderr, says);
          } else {
            assertEquals(result.stdout, "");
            assertEquals(result.stderr.split("\n").length, 2, result.stderr);
            assertStringIncludes(result.stderr, `error: `);
            assertStringIncludes(result.stderr, says);
            assert(result.stderr.length < 700, "a short message");
          }
        },
      );
    }
    // Nothing the kata did not write was touched.
    assertEquals(Deno.readTextFileSync(names), "emma\nava\nmia\nzoe\nliam\n");
    assertEquals(
      Deno.readTextFileSync(`${dir}/notes.json`),
      '{"mine": true}\n',
    );
    assertEquals(Deno.lstatSync(`${dir}/link.json`).isSymlink, true);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("train --save refuses a system path under the trainer's own permissions", async () => {
  const { code, stderr } = await runCli("train", ["--save", "/proc/x.json"]);
  assertEquals(code, 1);
  assertStringIncludes(
    stderr,
    'Cannot save the model to "/proc/x.json": it is a system path',
  );
});
