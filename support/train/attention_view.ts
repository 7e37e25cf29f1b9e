/**
 * The attention view of `deno task sample --attention TEXT`: for each head,
 * a lower-triangular grid whose row p is the position reading and whose
 * columns are the positions it looks back at, each cell shaded by its
 * weight and labelled in percent. Each row sums to 100%: softmax spreads
 * one unit of attention over the positions in the cache. Pure functions
 * from numbers to lines.
 *
 * @module
 */

/** Shades from no attention to all of it. */
const SHADES = [" ", "░", "▒", "▓", "█"];

/** What the view shows. */
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
 * percent, right-aligned (5 characters in all).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { attentionCell } from "./attention_view.ts";
 *
 * assertEquals(attentionCell(1), "██100");
 * assertEquals(attentionCell(0.25), "░░ 25");
 * ```
 */
export function attentionCell(weight: number): string {
  const w = Math.max(0, Math.min(1, weight));
  const shade = SHADES[Math.round(w * (SHADES.length - 1))];
  return shade.repeat(2) + String(Math.round(w * 100)).padStart(3);
}

/**
 * Draws every head's grid, one after the other.
 *
 * @param chart The labels and weights.
 * @returns The lines (no newlines).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderAttention } from "./attention_view.ts";
 *
 * const lines = renderAttention({
 *   labels: ["BOS", "a"],
 *   heads: [[[1], [0.25, 0.75]]],
 *   headNames: ["head 1"],
 * });
 * assertEquals(lines, [
 *   "head 1",
 *   "          BOS     a",
 *   "  BOS   ██100",
 *   "  a     ░░ 25 ▓▓ 75",
 * ]);
 * ```
 */
export function renderAttention(chart: AttentionChart): string[] {
  const width = Math.max(...chart.labels.map((label) => [...label].length));
  const pad = (label: string) => label + " ".repeat(width - [...label].length);
  const lines: string[] = [];
  chart.heads.forEach((rows, h) => {
    if (h > 0) lines.push("");
    lines.push(chart.headNames[h]);
    const header = chart.labels.map((label) =>
      " ".repeat(Math.max(0, 5 - [...label].length)) + label
    );
    lines.push(`  ${" ".repeat(width)}   ${header.join(" ")}`.trimEnd());
    rows.forEach((weights, p) => {
      const cells = weights.map((w) => attentionCell(w)).join(" ");
      lines.push(`  ${pad(chart.labels[p])}   ${cells}`.trimEnd());
    });
  });
  return lines;
}
