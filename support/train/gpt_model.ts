/**
 * What the programs of Steps 3, 4 and 5 (the attention models) share: how
 * a model is read, the next token's probabilities and the view of its
 * insides, both through the lesson's own `gpt`, one position at a time.
 *
 * Unlike the bigram models of Steps 0–2, these models read the whole
 * beginning of a name: position p attends to every position before it
 * through the KV cache, so what comes after "em" is not what comes after
 * "m".
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import type { GptView } from "./step_program.ts";
import { mul, type Value } from "../../lessons/step2/01_value.ts";
import type { Matrix } from "../../lessons/step2/04_parameters.ts";
import { embed } from "../../lessons/step3/02_parameters.ts";
import { softmax } from "../../lessons/step3/04_attention.ts";
import type { KVCache } from "../../lessons/step3/05_gpt.ts";

/** How a GPT step's model is read through its lesson's `gpt`. */
export interface GptReader<M> {
  /** Attention heads per layer. */
  heads: number;
  /** Which lessons fill `gpt`'s trace, for the message when they do not. */
  tracedBy: string;
  /**
   * A run with fresh, empty caches: `step` is `gpt` at one position (pushing
   * its attention weights into `trace`), `cache` the first layer's KV cache.
   */
  fresh(model: M): {
    step(token: number, pos: number, trace?: number[][]): Value[];
    cache: KVCache;
  };
}

/** A GPT's parameters that the views read. */
type Gpt = { wte: Matrix; wpe: Matrix; layers?: unknown[] };

/**
 * The `next` and `gpt` parts of a GPT step program (see `StepLessons`).
 *
 * `next` runs `gpt` over the prefix and turns the last position's logits
 * into probabilities as the guide samples: logits · temperature^−1, then
 * softmax. Both refuse a prefix longer than the model's context: there is
 * no position embedding beyond `blockSize` positions.
 */
export function gptParts<M extends Gpt>(reader: GptReader<M>) {
  return {
    next(model: M, prefix: number[], temperature: number): number[] {
      checkContext(model.wpe.length, prefix);
      const { step } = reader.fresh(model);
      let logits: Value[] = [];
      prefix.forEach((token, pos) => logits = step(token, pos));
      const scale = temperature ** -1;
      return softmax(logits.map((l) => mul(l, scale))).map((p) => p.data);
    },
    gpt: (model: M) => gptView(model, reader),
  };
}

/** Refuses a prefix longer than the model's context. */
function checkContext(blockSize: number, prefix: readonly number[]): void {
  if (prefix.length > blockSize) {
    throw new UserError(
      `the model reads at most ${
        blockSize - 1
      } characters after the start of a name (blockSize ${blockSize}), received ${
        prefix.length - 1
      }`,
      2,
    );
  }
}

/**
 * The {@linkcode GptView} of a model: its insides, read through the lessons.
 *
 * @example A lesson's gpt that records no weights is named
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { gptView } from "./gpt_model.ts";
 *
 * const view = gptView({ wte: [], wpe: Array(16) }, {
 *   heads: 1,
 *   tracedBy: "attentionBlock pushes the weights (lessons/step3/05_gpt.ts)",
 *   fresh: () => ({ step: () => [], cache: { keys: [], values: [] } }),
 * });
 * assertThrows(
 *   () => view.read([1, 0]),
 *   Error,
 *   "gpt() recorded 0 rows of attention weights at position 0, expected 1 (one per head of each layer): attentionBlock pushes the weights (lessons/step3/05_gpt.ts)",
 * );
 * ```
 */
export function gptView<M extends Gpt>(
  model: M,
  { heads, tracedBy, fresh }: GptReader<M>,
): GptView {
  const { wte, wpe } = model;
  const layers = model.layers?.length ?? 1;
  const numbers = (vector: readonly Value[]) => vector.map((v) => v.data);
  return {
    heads,
    layers,
    blockSize: wpe.length,
    read(tokens) {
      checkContext(wpe.length, tokens);
      const { step, cache } = fresh(model);
      return tokens.map((token, pos) => {
        const trace: number[][] = [];
        step(token, pos, trace);
        if (trace.length !== layers * heads) {
          throw new UserError(
            `gpt() recorded ${trace.length} rows of attention weights at position ${pos}, expected ${
              layers * heads
            } (one per head of each layer): ${tracedBy}`,
          );
        }
        // Every layer records its heads in turn.
        const byLayer = Array.from(
          { length: layers },
          (_, l) => trace.slice(l * heads, (l + 1) * heads),
        );
        return {
          heads: byLayer[0],
          layers: byLayer,
          keys: cache.keys.map(numbers),
          values: cache.values.map(numbers),
        };
      });
    },
    // Its callers (the viz widgets) check the token and the position.
    embedding(token, pos) {
      return {
        wte: numbers(wte[token]),
        wpe: numbers(wpe[pos]),
        sum: numbers(embed(wte, wpe, token, pos)),
      };
    },
  };
}
