/**
 * Hostile inputs given to `deno task train` and `deno task sample`, each run
 * as the launcher runs it (a child process with the trainer's permissions):
 * nothing is lost, nothing crashes, every refusal is one readable line.
 */

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import {
  CAN_RUN,
  type CliResult,
  IGNORED_REASON,
  runCli,
  SOLUTIONS_MAP,
} from "../train/_run_cli.ts";
import { ROOT_DIR } from "../root.ts";

/** One refusal: exit code, one line on stderr, no stack trace. */
function assertRefused(result: CliResult, code: number, message: string) {
  assertEquals(result.code, code, result.stderr);
  assertStringIncludes(result.stderr, message);
  const lines = result.stderr.trimEnd().split("\n").filter((line) =>
    line.startsWith("error:")
  );
  assertEquals(lines.length, 1, result.stderr);
  assert(!/\n\s+at /.test(result.stderr), `a stack trace:\n${result.stderr}`);
  // deno-lint-ignore no-control-regex
  assert(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(result.stderr));
}

const QUICK = ["--steps", "2", "--samples", "1", "--plain", "--solutions"];

function withDir(fn: (dir: string) => Promise<void>) {
  return async () => {
    const dir = Deno.makeTempDirSync({ prefix: "kata_hostile_" });
    try {
      await fn(dir);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  };
}

Deno.test({
  name: `train --save never destroys a file it did not write${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: withDir(async (dir) => {
    const names = `${dir}/names.txt`;
    Deno.writeTextFileSync(names, "emma\nava\nmia\n");
    assertRefused(
      await runCli("train", ["--data", names, "--save", names, ...QUICK]),
      1,
      "it is the data file being trained on",
    );
    assertEquals(Deno.readTextFileSync(names), "emma\nava\nmia\n");

    const lesson = `${ROOT_DIR}lessons/step1/04_softmax.ts`;
    const before = Deno.readTextFileSync(lesson);
    assertRefused(
      await runCli("train", ["--data", names, "--save", lesson, ...QUICK]),
      1,
      "inside the kata's lessons/ folder",
    );
    assertEquals(Deno.readTextFileSync(lesson), before);

    const notes = `${dir}/notes.json`;
    Deno.writeTextFileSync(notes, '{"mine": true}\n');
    assertRefused(
      await runCli("train", ["--data", names, "--save", notes, ...QUICK]),
      1,
      "--save never overwrites one",
    );
    assertEquals(Deno.readTextFileSync(notes), '{"mine": true}\n');

    assertRefused(
      await runCli("train", ["--data", names, "--save", "/dev/null", ...QUICK]),
      1,
      'Cannot save the model to "/dev/null": it is a device',
    );
    assertRefused(
      await runCli("train", [
        "--data",
        names,
        "--save",
        "/proc/x.json",
        ...QUICK,
      ]),
      1,
      "it is a system path",
    );

    // A model file may be replaced, and keeps its permissions.
    const model = `${dir}/model.json`;
    const saved = await runCli("train", [
      "--data",
      names,
      "--save",
      model,
      ...QUICK,
    ]);
    assertEquals(saved.code, 0, saved.stderr);
    assertStringIncludes(
      saved.stderr,
      `(try: deno task sample --solutions --model ${model})`,
    );
    Deno.chmodSync(model, 0o644);
    Deno.writeTextFileSync(`${dir}/model.json.1-2.tmp`, "{");
    const again = await runCli("train", [
      "--data",
      names,
      "--save",
      model,
      ...QUICK,
    ]);
    assertEquals(again.code, 0, again.stderr);
    assertEquals(Deno.statSync(model).mode! & 0o777, 0o644);
    assertEquals(
      [...Deno.readDirSync(dir)].map((entry) => entry.name).sort(),
      ["model.json", "names.txt", "notes.json"],
    );
  }),
});

Deno.test({
  name:
    `train and sample read only regular files, within a size limit${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: withDir(async (dir) => {
    assertRefused(
      await runCli("train", ["--data", "/dev/zero", ...QUICK]),
      1,
      'Cannot read data file "/dev/zero": it is a device, expected a regular file',
    );
    assertRefused(
      await runCli("sample", ["--model", "/dev/zero", "--solutions"]),
      1,
      'Cannot read model file "/dev/zero": it is a device',
    );
    const pipe = `${dir}/pipe`;
    const mkfifo = new Deno.Command("mkfifo", { args: [pipe] });
    if ((await mkfifo.output().catch(() => undefined))?.success) {
      assertRefused(
        await runCli("train", ["--data", pipe, ...QUICK]),
        1,
        "it is a pipe",
      );
      assertRefused(
        await runCli("sample", ["--model", pipe, "--solutions"]),
        1,
        "it is a pipe",
      );
    }
    // A sparse file: huge, but costs no disk.
    const big = `${dir}/big.txt`;
    using file = Deno.openSync(big, { write: true, create: true });
    file.truncateSync(600 * 1024 * 1024);
    assertRefused(
      await runCli("train", ["--data", big, ...QUICK]),
      1,
      "it is too big: over 32 MB",
    );
    assertRefused(
      await runCli("sample", ["--model", big, "--solutions"]),
      1,
      "it is too big: over 128 MB",
    );
  }),
});

Deno.test({
  name:
    `a temperature too small to divide by is refused at once; weights that overflow end sampling in one sentence${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: withDir(async (dir) => {
    const names = `${dir}/names.txt`;
    Deno.writeTextFileSync(names, "emma\nava\nmia\n");
    assertRefused(
      await runCli("train", [
        "--data",
        names,
        "--temperature",
        "1e-320",
        ...QUICK,
      ]),
      2,
      "--temperature 1e-320 is too small",
    );
    const model = `${dir}/model.json`;
    const saved = await runCli("train", [
      "--data",
      names,
      "--save",
      model,
      ...QUICK,
    ]);
    assertEquals(saved.code, 0, saved.stderr);
    for (const show of [[], ["--show"]]) {
      assertRefused(
        await runCli("sample", [
          "--model",
          model,
          "--temperature",
          "1e-320",
          "--solutions",
          ...show,
        ]),
        2,
        "--temperature 1e-320 is too small",
      );
    }
    const huge = JSON.parse(Deno.readTextFileSync(model));
    for (const matrix of Object.values(huge.weights) as number[][][]) {
      for (const row of matrix) row.fill(1e308);
    }
    Deno.writeTextFileSync(model, JSON.stringify(huge));
    assertRefused(
      await runCli("sample", ["--model", model, "--solutions"]),
      1,
      "its weights do not give finite probabilities",
    );
  }),
});

Deno.test({
  name:
    `control characters and deep nesting never reach the terminal raw${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: withDir(async (dir) => {
    const names = `${dir}/names.txt`;
    Deno.writeTextFileSync(names, "emma\nava\nmia\n");
    const model = `${dir}/model.json`;
    const saved = await runCli("train", [
      "--data",
      names,
      "--save",
      model,
      ...QUICK,
    ]);
    assertEquals(saved.code, 0, saved.stderr);
    const escape = JSON.parse(Deno.readTextFileSync(model));
    escape.vocabulary[0] = "\u001b";
    Deno.writeTextFileSync(`${dir}/esc.json`, JSON.stringify(escape));
    assertRefused(
      await runCli("sample", ["--model", `${dir}/esc.json`, "--solutions"]),
      1,
      'is the control character "\\u001b"',
    );
    const deep = JSON.parse(Deno.readTextFileSync(model));
    deep.step = "STEP";
    const text = JSON.stringify(deep).replace(
      '"STEP"',
      "[".repeat(100_000) + "]".repeat(100_000),
    );
    Deno.writeTextFileSync(`${dir}/deep.json`, text);
    const result = await runCli("sample", [
      "--model",
      `${dir}/deep.json`,
      "--solutions",
    ]);
    assertRefused(result, 1, '"step" is a list, expected an integer');
    assert(result.stderr.length < 600);
    assertRefused(
      await runCli("sample", [
        "--model",
        model,
        "--solutions",
        "--show",
        "\u001b[2J",
      ]),
      2,
      '--show "\\u001b[2J" uses "\\u001b"',
    );
    Deno.writeTextFileSync(names, "emma\nav\u001bа\n");
    assertRefused(
      await runCli("train", ["--data", names, ...QUICK]),
      1,
      'name 2, "av\\u001bа", contains a control character',
    );
  }),
});

Deno.test({
  name: `flags: the message blames the right thing${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    const cases: [string[], string][] = [
      [["--steps", ""], "--steps needs a value"],
      [
        ["--seed", "9007199254740993"],
        "is too large: integers are exact only up to 2^53 - 1",
      ],
      [["--lr", "1e-400"], "--lr 1e-400 is too small: it rounds to 0"],
      [["--solutions=true"], "--solutions takes no value"],
    ];
    for (const [args, message] of cases) {
      assertRefused(await runCli("train", args), 2, message);
    }
    assertRefused(
      await runCli("sample", ["--temperature", "1e999"]),
      2,
      "--temperature 1e999 is too large",
    );
  },
});

Deno.test({
  name:
    `viz and verify refuse an unknown flag in one escaped line${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    const escape = "--\u001b[31mbogus";
    for (
      const script of ["support/commands/viz.ts", "support/commands/verify.ts"]
    ) {
      for (const args of [[escape], ["--port", "x".repeat(100_000)]]) {
        const { code, stdout, stderr } = await new Deno.Command(
          Deno.execPath(),
          {
            args: ["run", "-A", "--import-map", SOLUTIONS_MAP, script, ...args],
            cwd: ROOT_DIR,
            env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
            stdin: "null",
          },
        ).output();
        const result = {
          code,
          stdout: new TextDecoder().decode(stdout),
          stderr: new TextDecoder().decode(stderr),
        };
        assertRefused(result, 2, "error:");
        assert(result.stderr.length < 1000, `${script}: a long message`);
      }
    }
  },
});

Deno.test({
  name: `viz on a port already in use says so in one sentence${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--import-map",
        SOLUTIONS_MAP,
        "support/commands/viz.ts",
        "--port",
        String(port),
      ],
      cwd: ROOT_DIR,
      env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
      stdin: "null",
    }).output();
    assertRefused(
      { code, stdout: "", stderr: new TextDecoder().decode(stderr) },
      1,
      `port ${port} on 127.0.0.1 is already in use`,
    );
  },
});

Deno.test({
  name:
    `train and sample on a lesson that does not parse: one sentence naming its file and line${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: withDir(async (dir) => {
    // The solutions' map, made absolute, with one lesson swapped for a file
    // with a syntax error, as a learner's half-written lesson would be.
    const base = `file://${SOLUTIONS_MAP}`;
    const absolute = (path: string) =>
      path.startsWith("../") ? new URL(path, base).href : path;
    const imports: Record<string, string> = {};
    const solutionsMap = JSON.parse(Deno.readTextFileSync(SOLUTIONS_MAP));
    for (const [key, value] of Object.entries<string>(solutionsMap.imports)) {
      imports[absolute(key)] = absolute(value);
    }
    const broken = `${dir}/03_model.ts`;
    Deno.writeTextFileSync(broken, "export const x: number = 1 +;\n");
    imports[`file://${ROOT_DIR}lessons/step0/03_model.ts`] = `file://${broken}`;
    const map = { imports };
    const mapFile = `${dir}/map.json`;
    Deno.writeTextFileSync(mapFile, JSON.stringify(map));
    for (const script of ["train", "sample"] as const) {
      assertRefused(
        await runCli(
          script,
          ["--step", "0"].slice(script === "train" ? 0 : 2),
          {
            importMap: mapFile,
          },
        ),
        1,
        `The lessons could not be loaded: SyntaxError: Expression expected (at ${broken}:1)`,
      );
    }
  }),
});
