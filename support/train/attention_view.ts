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
 * The whole view: a short explanation, then the grid of every head (layer
 * by layer) of `gpt` reading `prefix` (token ids, BOS first) with
 * `vocabulary`, each column as wide as its label takes on a terminal.
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
  const labels = prefix.map((id) =>
    id === vocabulary.length ? "BOS" : charLabel(vocabulary[id])
  );
  const width = Math.max(...labels.map(columns));
  const header = labels.map((label) => pad(label, 5, true)).join(" ");
  const lines = [
    `Attention over "${
      labels.slice(1).join("")
    }", head by head. Each row is a position (its input`,
    "character on the left); each column, a position it looks back at, with",
    "the share of its attention in percent. Each row sums to 100% (give or take rounding).",
  ];
  for (let l = 0; l < gpt.layers; l++) {
    for (let h = 0; h < gpt.heads; h++) {
      const head = gpt.heads === 1 ? "the one head" : `head ${h + 1}`;
      const name = gpt.layers > 1 ? `layer ${l + 1} · head ${h + 1}` : head;
      lines.push("", name, `  ${" ".repeat(width)}   ${header}`.trimEnd());
      readings.forEach((reading, p) => {
        const cells = reading.layers[l][h].map(attentionCell).join(" ");
        lines.push(`  ${pad(labels[p], width)}   ${cells}`.trimEnd());
      });
    }
  }
  return lines;
}
