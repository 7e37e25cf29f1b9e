/**
 * Lesson step3/05 · The block: attention, residuals, MLP and the KV cache
 * Guide: 3.6 Output and residuals · 3.7 KV cache
 *
 * `gpt` gives the logits for one position: x = rmsnorm(embed(…)), then
 * x = attentionBlock(…, x, …), then x = mlpBlock(…, x), then
 * linear(x, lmHead). Each block normalizes its input once more (the
 * guide's code does both), but only for its own use: q, k and v, or
 * mlpFc1's input, are made from rmsnorm(x). What the block adds back to
 * its output is its input x as it came in, not rmsnorm(x) (a residual
 * connection): the block only has to learn a correction, and the gradient
 * has a direct path back through the `+`.
 *
 * The model runs one position at a time, in order. The KV cache holds the
 * keys and values of every earlier position of the name; each call
 * appends its own key and value, then attends over everything in the
 * cache. That is what makes the model causal with no mask: a later
 * position is simply not in the cache yet.
 *
 * The trap: the cache must hold the very Value nodes that `linear`
 * returned. The loss at position 3 depends on the keys and values of
 * positions 0 to 2, and its gradient must flow back through them into
 * those positions' embeddings and into attnWk and attnWv. Copy their
 * numbers into new leaves and those paths are cut: the forward pass still
 * gives the right numbers, but the gradients are wrong.
 *
 * Run this lesson's tests: deno task test tests/step3/05_gpt_test.ts
 *
 * @module
 */

import { add, type Value } from "../step2/01_value.ts";
import { relu } from "../step2/02_more_ops.ts";
import type { Matrix } from "../step2/04_parameters.ts";
import { linear } from "./01_fused_nodes.ts";
import { embed, type Model } from "./02_parameters.ts";
import { rmsnorm } from "./03_rmsnorm.ts";
import { attentionWeights, weightedSum } from "./04_attention.ts";

/**
 * The keys and values of every earlier position of one name: what attention
 * looks back at. `gpt` appends one key and one value per position.
 */
export interface KVCache {
  /** One key vector per position so far. */
  keys: Value[][];
  /** One value vector per position so far. */
  values: Value[][];
}

/**
 * A fresh cache, for the start of a name.
 *
 * @returns Empty keys and values.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { emptyCache } from "./05_gpt.ts";
 *
 * assertEquals(emptyCache(), { keys: [], values: [] });
 * ```
 */
export function emptyCache(): KVCache {
  return { keys: [], values: [] };
}

/**
 * Adds two vectors element by element: how a block adds its input back.
 *
 * @param x The block's output.
 * @param residual The block's input.
 * @returns New Values, x[i] + residual[i].
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { addResidual } from "./05_gpt.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * assertEquals(addResidual(values([1, 2]), values([10, 20])).map((v) => v.data), [11, 22]);
 * ```
 */
export function addResidual(
  x: readonly Value[],
  residual: readonly Value[],
): Value[] {
  return x.map((xi, i) => add(xi, residual[i]));
}

/**
 * The MLP block: rmsnorm → mlpFc1 → ReLU → mlpFc2, plus the block's input.
 *
 * @param weights The two MLP matrices.
 * @param x The block's input, nEmbd long.
 * @returns The block's output, nEmbd long.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { mlpBlock } from "./05_gpt.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const zeros = [values([0, 0]), values([0, 0])];
 * // With zero weights the block adds nothing: the input comes out.
 * const out = mlpBlock({ mlpFc1: zeros, mlpFc2: zeros }, values([1, 2]));
 * assertEquals(out.map((v) => v.data), [1, 2]);
 * ```
 */
export function mlpBlock(
  weights: { mlpFc1: Matrix; mlpFc2: Matrix },
  x: readonly Value[],
): Value[] {
  const h = linear(rmsnorm(x), weights.mlpFc1).map((v) => relu(v));
  return addResidual(linear(h, weights.mlpFc2), x);
}

/**
 * The attention block with one head: rmsnorm; the query, key and value of
 * this position; key and value appended to the cache; attention over every
 * cached position; attnWo; plus the block's input.
 *
 * @param weights The four attention matrices.
 * @param x The block's input, nEmbd long.
 * @param cache This name's cache; one key and one value are appended.
 * @param trace If given, receives this position's attention weights (one
 *   array of plain numbers, one weight per cached position).
 * @returns The block's output, nEmbd long.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { attentionBlock, emptyCache } from "./05_gpt.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const eye = () => [values([1, 0]), values([0, 1])];
 * const cache = emptyCache();
 * const weights = { attnWq: eye(), attnWk: eye(), attnWv: eye(), attnWo: eye() };
 * attentionBlock(weights, values([1, 2]), cache);
 * assertEquals(cache.keys.length, 1);
 * ```
 */
export function attentionBlock(
  weights: { attnWq: Matrix; attnWk: Matrix; attnWv: Matrix; attnWo: Matrix },
  x: readonly Value[],
  cache: KVCache,
  trace?: number[][],
): Value[] {
  const xn = rmsnorm(x);
  const q = linear(xn, weights.attnWq);
  cache.keys.push(linear(xn, weights.attnWk));
  cache.values.push(linear(xn, weights.attnWv));
  const w = attentionWeights(q, cache.keys);
  trace?.push(w.map((v) => v.data));
  const out = weightedSum(w, cache.values);
  return addResidual(linear(out, weights.attnWo), x);
}

/**
 * The logits for the token after `token` at position `pos`, seeing every
 * earlier position of the name through `cache`: embed, rmsnorm, the
 * attention block, the MLP block, then lmHead.
 *
 * @param model The parameters.
 * @param token The token at this position.
 * @param pos The position, 0 … blockSize − 1; positions come in order.
 * @param cache This name's cache, holding positions 0 … pos − 1.
 * @param trace If given, receives this position's attention weights.
 * @returns One logit per vocabulary entry.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { emptyCache, gpt } from "./05_gpt.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * const cache = emptyCache();
 * assertEquals(gpt(model, 26, 0, cache).length, 27);
 * assertEquals(cache.keys.length, 1);
 * ```
 */
export function gpt(
  model: Model,
  token: number,
  pos: number,
  cache: KVCache,
  trace?: number[][],
): Value[] {
  let x = rmsnorm(embed(model.wte, model.wpe, token, pos));
  x = attentionBlock(model, x, cache, trace);
  x = mlpBlock(model, x);
  return linear(x, model.lmHead);
}
