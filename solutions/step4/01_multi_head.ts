/**
 * Lesson step4/01 · Multi-head attention
 * Guide: 4.1 What changes · 4.2–4.3 Multi-head attention
 *
 * @module
 */

import type { Value } from "../step2/01_value.ts";
import { attentionWeights, weightedSum } from "../step3/04_attention.ts";

/**
 * Head h's slice of a vector: dimensions h·headDim … h·headDim + headDim − 1.
 *
 * @param vector A query, key or value, nHead · headDim long.
 * @param h The head, 0 … nHead − 1.
 * @param headDim Dimensions per head.
 * @returns The slice (the same Values, not copies).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { headSlice } from "./01_multi_head.ts";
 *
 * const v = [1, 2, 3, 4].map((x) => new Value(x));
 * assertEquals(headSlice(v, 1, 2).map((x) => x.data), [3, 4]);
 * ```
 */
export function headSlice(
  vector: readonly Value[],
  h: number,
  headDim: number,
): Value[] {
  return vector.slice(h * headDim, (h + 1) * headDim);
}

/**
 * Attention with `nHead` heads: each head attends with its own slice of the
 * query, the keys and the values (scores scaled by √headDim), and the
 * heads' outputs are concatenated in order.
 *
 * @param q This position's query, nEmbd long.
 * @param keys The cached keys, one nEmbd vector per position.
 * @param values The cached values, one nEmbd vector per position.
 * @param nHead The number of heads; nEmbd must be a multiple of it.
 * @param trace If given, receives each head's weights (plain numbers), head
 *   by head.
 * @returns The concatenated output, nEmbd long.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { multiHeadAttention } from "./01_multi_head.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const out = multiHeadAttention(values([1, 1]), [values([0, 0])], [values([5, 7])], 2);
 * assertEquals(out.map((v) => v.data), [5, 7]);
 * ```
 */
export function multiHeadAttention(
  q: readonly Value[],
  keys: readonly (readonly Value[])[],
  values: readonly (readonly Value[])[],
  nHead: number,
  trace?: number[][],
): Value[] {
  const headDim = q.length / nHead;
  const out: Value[] = [];
  for (let h = 0; h < nHead; h++) {
    const w = attentionWeights(
      headSlice(q, h, headDim),
      keys.map((k) => headSlice(k, h, headDim)),
    );
    trace?.push(w.map((v) => v.data));
    out.push(
      ...weightedSum(w, values.map((v) => headSlice(v, h, headDim))),
    );
  }
  return out;
}
