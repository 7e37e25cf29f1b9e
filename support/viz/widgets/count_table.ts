/**
 * Step 0's count table as a heatmap (guide 0.3), and one row as the
 * model's next-token distribution (0.4). Counts every bigram of the whole
 * dataset with the learner's count-table lesson, and smooths every row with
 * their model lesson.
 *
 * @module
 */

import { buildTokenizer, encode } from "../../../lessons/step0/01_tokenizer.ts";
import {
  addCounts,
  emptyCounts,
} from "../../../lessons/step0/02_count_table.ts";
import { bigram } from "../../../lessons/step0/03_model.ts";
import type { Widget } from "../widget.ts";

export const COUNT_TABLE: Widget = {
  id: "count-table",
  title: "Count table: which character follows which",
  guide: "0.3 Count table · 0.4 Model",
  needs: { from: "step0/01", to: "step0/03" },
  probe() {
    const tokenizer = buildTokenizer(["ab"]);
    const counts = emptyCounts(tokenizer.vocabSize);
    addCounts(counts, encode(tokenizer, "ab"));
    bigram(counts, 0);
  },
  compute(_params, ctx) {
    const tokenizer = buildTokenizer(ctx.names);
    const counts = emptyCounts(tokenizer.vocabSize);
    for (const name of ctx.names) addCounts(counts, encode(tokenizer, name));
    return {
      chars: tokenizer.chars,
      bos: tokenizer.bos,
      counts,
      probs: counts.map((_, row) => bigram(counts, row)),
    };
  },
};
