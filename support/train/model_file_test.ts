import { assertEquals, assertThrows } from "@std/assert";
import { ModelFileError } from "./errors.ts";
import { ROOT_DIR } from "../root.ts";
import {
  checkSavePath,
  type ModelFile,
  parseModelFile,
  readModelFile,
  stringifyModelFile,
  writeModelFile,
} from "./model_file.ts";

const MODEL: ModelFile = {
  format: "microgpt-kata-model",
  version: 1,
  step: 1,
  vocabulary: ["a", "b"],
  hyperparameters: { nEmbd: 2 },
  training: { seed: 42, steps: 10, lr: 1, data: "names.txt", numDocs: 3 },
  weights: {
    wte: [[0.1, -0.2], [1e-17, 3], [0.30000000000000004, -5e-324]],
  },
};

async function withTempDir(fn: (dir: string) => void | Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kata_model_test_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const isFolder = (path: string) => {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
};

Deno.test("parseModelFile() names the first problem", () => {
  const text = (change: (m: Record<string, unknown>) => void) => {
    const copy = structuredClone(MODEL) as unknown as Record<string, unknown>;
    change(copy);
    return JSON.stringify(copy);
  };
  const cases: [string, string][] = [
    ["{", "it is not valid JSON"],
    [
      "[]",
      'it is not a model saved by deno task train (expected "format": "microgpt-kata-model")',
    ],
    [text((m) => m.version = 2), "it has format version 2, expected 1"],
    [
      text((m) => delete m.version),
      'it has no format "version", expected 1',
    ],
    [text((m) => m.step = "one"), '"step" is "one", expected an integer'],
    [
      text((m) => m.vocabulary = ["ab"]),
      '"vocabulary" must be a list of distinct single characters',
    ],
    [text((m) => m.vocabulary = []), '"vocabulary" must be a list'],
    [
      text((m) => m.vocabulary = ["a", "\u202e"]),
      '"vocabulary"[1] is the character "\\u202e", which no names file the kata reads can hold',
    ],
    [
      text((m) => m.vocabulary = ["\ud800"]),
      '"vocabulary"[0] is the character "\\ud800", which no names file',
    ],
    [
      text((m) =>
        m.vocabulary = Array.from(
          { length: 256 },
          (_, i) => String.fromCodePoint(0x100 + i),
        )
      ),
      '"vocabulary" has 256 characters, expected at most 255',
    ],
    [
      text((m) => m.hyperparameters = { nEmbd: "2" }),
      '"hyperparameters" must map names to finite numbers',
    ],
    [text((m) => delete m.training), '"training" is missing'],
    [text((m) => m.weights = {}), '"weights" must map names to matrices'],
    [
      text((m) => m.weights = { wte: [] }),
      "weights.wte must be a non-empty list of rows",
    ],
    [
      text((m) => m.weights = { wte: [1] }),
      "weights.wte[0] must be a list of numbers",
    ],
    [
      text((m) => m.weights = { wte: [[1, "2"]] }),
      'weights.wte[0][1] is "2", expected a finite number',
    ],
    [
      text((m) => m.weights = { wte: [[1, null]] }),
      "weights.wte[0][1] is null, expected a finite number",
    ],
    [
      stringifyModelFile(MODEL).replace("-0.2", "-1e400"),
      "weights.wte[0][1] is -Infinity, expected a finite number",
    ],
  ];
  for (const [input, message] of cases) {
    assertThrows(
      () => parseModelFile(input, "m.json"),
      ModelFileError,
      `Cannot load model file "m.json": ${message}`,
    );
  }
});

Deno.test("checkSavePath() never lets --save destroy a file the kata did not write", async (t) => {
  await withTempDir(async (dir) => {
    const names = `${dir}/names.txt`;
    Deno.writeTextFileSync(names, "emma\nava\n");
    await t.step("the data file", () => {
      assertThrows(
        () => checkSavePath(names, names),
        ModelFileError,
        "it is the data file being trained on",
      );
    });
    await t.step(
      "any file that is not a model, even one that begins as one",
      () => {
        const lookalike = `${dir}/lookalike.json`;
        const text = stringifyModelFile(MODEL);
        Deno.writeTextFileSync(lookalike, text.slice(0, text.length / 2));
        for (const path of [names, lookalike]) {
          assertThrows(
            () => checkSavePath(path),
            ModelFileError,
            "--save never overwrites one",
          );
        }
      },
    );
    await t.step("a model file may be replaced", () => {
      writeModelFile(`${dir}/model.json`, MODEL);
      assertEquals(checkSavePath(`${dir}/model.json`)?.isFile, true);
    });
    await t.step("a symbolic link, even to a model", () => {
      Deno.symlinkSync(`${dir}/model.json`, `${dir}/link.json`);
      assertThrows(
        () => checkSavePath(`${dir}/link.json`),
        ModelFileError,
        "it is a symbolic link",
      );
    });
    await t.step("a device", () => {
      assertThrows(
        () => checkSavePath("/dev/null"),
        ModelFileError,
        'Cannot save the model to "/dev/null": it is a device',
      );
    });
    await t.step("the kata's own folders", () => {
      Deno.mkdirSync(`${ROOT_DIR}.kata`, { recursive: true });
      const folders = [
        "lessons/step1",
        "solutions",
        "tests",
        "support",
        "bench",
        "docs",
        ".kata",
        // A .git folder only in a clone: a worktree's .git is a file, and a
        // downloaded copy has none.
        ...(isFolder(`${ROOT_DIR}.git`) ? [".git"] : []),
      ];
      for (const folder of folders) {
        assertThrows(
          () => checkSavePath(`${ROOT_DIR}${folder}/model.json`),
          ModelFileError,
          "which --save never writes to",
        );
      }
      assertThrows(
        () => checkSavePath(`${ROOT_DIR}lessons/step1/04_softmax.ts`),
        ModelFileError,
        "lessons/ folder",
      );
    });
    await t.step("a missing folder, a folder", () => {
      assertThrows(
        () => checkSavePath(`${dir}/missing/model.json`),
        ModelFileError,
        `folder "${dir}/missing" does not exist`,
      );
      assertThrows(() => checkSavePath(dir), ModelFileError, "it is a folder");
    });
    await t.step("a read-only folder is reported before training", () => {
      if (Deno.uid() === 0) return; // root writes anywhere
      Deno.mkdirSync(`${dir}/ro`);
      Deno.chmodSync(`${dir}/ro`, 0o555);
      try {
        assertThrows(
          () => checkSavePath(`${dir}/ro/model.json`),
          ModelFileError,
          `folder "${dir}/ro" cannot be written (permission denied)`,
        );
      } finally {
        Deno.chmodSync(`${dir}/ro`, 0o755);
      }
    });
  });
});

Deno.test("writeModelFile() keeps what appeared or changed after the check", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/model.json`;
    // Nothing there at the check; a file of the learner's appears meanwhile.
    const none = checkSavePath(path);
    Deno.writeTextFileSync(path, "mine");
    assertThrows(
      () => writeModelFile(path, MODEL, none),
      ModelFileError,
      "a file appeared there after it was checked, so it is kept",
    );
    assertEquals(Deno.readTextFileSync(path), "mine");
    // A model file that is rewritten after the check is kept too.
    Deno.removeSync(path);
    writeModelFile(path, MODEL);
    const checked = checkSavePath(path);
    Deno.writeTextFileSync(path, "mine, now");
    assertThrows(() => writeModelFile(path, MODEL, checked), ModelFileError);
    assertEquals(Deno.readTextFileSync(path), "mine, now");
    assertEquals([...Deno.readDirSync(dir)].length, 1, "no temporary file");
  });
});

Deno.test("writeModelFile() replaces the model checked, keeping its permissions", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/model.json`;
    writeModelFile(path, MODEL, checkSavePath(path));
    assertEquals(Deno.statSync(path).mode! & 0o777, 0o666 & ~Deno.umask());
    Deno.chmodSync(path, 0o640);
    const changed = { ...MODEL, step: 2 };
    writeModelFile(path, changed, checkSavePath(path));
    assertEquals(readModelFile(path), changed);
    assertEquals(Deno.statSync(path).mode! & 0o777, 0o640);
  });
});

Deno.test("checkSavePath() removes what a killed save to that name left behind", async () => {
  await withTempDir((dir) => {
    for (const name of ["model.json.123-456.tmp", "other.json.123-456.tmp"]) {
      Deno.writeTextFileSync(`${dir}/${name}`, "{");
    }
    checkSavePath(`${dir}/model.json`);
    assertEquals(
      [...Deno.readDirSync(dir)].map((entry) => entry.name),
      ["other.json.123-456.tmp"],
    );
  });
});

Deno.test("readModelFile() explains a missing file and reads only regular files", () => {
  assertThrows(
    () => readModelFile("/nonexistent/model.json"),
    ModelFileError,
    'Cannot read model file "/nonexistent/model.json": it does not exist (save one with',
  );
  assertThrows(
    () => readModelFile("/dev/zero"),
    ModelFileError,
    'Cannot read model file "/dev/zero": it is a device, expected a regular file',
  );
});
