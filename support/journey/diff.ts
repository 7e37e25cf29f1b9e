/**
 * A line diff in the unified format (`--- a`, `+++ b`, `@@ … @@` hunks), so
 * `deno task compare` needs no `diff` program on the learner's machine.
 *
 * The edit script comes from a longest common subsequence table: lesson files
 * are a few hundred lines, so the quadratic table is small and the code stays
 * obvious.
 *
 * @module
 */

/** One line of an edit script: kept, removed from a, or added from b. */
export interface Edit {
  kind: " " | "-" | "+";
  line: string;
  /** 0-based line numbers in a and b just before or at this line. */
  aIndex: number;
  bIndex: number;
}

/** The shortest edit script turning lines `a` into lines `b`. */
export function diffLines(a: string[], b: string[]): Edit[] {
  // lcs[i][j]: length of the longest common subsequence of a[i:] and b[j:].
  const lcs = Array.from(
    { length: a.length + 1 },
    () => new Uint32Array(b.length + 1),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j]
        ? lcs[i + 1][j + 1] + 1
        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ kind: " ", line: a[i], aIndex: i++, bIndex: j++ });
    } else if (
      j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])
    ) {
      edits.push({ kind: "+", line: b[j], aIndex: i, bIndex: j++ });
    } else {
      edits.push({ kind: "-", line: a[i], aIndex: i++, bIndex: j });
    }
  }
  // Removals read better before additions within a change.
  return reorderChanges(edits);
}

/** Within each run of changes, puts the "-" lines before the "+" lines. */
function reorderChanges(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  let run: Edit[] = [];
  const flush = () => {
    out.push(...run.filter((e) => e.kind === "-"));
    out.push(...run.filter((e) => e.kind === "+"));
    run = [];
  };
  for (const edit of edits) {
    if (edit.kind === " ") {
      flush();
      out.push(edit);
    } else {
      run.push(edit);
    }
  }
  flush();
  return out;
}

/**
 * The unified diff of two texts, with `context` unchanged lines around each
 * change; the empty string when they are equal.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { unifiedDiff } from "./diff.ts";
 *
 * const diff = unifiedDiff("a\nb\nc\n", "a\nB\nc\n", "old.ts", "new.ts");
 * assertEquals(diff, "--- old.ts\n+++ new.ts\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
 * ```
 */
export function unifiedDiff(
  a: string,
  b: string,
  aName: string,
  bName: string,
  context = 3,
): string {
  const edits = diffLines(splitLines(a), splitLines(b));
  const changed = edits.flatMap((e, k) => (e.kind === " " ? [] : [k]));
  if (changed.length === 0) return "";
  // Group changes whose context windows touch into hunks.
  const hunks: [number, number][] = [];
  for (const k of changed) {
    const start = Math.max(0, k - context);
    const end = Math.min(edits.length - 1, k + context);
    const last = hunks.at(-1);
    if (last !== undefined && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${aName}`, `+++ ${bName}`];
  for (const [start, end] of hunks) {
    const slice = edits.slice(start, end + 1);
    const aCount = slice.filter((e) => e.kind !== "+").length;
    const bCount = slice.filter((e) => e.kind !== "-").length;
    const aStart = aCount === 0 ? slice[0].aIndex : slice[0].aIndex + 1;
    const bStart = bCount === 0 ? slice[0].bIndex : slice[0].bIndex + 1;
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
    for (const edit of slice) out.push(`${edit.kind}${edit.line}`);
  }
  return out.join("\n") + "\n";
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** Lines of a text; a final newline does not make an extra empty line. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
