import { assertEquals } from "@std/assert";
import { PyRandom } from "../random.ts";
import { diffLines, unifiedDiff } from "./diff.ts";

/** Applies a unified diff to `a` the way `patch` would, checking context. */
function applyPatch(a: string, diff: string): string {
  const lines = a === "" ? [] : a.replace(/\n$/, "").split("\n");
  const out: string[] = [];
  let next = 0; // next line of a to copy
  const body = diff.split("\n").slice(2);
  for (let k = 0; k < body.length; k++) {
    const header = body[k].match(/^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/);
    if (header === null) continue;
    const count = header[2] === undefined ? 1 : Number(header[2]);
    const start = count === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (next < start) out.push(lines[next++]);
    for (k++; k < body.length && !body[k].startsWith("@@"); k++) {
      const [kind, line] = [body[k][0], body[k].slice(1)];
      if (kind === "+") out.push(line);
      else if (kind === " " || kind === "-") {
        assertEquals(lines[next], line, "context or removed line matches");
        next++;
        if (kind === " ") out.push(line);
      }
    }
    k--;
  }
  while (next < lines.length) out.push(lines[next++]);
  return out.length === 0 ? "" : out.join("\n") + "\n";
}

Deno.test("unifiedDiff() of equal texts is empty", () => {
  assertEquals(unifiedDiff("a\nb\n", "a\nb\n", "x", "y"), "");
  assertEquals(unifiedDiff("", "", "x", "y"), "");
});

Deno.test("unifiedDiff() writes hunks like diff -u", () => {
  // Expected output written by GNU diff -u (headers replaced).
  const a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
  const b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";
  assertEquals(
    unifiedDiff(a, b, "a", "b"),
    [
      "--- a",
      "+++ b",
      "@@ -1,6 +1,6 @@",
      " 1",
      " 2",
      "-3",
      "+three",
      " 4",
      " 5",
      " 6",
      "@@ -10,3 +10,4 @@",
      " 10",
      " 11",
      " 12",
      "+13",
      "",
    ].join("\n"),
  );
  assertEquals(
    unifiedDiff("", "x\n", "a", "b"),
    "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n",
  );
  assertEquals(
    unifiedDiff("x\n", "", "a", "b"),
    "--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n",
  );
});

Deno.test("diffLines() keeps a longest common subsequence", () => {
  const edits = diffLines(["a", "b", "c", "d"], ["b", "x", "d", "e"]);
  assertEquals(edits.filter((e) => e.kind === " ").map((e) => e.line), [
    "b",
    "d",
  ]);
  assertEquals(edits.map((e) => e.kind).join(""), "- -+ +");
});

Deno.test("unifiedDiff() turns a into b when applied, for random edits", () => {
  const rng = new PyRandom(7);
  const pick = (n: number) => Math.floor(rng.random() * n);
  for (let round = 0; round < 200; round++) {
    const a = Array.from({ length: pick(30) }, () => `line ${pick(6)}`);
    const b = [...a];
    for (let e = pick(6); e > 0; e--) {
      const at = pick(b.length + 1);
      if (rng.random() < 0.5 && b.length > 0) b.splice(at, 1);
      else b.splice(at, 0, `new ${pick(4)}`);
    }
    const text = (lines: string[]) => lines.map((l) => l + "\n").join("");
    const diff = unifiedDiff(text(a), text(b), "a", "b", pick(4));
    assertEquals(applyPatch(text(a), diff), text(b), `round ${round}`);
  }
});
