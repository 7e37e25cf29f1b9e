/**
 * The loss curve of the live view, drawn with text: pure functions from
 * numbers to lines, so they can be tested without a terminal.
 *
 * The curve uses Braille characters: each one is a 2 × 4 grid of dots, so a
 * chart 60 characters wide and 10 high has 120 × 40 points, smooth enough to
 * watch the loss fall. A dotted line marks ln(vocab size): the loss of a
 * model that guesses every token with equal probability, where training
 * starts.
 *
 * @module
 */

import process from "node:process";
import { styleText } from "node:util";

/** Colours for stderr, where the live view draws (none when it is no terminal). */
const paint = (format: Parameters<typeof styleText>[0], text: string) =>
  styleText(format, text, { stream: process.stderr });

/**
 * The smoothed loss curve, the one every chart of the kata draws (the live
 * view's, and the viz page's, whose server applies it to each step before
 * streaming it): an exponential moving average over about a twentieth of
 * the run (at least 10 steps), bias-corrected so the first steps are not
 * pulled towards 0. Pure: the smoothed value of a step from the one before.
 * Imports no lesson.
 *
 * @param previous The smoothed value of step `step - 1` (ignored at step 0).
 * @param loss This step's loss.
 * @param step The step, counting from 0.
 * @param steps The steps in the run (they set the window).
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "@std/assert";
 * import { smoothLoss } from "./chart.ts";
 *
 * let smoothed = NaN;
 * const curve = [4, 2].map((loss, step) =>
 *   smoothed = smoothLoss(smoothed, loss, step, 1000)
 * );
 * assertEquals(curve[0], 4); // not pulled towards 0
 * // A window of 50 steps: β = 0.98, and the average divided by 1 − β².
 * assertAlmostEquals(curve[1], (0.98 * 0.02 * 4 + 0.02 * 2) / (1 - 0.98 ** 2), 1e-12);
 * ```
 */
export function smoothLoss(
  previous: number,
  loss: number,
  step: number,
  steps: number,
): number {
  if (step === 0) return loss;
  const beta = 1 - 1 / Math.max(10, Math.round(steps / 20));
  // Undo the previous step's correction, average in the loss, correct again.
  const average = previous * (1 - beta ** step);
  return (beta * average + (1 - beta) * loss) / (1 - beta ** (step + 1));
}

/** How to draw the chart. */
export interface LossChartOptions {
  /** Total width in characters, labels included (at least 20). */
  width: number;
  /** Height of the plot in rows (at least 3). */
  height: number;
  /** Steps in the run: the x axis spans 0 … steps. */
  steps: number;
  /** The vocabulary's size: the reference line is at ln(vocabSize). */
  vocabSize: number;
}

// Braille dot bits: DOTS[column][row] for a cell's 2 columns × 4 rows.
const DOTS = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];
const LABEL_WIDTH = 6;

/**
 * Draws the smoothed loss curve so far: a legend line, `height` plot rows
 * with y labels, the x axis and its labels.
 *
 * @param smoothed The smoothed loss of each step done so far.
 * @param options Size, x range and the reference line.
 * @returns The lines (no newlines), each at most `width` characters wide
 *   (not counting colour codes) when `width` is at least 20.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderLossChart } from "./chart.ts";
 *
 * const lines = renderLossChart([3.3, 3.0, 2.5, 2.4], {
 *   width: 30, height: 4, steps: 4, vocabSize: 27,
 * });
 * assertEquals(lines.length, 1 + 4 + 2);
 * ```
 */
