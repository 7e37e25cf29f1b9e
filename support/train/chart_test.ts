import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { renderLossChart } from "./chart.ts";

const OPTIONS = {
  width: 60,
  height: 8,
  steps: 100,
  vocabSize: 27,
};
const BRAILLE = /[\u2801-\u28ff]/;

Deno.test("renderLossChart() draws a legend, the plot and the x axis", () => {
  const lines = renderLossChart([3.3, 3.1, 2.9, 2.7], OPTIONS);
  assertEquals(lines.length, 1 + OPTIONS.height + 2);
  assert(lines[0].includes("ln 27 = 3.296"), lines[0]);
  assert(lines.at(-2)!.includes("└────"), lines.at(-2));
  assert(/^\s+0\s+50\s+100 step$/.test(lines.at(-1)!), lines.at(-1));
  for (const line of lines) {
    assert([...line].length <= OPTIONS.width, `too wide: ${line}`);
  }
});

Deno.test("renderLossChart() grows from the left as steps come in", () => {
  const losses = Array.from({ length: 100 }, (_, i) => 3.3 - i / 100);
  const lastColumn = (lines: string[]) =>
    Math.max(
      ...lines.map((line) => [...line].findLastIndex((ch) => BRAILLE.test(ch))),
    );
  const early = lastColumn(renderLossChart(losses.slice(0, 25), OPTIONS));
  const late = lastColumn(renderLossChart(losses, OPTIONS));
  assert(early > 0 && early < late, `${early} then ${late}`);
  // A quarter of the steps fills about a quarter of the plot's width.
  const plotWidth = late - 6;
  assertAlmostEquals((early - 6) / plotWidth, 0.25, 0.05);
});

Deno.test("renderLossChart() puts a falling curve high on the left, low on the right", () => {
  const losses = Array.from({ length: 100 }, (_, i) => 3.3 - i / 60);
  const lines = renderLossChart(losses, OPTIONS).slice(1, 1 + OPTIONS.height);
  const rowOf = (column: number) =>
    lines.findIndex((line) => BRAILLE.test([...line][column] ?? ""));
  assert(rowOf(6) < rowOf(40), `${rowOf(6)} < ${rowOf(40)}`);
});

Deno.test("renderLossChart() draws the ln(vocab) line and labels the y axis", () => {
  const lines = renderLossChart([2.5, 2.4], OPTIONS).slice(
    1,
    1 + OPTIONS.height,
  );
  assert(lines.some((line) => line.includes("┈┈┈┈")), "reference line");
  const labels = lines.map((line) => line.slice(0, 4).trim()).filter(Boolean);
  assertEquals(labels.length, 3);
  const [top, middle, bottom] = labels.map(Number);
  assert(top > Math.log(27) && bottom < 2.4 && middle < top && middle > bottom);
});
