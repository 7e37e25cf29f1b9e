// The Python reading rules, checked against CPython itself on generated
// files: whatever text the guide's Python accepts, the kata must read the
// same names and the same vocabulary in the same order.
import { assertEquals } from "@std/assert";
import { PyRandom } from "./random.ts";
import {
  compareCodePoints,
  decodePythonText,
  PYTHON_WHITESPACE,
  pythonNames,
} from "./python_text.ts";

const READ_AS_THE_GUIDE_DOES = `
import json, sys
def read(path):
    text = open(path, "r", encoding="utf-8").read()
    docs = [l.strip() for l in text.strip().split("\\n") if l.strip()]
    return {"docs": docs, "uchars": sorted(set("".join(docs)))}
print(json.dumps([read(path) for path in sys.argv[1:]]))
`;

const python = (() => {
  try {
    return new Deno.Command("python3", { args: ["--version"] }).outputSync()
      .success;
  } catch {
    return false;
  }
})();

function runPython(args: string[]): string {
  const out = new Deno.Command("python3", { args }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

// Characters that make reading tricky: every kind of line end, Python's and
// JavaScript's whitespace (they differ), a BOM, astral characters and the
// private-use block, which UTF-16 sorts differently from code points.
const TRICKY = [
  "\n",
  "\r",
  "\r\n",
  " ",
  "\t",
  "\u000b",
  "\u000c",
  "\u001c",
  "\u001d",
  "\u001e",
  "\u001f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u3000",
  "\ufeff",
  "\u200b",
  "😀",
  "🦊",
  "\ue000",
  "\uff21",
  "\ufffd",
  "é",
  "É",
  "Z",
  "a",
  "b",
  "n",
  "-",
];

function generatedText(rng: PyRandom, length: number): string {
  let text = rng.random() < 0.3 ? "\ufeff" : "";
  for (let i = 0; i < length; i++) {
    text += TRICKY[Math.floor(rng.random() * TRICKY.length)];
  }
  return text;
}

Deno.test({
  name: "python_text: the whitespace set is CPython's str.isspace()",
  ignore: !python,
  fn() {
    const expected: number[] = JSON.parse(runPython([
      "-c",
      "import json; print(json.dumps([c for c in range(0x110000) if chr(c).isspace()]))",
    ]));
    assertEquals(
      [...PYTHON_WHITESPACE].map((ch) => ch.codePointAt(0)),
      expected,
    );
  },
});

Deno.test({
  name:
    "python_text: 200 generated files read as CPython reads them (names, vocabulary, order)",
  ignore: !python,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const rng = new PyRandom(7);
      const script = `${dir}/read.py`;
      await Deno.writeTextFile(script, READ_AS_THE_GUIDE_DOES);
      const files: string[] = [];
      for (let i = 0; i < 200; i++) {
        const path = `${dir}/names${i}.txt`;
        await Deno.writeTextFile(path, generatedText(rng, 1 + (i % 40)));
        files.push(path);
      }
      const expected = JSON.parse(runPython([script, ...files]));
      for (const [i, path] of files.entries()) {
        const docs = pythonNames(decodePythonText(Deno.readFileSync(path)));
        const uchars = [...new Set([...docs.join("")])].sort(
          compareCodePoints,
        );
        assertEquals({ docs, uchars }, expected[i], `reading ${path}`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
