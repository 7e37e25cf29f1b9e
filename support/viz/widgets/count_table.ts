/**
 * Step 0's count table as a heatmap (guide 0.3), and one row as the model's
 * next-token distribution (0.4): every bigram of the dataset counted with
 * the learner's count-table lesson, every row smoothed by their model lesson.
 *
 * @module
 */

import type * as Tokenizer from "../../../lessons/step0/01_tokenizer.ts";
import type * as Counts from "../../../lessons/step0/02_count_table.ts";
import type * as Model from "../../../lessons/step0/03_model.ts";
import type { Lessons, Widget } from "../widget.ts";

export function widget(lesson: Lessons): Widget {
  const { buildTokenizer, encode } = lesson<typeof Tokenizer>("step0/01");
  const { addCounts, emptyCounts } = lesson<typeof Counts>("step0/02");
  const { bigram } = lesson<typeof Model>("step0/03");
  return {
    probe() {
      const tokenizer = buildTokenizer(["ab"]);
      const counts = emptyCounts(tokenizer.vocabSize);
      addCounts(counts, encode(tokenizer, "ab"));
      bigram(counts, 0);
    },
    compute(_params, { names }) {
      const tokenizer = buildTokenizer(names);
      const counts = emptyCounts(tokenizer.vocabSize);
      for (const name of names) addCounts(counts, encode(tokenizer, name));
      return {
        chars: tokenizer.chars,
        bos: tokenizer.bos,
        counts,
        probs: counts.map((_, row) => bigram(counts, row)),
      };
    },
  };
}
