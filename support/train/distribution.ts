/**
 * The bar chart of `deno task sample --show`: the probability of every next
 * token at the chosen temperature, beside the same at temperature 1, so a
 * learner sees what temperature does (the guide's temperature slider, in
 * the terminal); and the drawing helpers the terminal views share (bars,
 * labels, columns).
 *
 * @module
 */

import { styleText } from "node:util";
import { UserError } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import type { Sampler } from "./step_program.ts";

/** A bar cell filled to 1/8, 2/8, … 8/8. */
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];

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
 * The chart of `deno task sample --show`: a title, then one line per token
 * with its bar, its probability after `prefix` (token ids, BOS first) at
 * `temperature`, and its probability at temperature 1. The title says what
 * the model reads of the prefix: its last character only (a bigram model,
 * Steps 0–2) or all of it (a GPT, Steps 3–5), so "em" and "m" showing the
 * same bars is no surprise.
 *
 * @param barWidth Width of the longest bar, in characters.
 * @throws {UserError} When the probabilities are not usable: NaN, negative,
 * or a total that is not a finite number above 0 (weights too large, or a
 * temperature so small that the logits overflow).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import type { Sampler } from "./step_program.ts";
 * import { distributionLines } from "./distribution.ts";
 *
 * const sampler: Sampler = {
 *   sample: () => "",
 *   nextTokenProbabilities: (_, t) => t === 1 ? [0.6, 0.3, 0.1] : [0.8, 0.15, 0.05],
 * };
 * const lines = distributionLines(["a", "b"], [2], sampler, 0.5, 10);
 * assertEquals(lines[1], "  a    ██████████  80.0%   (at 1: 60.0%)");
 * assertEquals(lines[3], "  end  ▋            5.0%   (at 1: 10.0%)");
 * // The title says what the model reads of the prefix.
 * const title = (model: Sampler) => distributionLines(["e", "m"], [2, 0, 1], model, 1)[0];
 * assertEquals(title(sampler), 'Next character after "em" (a bigram model reads only the last character, "m"), at temperature 1 (and at 1 for comparison):');
 * const gpt = { ...sampler, gpt: {} as Sampler["gpt"] };
 * assertEquals(title(gpt), 'Next character after "em" (the model reads all 2 characters), at temperature 1 (and at 1 for comparison):');
 * ```
 */
export function distributionLines(
  vocabulary: readonly string[],
  prefix: number[],
  sampler: Sampler,
  temperature: number,
  barWidth = 40,
): string[] {
  const [probs, plain] = [temperature, 1].map((t) =>
    usable(sampler.nextTokenProbabilities(prefix, t), t)
  );
  const labels = [...vocabulary.map(charLabel), "end"];
  const labelWidth = Math.max(...labels.map(columns));
  const scale = Math.max(...probs, ...plain);
  const chars = prefix.slice(1).map((id) => vocabulary[id]);
  const where = chars.length === 0
    ? "at the start of a name"
    : `after ${visible(chars.join(""), { quote: true })}${
      contextNote(chars, sampler.gpt !== undefined)
    }`;
  const lines = [
    `Next character ${where}, at temperature ${temperature} (and at 1 for comparison):`,
  ];
  for (const [i, label] of labels.entries()) {
    const shown = styleText("green", bar(probs[i] / scale, barWidth));
    lines.push(
      `  ${pad(label, labelWidth)}  ${shown} ${percent(probs[i])}   (at 1: ${
        percent(plain[i], 5)
      })`,
    );
  }
  return lines;
}

/** `probs` when they can be drawn (see {@linkcode distributionLines}). */
function usable(probs: number[], temperature: number): number[] {
  const total = probs.reduce((sum, p) => sum + p, 0);
  if (probs.every((p) => p >= 0) && total > 0 && Number.isFinite(total)) {
    return probs;
  }
  throw new UserError(
    `Cannot sample: the model's probabilities at temperature ${temperature} are not usable (they add up to ${total}); the weights or the temperature are too extreme for floating point`,
  );
}

/** What the model reads of a non-empty prefix, for the title. */
function contextNote(chars: string[], readsAll: boolean): string {
  if (readsAll) {
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
