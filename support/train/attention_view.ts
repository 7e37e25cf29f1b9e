/**
 * The attention view of `deno task sample --attention TEXT`: for each head,
 * a lower-triangular grid whose row p is the position reading and whose
 * columns are the positions it looks back at, each cell shaded by its
 * weight and labelled in percent. Each row sums to 100%: softmax spreads
 * one unit of attention over the positions in the cache.
 *
 * @module
 */

import { charLabel, columns, pad } from "./distribution.ts";
import type { GptView } from "./step_program.ts";

/** Shades from no attention to all of it. */
const SHADES = [" ", "░", "▒", "▓", "█"];

/** What the grids show. */
export interface AttentionChart {
  /** The input token of each position, as printable labels (BOS first). */
  labels: readonly string[];
  /**
   * The weights: `heads[h][p][t]` is how much position p attends to
   * position t ≤ p, for head h (layer by layer, head by head).
   */
  heads: readonly (readonly (readonly number[])[])[];
  /** A name for each head, e.g. "layer 1 · head 2". */
  headNames: readonly string[];
}

/**
 * One cell: two shade characters for the weight, then the weight in
 * percent, right-aligned (5 columns in all, also for a weight that is not
 * a number).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { attentionCell } from "./attention_view.ts";
 *
 * assertEquals(attentionCell(1), "██100");
 * assertEquals(attentionCell(0.25), "░░ 25");
 * assertEquals(attentionCell(1.0000001), "██100"); // never beyond 0…1
 * assertEquals(attentionCell(NaN), "  NaN");
 * ```
 */
export function attentionCell(weight: number): string {
  if (!Number.isFinite(weight)) return String(weight).slice(0, 3).padStart(5);
  const w = Math.max(0, Math.min(1, weight));
  const shade = SHADES[Math.round(w * (SHADES.length - 1))];
  return shade.repeat(2) + String(Math.round(w * 100)).padStart(3);
}

/**
 * Draws every head's grid, one after the other, each column as wide as its
 * label takes on a terminal.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderAttention } from "./attention_view.ts";
 *
 * const lines = renderAttention({
 *   labels: ["BOS", "日"],
 *   heads: [[[1], [0.25, 0.75]]],
 *   headNames: ["head 1"],
 * });
 * assertEquals(lines, [
 *   "head 1",
 *   "          BOS    日",
 *   "  BOS   ██100",
 *   "  日    ░░ 25 ▓▓ 75",
 * ]);
 * ```
 */
export function renderAttention(chart: AttentionChart): string[] {
  const width = Math.max(...chart.labels.map(columns));
  const header = chart.labels.map((label) => pad(label, 5, true)).join(" ");
  const lines: string[] = [];
  chart.heads.forEach((rows, h) => {
    if (h > 0) lines.push("");
    lines.push(chart.headNames[h]);
    lines.push(`  ${" ".repeat(width)}   ${header}`.trimEnd());
    rows.forEach((weights, p) => {
      const cells = weights.map(attentionCell).join(" ");
      lines.push(`  ${pad(chart.labels[p], width)}   ${cells}`.trimEnd());
    });
  });
  return lines;
}

/**
 * The whole view: a short explanation, then the grids of `gpt` reading
 * `prefix` (token ids, BOS first) with `vocabulary`.
 *
 * @throws {UserError} When the lessons do not record the weights, or the
 * prefix does not fit in the model's context.
 */
export function attentionLines(
  vocabulary: readonly string[],
  prefix: readonly number[],
  gpt: GptView,
): string[] {
  const readings = gpt.read(prefix);
  const heads = readings[0].layers.flatMap((layer, l) =>
    layer.map((_, h) => readings.map((reading) => reading.layers[l][h]))
  );
  const headNames = heads.map((_, k) => {
    const head = `head ${(k % gpt.heads) + 1}`;
    if (gpt.layers > 1) {
      return `layer ${Math.floor(k / gpt.heads) + 1} · ${head}`;
    }
    return gpt.heads === 1 ? "the one head" : head;
  });
  const labels = prefix.map((id) =>
    id === vocabulary.length ? "BOS" : charLabel(vocabulary[id])
  );
  return [
    `Attention over "${
      labels.slice(1).join("")
    }", head by head. Each row is a position (its input`,
    "character on the left); each column, a position it looks back at, with",
    "the share of its attention in percent. Each row sums to 100% (give or take rounding).",
    "",
    ...renderAttention({ labels, heads, headNames }),
  ];
}
