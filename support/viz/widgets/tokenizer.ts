/**
 * Tokenizer playground (guide 0.2): type a name, see its token ids, with BOS
 * at both ends. Uses Step 0's tokenizer lesson.
 *
 * @module
 */

import { buildTokenizer, encode } from "../../../lessons/step0/01_tokenizer.ts";
import { knownCharacters, stringParam, type Widget } from "../widget.ts";

export const TOKENIZER: Widget = {
  id: "tokenizer",
  title: "Tokenizer: a name as token ids",
  guide: "0.2 Tokenizer",
  needs: { from: "step0/01", to: "step0/01" },
  probe() {
    encode(buildTokenizer(["ab"]), "ba");
  },
  compute(params, ctx) {
    const name = stringParam(params, "name", 32);
    const tokenizer = buildTokenizer(ctx.names);
    knownCharacters(name, tokenizer.chars);
    return {
      chars: tokenizer.chars,
      bos: tokenizer.bos,
      vocabSize: tokenizer.vocabSize,
      ids: encode(tokenizer, name),
    };
  },
};
