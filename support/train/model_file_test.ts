import { assertEquals, assertThrows } from "@std/assert";
import { UserError } from "../cli/errors.ts";
import { ROOT_DIR } from "../root.ts";
import {
  checkSavePath,
  type ModelFile,
  readModelFile,
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

Deno.test("readModelFile() names the first problem", async () => {
  // (Most refusals are checked end to end in ../commands/hostile_test.ts.)
  const cases: [(m: Record<string, unknown>) => void, string][] = [
    [(m) => delete m.version, '"version" is undefined, expected 1'],
    [(m) => m.vocabulary = [], '"vocabulary" has 0 characters, expected 1'],
    [(m) => m.vocabulary = "abc", '"vocabulary" is "abc", expected a list'],
    [(m) => m.vocabulary = ["a", "a"], '[1] is "a", expected a character'],
    [(m) => m.weights = [1], '"weights" must map names to matrices'],
  ];
  await withTempDir((dir) => {
    for (const [change, message] of cases) {
      const copy = structuredClone(MODEL) as unknown as Record<string, unknown>;
      change(copy);
      Deno.writeTextFileSync(`${dir}/m.json`, JSON.stringify(copy));
      assertThrows(() => readModelFile(`${dir}/m.json`), UserError, message);
    }
  });
});

Deno.test("checkSavePath() never writes into the kata's folders, nor into one it cannot write", async () => {
  Deno.mkdirSync(`${ROOT_DIR}.kata`, { recursive: true });
  // A .git folder only in a clone: a worktree's .git is a file, a copy has none.
  const git = [...Deno.readDirSync(ROOT_DIR)]
      .some((entry) => entry.name === ".git" && entry.isDirectory)
    ? ".git "
    : "";
  for (
    const folder
      of `${git}lessons/step1 solutions tests support bench docs .kata`.split(
        " ",
      )
  ) {
    assertThrows(
      () => checkSavePath(`${ROOT_DIR}${folder}/model.json`),
      UserError,
      "which --save never writes to",
    );
  }
  if (Deno.uid() === 0) return; // root writes anywhere
  await withTempDir((dir) => {
    Deno.chmodSync(dir, 0o555);
    assertThrows(
      () => checkSavePath(`${dir}/model.json`),
      UserError,
      `Cannot save the model to "${dir}/model.json": permission denied`,
    );
    Deno.chmodSync(dir, 0o755);
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
      UserError,
      "a file appeared there after it was checked, so it is kept",
    );
    assertEquals(Deno.readTextFileSync(path), "mine");
    // A model file that is rewritten after the check is kept too.
    Deno.removeSync(path);
    writeModelFile(path, MODEL);
    const checked = checkSavePath(path);
    Deno.writeTextFileSync(path, "mine, now");
    assertThrows(() => writeModelFile(path, MODEL, checked), UserError);
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
