/**
 * Lesson step4/03 · The layer loop and its per-layer KV cache
 * Guide: 4.4 Layer loop · 4.5 Per-layer KV cache
 *
 * Step 3's `gpt` ran one attention block and one MLP block. Now it runs
 * them once per layer, each layer with its own weights, feeding each
 * layer's output into the next: embed and rmsnorm, then for layer 0, 1, …
 * its attention block and its MLP block, then lmHead.
 *
 * The KV cache follows: each layer computes its own keys and values (from
 * its own input, with its own attnWk and attnWv), so each layer needs its
 * own cache. `caches[li]` is layer li's list of earlier keys and values.
 * Two traps, both silent with the guide's single layer: giving every layer
 * the same cache (layer 1 would attend to layer 0's keys), and building
 * the caches so that they share one array (`fill(emptyCache())` puts the
 * SAME cache object in every slot). Tests run two layers to catch both.
 *
 * The attention block is Step 3's `attentionBlock` with
 * `multiHeadAttention` (lesson 01) in place of the single head; the MLP
 * block is Step 3's `mlpBlock`, unchanged.
 *
 * Run this lesson's tests: deno task test tests/step4/03_gpt_test.ts
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

import { todo } from "../../support/todo.ts";

/**
 * Fresh caches for the start of a name: one empty KVCache per layer, each
 * a separate object with its own arrays.
 *
 * @param nLayer The number of layers.
 * @returns nLayer separate caches; caches[li] is layer li's.
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
  todo("emptyCaches", import.meta.url);
}

/**
 * One layer's attention block with `nHead` heads: Step 3's attention
 * block with multi-head attention. rmsnorm; this position's query, key and
 * value with the layer's attnWq, attnWk, attnWv; key and value appended to
 * this layer's cache; multi-head attention over the cache; attnWo; plus
 * the block's input.
 *
 * @param layer The layer's parameters.
 * @param x The block's input, nEmbd long.
 * @param cache This layer's cache; one key and one value are appended.
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
  todo("multiHeadBlock", import.meta.url);
}

/**
 * The logits for the token after `token` at position `pos`: embed and
 * rmsnorm, then for each layer li in order its attention block (with
 * caches[li]) and its MLP block, each layer's output the next one's input,
 * then lmHead.
 *
 * @param model The parameters.
 * @param token The token at this position.
 * @param pos The position; positions come in order.
 * @param caches One cache per layer, holding positions 0 … pos − 1; each
 *   gets this position's key and value.
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
  todo("gpt", import.meta.url);
}
