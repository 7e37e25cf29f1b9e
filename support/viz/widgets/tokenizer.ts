/**
 * Tokenizer playground (guide 0.2): type a name, see its token ids, with BOS
 * at both ends, from Step 0's tokenizer lesson.
 *
 * @module
 */

import type * as Tokenizer from "../../../lessons/step0/01_tokenizer.ts";
import { knownCharacters, stringParam } from "../params.ts";
import type { Lessons, Widget } from "../widget.ts";

export function widget(lesson: Lessons): Widget {
  const { buildTokenizer, encode } = lesson<typeof Tokenizer>("step0/01");
  return {
    probe() {
      encode(buildTokenizer(["ab"]), "ba");
    },
    compute(params, { names }) {
      const name = stringParam(params, "name", 32);
      const tokenizer = buildTokenizer(names);
      knownCharacters(name, tokenizer.chars);
      const { chars, bos, vocabSize } = tokenizer;
      return { chars, bos, vocabSize, ids: encode(tokenizer, name) };
    },
  };
}
