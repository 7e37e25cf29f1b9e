/**
 * The bar chart of `deno task sample --show`: the probability of every next
 * token at the chosen temperature, beside the same at temperature 1, so a
 * learner sees what temperature does (the guide's temperature slider, in
 * the terminal). Pure functions from numbers to lines.
 *
 * @module
 */

import { styleText } from "node:util";
import { visible } from "../cli/style.ts";

/** A bar cell filled to 1/8, 2/8, … 8/8. */
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];

/** What the chart shows. */
export interface DistributionChart {
  /** The characters, in id order; BOS (shown as "end") is the last token. */
  vocabulary: readonly string[];
  /** The probabilities at the chosen temperature, BOS last. */
  probs: readonly number[];
  /** The probabilities at temperature 1, BOS last. */
  plain: readonly number[];
  /** The chosen temperature. */
  temperature: number;
  /** The beginning of the name the distribution follows ("" at the start). */
  prefix: string;
  /**
   * What the model reads of the prefix: its last character only (a bigram
   * model, Steps 0–2) or all of it (a GPT, Steps 3–5). Said in the title,
   * so "em" and "m" showing the same bars is no surprise.
   */
  context: "last" | "prefix";
  /** Width of the longest bar, in characters. */
  barWidth?: number;
}

/**
 * A horizontal bar `fraction` of `width` characters long, in eighths (the
 * bars of this chart and the live view's progress bar).
 *
 * @param fraction From 0 to 1.
 * @param width The full length.
 * @returns The bar, padded with spaces to `width`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { bar } from "./distribution.ts";
 *
 * assertEquals(bar(0.5, 4), "██  ");
 * assertEquals(bar(0.0625, 2), "▏ ");
 * ```
 */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  const text = "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
  return text + " ".repeat(width - [...text].length);
}

/**
 * Draws the next-token distribution: a title, then one line per token with
 * its bar, its probability and its probability at temperature 1.
 *
 * @param chart The distribution and how to label it.
 * @returns The lines (no newlines).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderDistribution } from "./distribution.ts";
 *
 * const lines = renderDistribution({
 *   vocabulary: ["a", "b"],
 *   probs: [0.8, 0.15, 0.05],
 *   plain: [0.6, 0.3, 0.1],
 *   temperature: 0.5,
 *   prefix: "",
 *   context: "last",
 *   barWidth: 10,
 * });
 * assertEquals(lines[1], "  a    ██████████  80.0%   (at 1: 60.0%)");
 * assertEquals(lines[3], "  end  ▋            5.0%   (at 1: 10.0%)");
 * // The title says what the model reads of the prefix.
 * const title = (context: "last" | "prefix") =>
 *   renderDistribution({ vocabulary: ["e", "m"], probs: [1, 0, 0], plain: [1, 0, 0], temperature: 1, prefix: "em", context })[0];
 * assertEquals(title("last"), 'Next character after "em" (a bigram model reads only the last character, "m"), at temperature 1 (and at 1 for comparison):');
 * assertEquals(title("prefix"), 'Next character after "em" (the model reads all 2 characters), at temperature 1 (and at 1 for comparison):');
 * ```
 */
export function renderDistribution(chart: DistributionChart): string[] {
  const width = chart.barWidth ?? 40;
  const labels = [...chart.vocabulary.map(charLabel), "end"];
  const labelWidth = Math.max(...labels.map(columns));
  const scale = Math.max(...chart.probs, ...chart.plain);
  const where = chart.prefix === ""
    ? "at the start of a name"
    : `after ${visible(chart.prefix, { quote: true })}${
      contextNote(chart.prefix, chart.context)
    }`;
  const lines = [
    `Next character ${where}, at temperature ${chart.temperature} (and at 1 for comparison):`,
  ];
  for (const [i, label] of labels.entries()) {
    const drawn = bar(chart.probs[i] / scale, width);
    const shown = styleText("green", drawn);
    lines.push(
      `  ${pad(label, labelWidth)}  ${shown} ${
        percent(chart.probs[i])
      }   (at 1: ${percent(chart.plain[i], 5)})`,
    );
  }
  return lines;
}

/** What the model reads of a non-empty prefix, for the title. */
function contextNote(prefix: string, context: DistributionChart["context"]) {
  const chars = [...prefix];
  if (context === "prefix") {
    return chars.length === 1
      ? ""
      : ` (the model reads all ${chars.length} characters)`;
  }
  const last = visible(chars[chars.length - 1], { quote: true });
  return ` (a bigram model reads only the last character${
    chars.length === 1 ? "" : `, ${last}`
  })`;
}

/** A probability as a percentage with one decimal, right-aligned. */
function percent(p: number, width = 6): string {
  return `${(100 * p).toFixed(1)}%`.padStart(width);
}

/**
 * A vocabulary character as a label in a chart: a space as "␠", a
 * combining mark on a dotted circle, anything invisible escaped.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { charLabel } from "./distribution.ts";
 *
 * assertEquals([" ", "a", "\u0301", "\u200b"].map(charLabel), ["␠", "a", "◌\u0301", "\\u200b"]);
 * ```
 */
export function charLabel(ch: string): string {
  if (ch === " ") return "␠";
  return /^\p{M}$/u.test(ch) ? `◌${ch}` : visible(ch);
}

/**
 * How many terminal columns `text` takes: a wide (East Asian) character or
 * an emoji takes two, a combining mark none, any other character one.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { columns } from "./distribution.ts";
 *
 * assertEquals(columns("ab"), 2);
 * assertEquals(columns("日本"), 4);
 * assertEquals(columns("◌\u0301"), 1);
 * ```
 */
export function columns(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (/\p{M}/u.test(ch)) continue;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}

/** Pads `text` with spaces to `width` columns, on the right or the left. */
export function pad(text: string, width: number, left = false): string {
  const spaces = " ".repeat(Math.max(0, width - columns(text)));
  return left ? spaces + text : text + spaces;
}

/** Characters a terminal draws two columns wide (East Asian Wide and Fullwidth, emoji). */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