export function renderLossChart(
  smoothed: readonly number[],
  options: LossChartOptions,
): string[] {
  const { height, steps, vocabSize } = options;
  const reference = Math.log(vocabSize);
  // Room on the right for the x axis' " step" label.
  const plotWidth = Math.max(10, options.width - LABEL_WIDTH - 5);
  const xPixels = plotWidth * 2;
  const yPixels = height * 4;

  // The y range: the reference line and every value, in quarter units, so
  // the scale only changes when the curve leaves it.
  const values = smoothed.filter((v) => Number.isFinite(v));
  const top = Math.ceil((Math.max(reference, ...values) + 0.05) * 4) / 4;
  let bottom = Math.floor((Math.min(reference, ...values) - 0.05) * 4) / 4;
  if (top - bottom < 1) bottom = top - 1;
  const toPixelRow = (v: number) =>
    Math.round((top - v) / (top - bottom) * (yPixels - 1));

  // Each x pixel covers a range of steps; its last value is the point drawn.
  const cells: number[][] = Array.from(
    { length: height },
    () => new Array(plotWidth).fill(0),
  );
  let previous: number | undefined;
  for (let x = 0; x < xPixels; x++) {
    const first = Math.floor(x * steps / xPixels);
    if (first >= smoothed.length) break;
    const last = Math.min(
      Math.max(first, Math.floor((x + 1) * steps / xPixels) - 1),
      smoothed.length - 1,
    );
    const start = smoothed[first];
    const end = smoothed[last];
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    const clamp = (v: number) =>
      Math.min(yPixels - 1, Math.max(0, toPixelRow(v)));
    // Light the column from the previous column's end (or this column's
    // first value) to its last value: a continuous line, however many steps
    // share the column.
    const from = previous ?? clamp(start);
    const y = clamp(end);
    for (let p = Math.min(from, y); p <= Math.max(from, y); p++) {
      cells[Math.floor(p / 4)][Math.floor(x / 2)] |= DOTS[x % 2][p % 4];
    }
    previous = y;
  }

  const referenceRow = Math.floor(toPixelRow(reference) / 4);
  const labelRows = new Map<number, number>([
    [0, top],
    [height - 1, bottom],
    [Math.floor((height - 1) / 2), (top + bottom) / 2],
  ]);
  const lines: string[] = [];
  const legend = `loss, smoothed   ┈┈ ln ${vocabSize} = ${
    reference.toFixed(3)
  } (a uniform guess)`;
  lines.push(
    LABEL_WIDTH + 3 + legend.length <= options.width
      ? `${" ".repeat(LABEL_WIDTH)}${paint("cyan", "⠤⠤")} ${
        legend.replace("┈┈", paint("yellow", "┈┈"))
      }`
      : `${" ".repeat(LABEL_WIDTH)}loss`,
  );
  for (let row = 0; row < height; row++) {
    const label = labelRows.get(row);
    const axis = label === undefined
      ? `${" ".repeat(LABEL_WIDTH - 1)}│`
      : `${label.toFixed(2).padStart(LABEL_WIDTH - 2)} ┤`;
    // The curve in cyan, the reference line dim yellow, spaces left plain.
    const plot = cells[row].map((bits) =>
      bits !== 0
        ? String.fromCharCode(0x2800 + bits)
        : row === referenceRow
        ? "┈"
        : " "
    ).join("")
      .replace(/[\u2801-\u28ff]+/g, (curve) => paint("cyan", curve))
      .replace(/┈+/g, (line) => paint(["dim", "yellow"], line));
    lines.push(`${axis}${plot}`.trimEnd());
  }
  lines.push(`${" ".repeat(LABEL_WIDTH - 1)}└${"─".repeat(plotWidth)}`);
  const right = String(steps);
  const middle = String(Math.round(steps / 2));
  const axisLabels = [..." ".repeat(plotWidth + 1)];
  const put = (at: number, text: string) =>
    axisLabels.splice(at, text.length, ...text);
  put(0, "0");
  put(Math.floor(plotWidth / 2) - Math.floor(middle.length / 2), middle);
  put(plotWidth + 1 - right.length, right);
  lines.push(`${" ".repeat(LABEL_WIDTH - 1)}${axisLabels.join("")} step`);
  return lines;
}
