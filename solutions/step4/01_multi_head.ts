/**
 * Lesson step4/01 · Multi-head attention: four small heads instead of one
 * Guide: 4.1 What changes · 4.2–4.3 Multi-head attention
 *
 * Step 3's single head compares the whole 16-number query with each key:
 * one score per earlier position, so one idea of "which position matters".
 * Multi-head attention cuts every query, key and value into 4 slices of 4
 * numbers (dimensions 0–3 are head 0, 4–7 head 1, …) and runs Step 3's
 * attention on each slice separately. Each head can then look for
 * something else: one at the previous letter, one at the first letter. The
 * four 4-number outputs are glued back together, head 0 first, into one
 * 16-number vector. No new parameters: the same 16×16 matrices, read in
 * slices.
 *
 * You already wrote the attention of one head (`attentionWeights` and
 * `weightedSum` of lesson step3/04): call them per slice. The trap is the
 * scale: a head's score is its 4-number dot product divided by √headDim =
 * √4 = 2, not by √nEmbd = 4. Step 3's `attentionWeights` scales by the
 * length of the query it is given, so giving it the slice does it right.
 *
 * Run this lesson's tests: deno task test tests/step4/01_multi_head_test.ts
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
 * @returns The slice: the vector's own Values (not copies), so gradients
 *   flow back into the vector.
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
 * Attention with `nHead` heads: head h attends with its own slice of the
 * query, of every cached key and of every cached value (its scores divided
 * by √headDim, headDim = q.length / nHead), and the heads' outputs are
 * concatenated in order, head 0 first. With one head it is Step 3's
 * attention.
 *
 * @param q This position's query, nEmbd long.
 * @param keys The cached keys, one nEmbd vector per position.
 * @param values The cached values, one nEmbd vector per position.
 * @param nHead The number of heads; nEmbd must be a multiple of it.
 * @param trace If given, receives each head's attention weights (plain
 *   numbers, one per cached position), head by head.
 * @returns The concatenated output, nEmbd long.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { multiHeadAttention } from "./01_multi_head.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * // One cached position: each head can only attend to it, with weight 1,
 * // so each head returns its slice of that position's value.
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
