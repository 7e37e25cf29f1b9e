/**
 * The kata reads names files exactly as the guide's Python does: the same
 * names, the same vocabulary, and `train --plain` printing, line for line,
 * what the CPython reference programs (`bench/reference/stepN.py`) print
 * for the same file. The files are generated here, hand-made hostile ones
 * and random ones, and CPython 3 is asked; without python3 these tests are
 * reported as ignored.
 */

import { assertEquals, assertStringIncludes } from "@std/assert";
import { alphabetNote, DataError, nameProblem, readNames } from "./data.ts";
import { ROOT_DIR } from "./root.ts";
import { CAN_RUN, runCli } from "./train/_run_cli.ts";
import { PyRandom } from "./random.ts";

const PYTHON = findPython();
const IGNORED = PYTHON === undefined
  ? " (ignored: python3 is not installed)"
  : "";

function findPython(): string | undefined {
  const permission = Deno.permissions.querySync({ name: "run" });
  if (permission.state !== "granted") return undefined;
  try {
    const { success } = new Deno.Command("python3", {
      args: ["-c", "import sys; assert sys.version_info >= (3, 8)"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return success ? "python3" : undefined;
  } catch {
    return undefined;
  }
}

const enc = (text: string) => new TextEncoder().encode(text);

/** Hand-made files the guide's Python accepts, each a trap for a JS reader. */
const HOSTILE: Record<string, Uint8Array> = {
  bom_start: enc("\ufeffemma\nolivia\nava\n"),
  bom_only: new Uint8Array([0xef, 0xbb, 0xbf]),
  feff_inside: enc("em\ufeffma\n\ufeff\nava\ufeff\n"),
  crlf: enc("emma\r\nolivia\r\nava\r\n"),
  cr_only: enc("emma\rolivia\rava\r"),
  mixed_eol: enc("emma\r\nolivia\rava\nmia\r\r\nzoe"),
  nel_ends: enc("\u0085emma\u0085\nolivia\u001c\n\u001dava\u001e\u001f\n"),
  unicode_space: enc(
    "\u00a0emma\u3000\n\u2028\n\u2029olivia\u2000\n\u200bava\u200b\n\u205f\n",
  ),
  astral_pua: enc("a\u{1f600}b\n\ue000c\n\uffefd\n\u{10000}\n\uff21x\n"),
  accents: enc("Zoë\nJosé\nÅsa\nJo-Ann\nO'Neil\n"),
  blank_lines: enc("\n\n  \n\temma\t\n \u000b\u000c\n\nava\n\n"),
  one_name: enc("x"),
};

/** Random names files made of the characters a JS reader gets wrong. */
function randomFiles(count: number): Record<string, Uint8Array> {
  const pieces = [
    "a",
    "b",
    "e",
    "é",
    "Z",
    "-",
    " ",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\u0085",
    "\u001c",
    "\u001f",
    "\u00a0",
    "\u2028",
    "\u3000",
    "\ufeff",
    "\u200b",
    "\ue000",
    "\uffef",
    "\u{1f600}",
    "\u{10348}",
  ];
  const rng = new PyRandom(2026);
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) {
    let text = rng.random() < 0.3 ? "\ufeff" : "";
    const length = 1 + Math.floor(rng.random() * 60);
    for (let j = 0; j < length; j++) {
      text += pieces[Math.floor(rng.random() * pieces.length)];
    }
    files[`random_${i}`] = enc(text + "q");
  }
  return files;
}

/** CPython's reading of each file, as the reference programs read it. */
async function pythonNames(paths: string[]): Promise<(string[] | null)[]> {
  const script = [
    "import json, sys",
    "out = []",
    "for path in json.load(sys.stdin):",
    "    try:",
    "        with open(path, 'r', encoding='utf-8') as f:",
    "            text = f.read()",
    "        out.append([l.strip() for l in text.strip().split('\\n') if l.strip()])",
    "    except UnicodeDecodeError:",
    "        out.append(None)",
    "sys.stdout.write(json.dumps(out))",
  ].join("\n");
  const child = new Deno.Command(PYTHON!, {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(enc(JSON.stringify(paths)));
  await writer.close();
  const { stdout } = await child.output();
  return JSON.parse(new TextDecoder().decode(stdout));
}

/** Whether the kata refuses this reading on purpose (see data.ts). */
function refusedOnPurpose(names: string[]): boolean {
  return names.length === 0 ||
    names.some((n) => nameProblem(n) !== undefined);
}

function writeAll(files: Record<string, Uint8Array>): [string, string][] {
  const dir = Deno.makeTempDirSync({ prefix: "kata_python_text_" });
  return Object.entries(files).map(([name, bytes]) => {
    const path = `${dir}/${name}.txt`;
    Deno.writeFileSync(path, bytes);
    return [name, path];
  });
}

Deno.test({
  name:
    `readNames() reads hand-made and random files as CPython does${IGNORED}`,
  ignore: PYTHON === undefined,
  fn: async () => {
    const files = writeAll({ ...HOSTILE, ...randomFiles(300) });
    const expected = await pythonNames(files.map(([, path]) => path));
    for (const [i, [name, path]] of files.entries()) {
      const python = expected[i]!;
      if (refusedOnPurpose(python)) {
        let refused = false;
        try {
          readNames(path);
        } catch (error) {
          refused = error instanceof DataError;
        }
        assertEquals(refused, true, `${name}: expected a refusal`);
        continue;
      }
      assertEquals(readNames(path), python, `${name} is read differently`);
    }
    Deno.removeSync(files[0][1].replace(/\/[^/]*$/, ""), { recursive: true });
  },
});

/** Runs `python3 bench/reference/stepN.py` with these arguments. */
async function reference(step: number, args: string[]): Promise<string> {
  const { stdout, stderr, success } = await new Deno.Command(PYTHON!, {
    args: [`bench/reference/step${step}.py`, ...args],
    cwd: ROOT_DIR,
    env: { PYTHONIOENCODING: "utf-8" },
  }).output();
  const decoder = new TextDecoder();
  if (!success) throw new Error(decoder.decode(stderr));
  return decoder.decode(stdout);
}

Deno.test({
  name:
    `train --plain prints what the CPython references print for hostile files, Steps 0-2${IGNORED}`,
  ignore: PYTHON === undefined || !CAN_RUN,
  fn: async (t) => {
    const files = writeAll(HOSTILE);
    // The goldens (data_golden_texts_test.ts) cover BOMs, line ends and
    // whitespace at length; these add the cases they do not have.
    const runs: [number, string][] = [];
    for (const name of ["bom_only", "nel_ends", "unicode_space", "one_name"]) {
      runs.push([0, name], [1, name]);
    }
    runs.push([0, "astral_pua"], [1, "astral_pua"], [2, "astral_pua"]);
    const paths = new Map(files);
    for (const [step, name] of runs) {
      await t.step(`step ${step}, ${name}`, async () => {
        const path = paths.get(name)!;
        const args = ["--steps", "12", "--log-every", "5", "--samples", "4"];
        const [python, kata] = await Promise.all([
          reference(step, ["--data", path, ...args]),
          runCli("train", [
            "--plain",
            "--step",
            `${step}`,
            "--data",
            path,
            ...args,
          ]),
        ]);
        assertEquals(kata.stdout, python, kata.stderr);
      });
    }
    Deno.removeSync(files[0][1].replace(/\/[^/]*$/, ""), { recursive: true });
  },
});

Deno.test({
  name:
    "readNames() accepts a file holding only a byte-order mark, as Python does",
  fn: () => {
    const [[, path]] = writeAll({ bom: HOSTILE.bom_only });
    try {
      assertEquals(readNames(path), ["\ufeff"]);
    } finally {
      Deno.removeSync(path);
    }
  },
});

Deno.test("readNames() names the control character it refuses, escaped", () => {
  const [[, path]] = writeAll({ ctl: enc("ann\nb\u001bc\n") });
  try {
    readNames(path);
    throw new Error("expected a refusal");
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    assertStringIncludes(
      error.message,
      'name 2, "b\\u001bc", contains a control character',
    );
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("alphabetNote() shows invisible characters escaped, in code-point order", () => {
  assertEquals(
    alphabetNote(["a\u200bb", "\ufeffc", "d\u{1f600}", "e\ue000"]),
    'Note: besides a-z the names use "\\u200b", "\\ue000", "\\ufeff" and "😀"; each becomes a token of its own (vocab size 10)',
  );
});
