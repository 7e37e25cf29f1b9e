/**
 * Lesson step4/03 · The layer loop and its per-layer KV cache
 * Guide: 4.4 Layer loop · 4.5 Per-layer KV cache
 *
 * @module
 */

import type { Value } from "../step2/01_value.ts";
import { linear } from "../step3/01_fused_nodes.ts";
import { embed } from "../step3/02_parameters.ts";
import { rmsnorm } from "../step3/03_rmsnorm.ts";
import {
  addResidual,
  emptyCache,
  type KVCache,
  mlpBlock,
} from "../step3/05_gpt.ts";
import { multiHeadAttention } from "./01_multi_head.ts";
import { CONFIG, type Layer, type Model } from "./02_parameters.ts";

/**
 * A fresh cache for a name: one empty KVCache per layer.
 *
 * @param nLayer The number of layers.
 * @returns nLayer separate caches.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { emptyCaches } from "./03_gpt.ts";
 *
 * assertEquals(emptyCaches(2), [{ keys: [], values: [] }, { keys: [], values: [] }]);
 * ```
 */
export function emptyCaches(nLayer: number): KVCache[] {
  return Array.from({ length: nLayer }, () => emptyCache());
}

/**
 * One layer's attention block with `nHead` heads: rmsnorm, q/k/v, append
 * to this layer's cache, multi-head attention, attnWo, plus the input.
 *
 * @param layer The layer's parameters.
 * @param x The block's input, nEmbd long.
 * @param cache This layer's cache.
 * @param nHead The number of heads.
 * @param trace If given, receives each head's weights.
 * @returns The block's output, nEmbd long.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { emptyCaches, multiHeadBlock } from "./03_gpt.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * const [cache] = emptyCaches(1);
 * const out = multiHeadBlock(model.layers[0], model.wte[0], cache, 4);
 * assertEquals(out.length, 16);
 * ```
 */
export function multiHeadBlock(
  layer: Layer,
  x: readonly Value[],
  cache: KVCache,
  nHead: number,
  trace?: number[][],
): Value[] {
  const xn = rmsnorm(x);
  const q = linear(xn, layer.attnWq);
  cache.keys.push(linear(xn, layer.attnWk));
  cache.values.push(linear(xn, layer.attnWv));
  const out = multiHeadAttention(q, cache.keys, cache.values, nHead, trace);
  return addResidual(linear(out, layer.attnWo), x);
}

/**
 * The logits after `token` at position `pos`: embed and rmsnorm, then for
 * each layer its attention block (with its own cache) and its MLP block,
 * then lmHead.
 *
 * @param model The parameters.
 * @param token The token at this position.
 * @param pos The position; positions come in order.
 * @param caches One cache per layer, holding positions 0 … pos − 1.
 * @param nHead The number of heads (default: the guide's 4).
 * @param trace If given, receives every layer's heads' weights, layer by
 *   layer, head by head.
 * @returns One logit per vocabulary entry.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { emptyCaches, gpt } from "./03_gpt.ts";
 *
 * const model = initModel(27, new PyRandom(42));
 * assertEquals(gpt(model, 26, 0, emptyCaches(1)).length, 27);
 * ```
 */
export function gpt(
  model: Model,
  token: number,
  pos: number,
  caches: KVCache[],
  nHead: number = CONFIG.nHead,
  trace?: number[][],
): Value[] {
  let x = rmsnorm(embed(model.wte, model.wpe, token, pos));
  model.layers.forEach((layer, li) => {
    x = multiHeadBlock(layer, x, caches[li], nHead, trace);
    x = mlpBlock(layer, x);
  });
  return linear(x, model.lmHead);
}
