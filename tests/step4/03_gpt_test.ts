import {
  assert,
  assertEquals,
  AssertionError,
  assertStrictEquals,
} from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import type { Value } from "../../lessons/step2/01_value.ts";
import type { Matrix } from "../../lessons/step2/04_parameters.ts";
import {
  attentionBlock,
  emptyCache,
  gpt as gpt3,
  type KVCache,
} from "../../lessons/step3/05_gpt.ts";
import type { Model as Model3 } from "../../lessons/step3/02_parameters.ts";
import { initModel, type Model } from "../../lessons/step4/02_parameters.ts";
import {
  emptyCaches,
  gpt,
  multiHeadBlock,
} from "../../lessons/step4/03_gpt.ts";
import { assertListEquals, assertVectorClose } from "../_assert.ts";
import { withoutCrash } from "../_guards.ts";
import {
  attentionBlockN,
  emptyCachesN,
  gptN,
  logitsN,
  mistakesOf,
  type Slip,
  SLIPS,
} from "../_reference.ts";
import { data, gaussNumbers, toNumbers, values } from "./_fixtures.ts";
import { unusedMatrix } from "../step3/_fixtures.ts";

const TWO_LAYERS = { nEmbd: 16, nHead: 4, nLayer: 2, blockSize: 16 };

/**
 * gpt() at `pos`; a crash fails with what each layer's cache holds, in the
 * terms of the lesson: one key per earlier position before the call, and
 * this position's appended before attending.
 */
function gptAt(
  model: Model,
  token: number,
  pos: number,
  caches: KVCache[],
  nHead?: number,
  trace?: number[][],
): Value[] {
  return withoutCrash(
    () => gpt(model, token, pos, caches, nHead, trace),
    () =>
      `gpt() at position ${pos} of a ${model.layers.length}-layer model crashed; ` +
      `the caches hold [${
        caches.map((c) => c?.keys.length)
      }] keys, layer by layer: ` +
      `each layer li has its own cache, caches[li], holding ${pos} keys before ` +
      `the call, and this position's key and value are appended before attending`,
  );
}

/** The attention block's mistakes, told apart by their numbers. */
const BLOCK_SLIPS: Slip[] = [
  "attnResidualAfterNorm",
  "noAttnResidual",
  "noAttnNorm",
  "kvFromX",
  "queryFromWk",
  "keyFromWq",
  "valueFromWk",
  "noWo",
  "residualBeforeWo",
  "weighKeys",
  "appendAfterAttending",
];

/** Step 3's model made of a one-layer Step 4 model's own Values. */
function asStep3(model: Model): Model3 {
  return {
    ...model.layers[0],
    wte: model.wte,
    wpe: model.wpe,
    lmHead: model.lmHead,
  };
}

Deno.test("step4/03 emptyCaches() gives every layer its own empty cache", () => {
  const caches = emptyCaches(3);
  assertEquals(caches, [
    { keys: [], values: [] },
    { keys: [], values: [] },
    { keys: [], values: [] },
  ]);
  assert(
    caches[0] !== caches[1],
    "caches[0] and caches[1] are the same object: every layer would share one cache (new Array(n).fill(emptyCache()) does that)",
  );
  caches[0].keys.push(values([1]));
  assertEquals(
    [caches[0].values.length, caches[1].keys.length, caches[2].keys.length],
    [0, 0, 0],
    "a key pushed into caches[0].keys also appeared elsewhere: caches (or keys and values) share an array",
  );
});

Deno.test("step4/03 multiHeadBlock() at position 2 over 2 cached positions, 4 heads, matches the guide's block", () => {
  const model = initModel(27, new PyRandom(2));
  const numbers = toNumbers(model).layers[0];
  // Two earlier positions' keys and values, and this position's input.
  const rng = new PyRandom(12);
  const keys = gaussNumbers(2, 16, rng);
  const vals = gaussNumbers(2, 16, rng);
  const [x] = gaussNumbers(1, 16, rng);
  const cache = { keys: keys.map(values), values: vals.map(values) };
  const out = withoutCrash(
    () => multiHeadBlock(model.layers[0], values(x), cache, 4),
    () => "multiHeadBlock() crashed on a cache holding two positions",
  );
  const reference = (slip?: Slip) =>
    attentionBlockN(
      numbers,
      x,
      { keys: [...keys], values: [...vals] },
      4,
      slip,
    );
  assertVectorClose(data(out), reference(), {
    what: (i) => `output ${i}`,
    list: "multiHeadBlock()'s output at position 2",
    tol: 1e-12,
    mistakes: mistakesOf(BLOCK_SLIPS, reference),
  });
});

Deno.test("step4/03 multiHeadBlock() on an empty cache: the position attends to itself", () => {
  const model = initModel(27, new PyRandom(2));
  const x = model.wte[26];
  const [cache] = emptyCaches(1);
  const out = withoutCrash(
    () => multiHeadBlock(model.layers[0], x, cache, 4),
    () =>
      `multiHeadBlock() crashed on an empty cache, and left ${cache.keys.length} keys in it` +
      (cache.keys.length === 0
        ? ": the key and value of this position must be in the cache before attending (append k and v to the cache before attending: at position 0 the position attends to itself alone)"
        : ""),
  );
  const expected = attentionBlockN(
    toNumbers(model).layers[0],
    data(x),
    { keys: [], values: [] },
    4,
  );
  assertVectorClose(data(out), expected, {
    what: (i) => `output ${i}`,
    list: "multiHeadBlock()'s output at position 0",
    tol: 1e-12,
  });
});

Deno.test("step4/03 multiHeadBlock() with one head equals Step 3's attentionBlock", () => {
  const model = initModel(27, new PyRandom(1));
  const layer = model.layers[0];
  const cache3 = emptyCache();
  const [cache4] = emptyCaches(1);
  for (const token of [26, 4, 12]) {
    const x = model.wte[token];
    const expected = data(attentionBlock(layer, x, cache3));
    const actual = data(multiHeadBlock(layer, x, cache4, 1));
    assertVectorClose(actual, expected, {
      what: (i) => `output ${i} with one head`,
      tol: 0,
      note: "With nHead = 1 the block is Step 3's attention block.",
    });
  }
  assertEquals(cache4.keys.length, 3, "one key per position in the cache");
});

Deno.test("step4/03 multiHeadBlock() appends this position's key and value to the layer's cache", () => {
  const model = initModel(27, new PyRandom(2));
  const numbers = toNumbers(model).layers[0];
  const [cache] = emptyCaches(1);
  const reference = emptyCachesN(1)[0];
  for (const token of [26, 0, 21]) {
    const x = model.wte[token];
    attentionBlockN(numbers, data(x), reference, 4);
    multiHeadBlock(model.layers[0], x, cache, 4);
  }
  assertEquals(
    [cache.keys.length, cache.values.length],
    [3, 3],
    "after 3 positions the cache holds 3 keys and 3 values",
  );
  for (let t = 0; t < 3; t++) {
    assertVectorClose(data(cache.keys[t]), reference.keys[t], {
      what: `keys[${t}] (attnWk · rmsnorm(x))`,
      tol: 1e-12,
    });
    assertVectorClose(data(cache.values[t]), reference.values[t], {
      what: `values[${t}] (attnWv · rmsnorm(x))`,
      tol: 1e-12,
    });
  }
});

Deno.test("step4/03 multiHeadBlock() with 4 heads matches a plain-number reference", () => {
  const model = initModel(27, new PyRandom(3));
  const numbers = toNumbers(model).layers[0];
  const [cache] = emptyCaches(1);
  const reference = emptyCachesN(1)[0];
  for (const token of [26, 9, 0, 13]) {
    const x = model.wpe[token % 16];
    const expected = attentionBlockN(numbers, data(x), reference, 4);
    const actual = data(multiHeadBlock(model.layers[0], x, cache, 4));
    assertVectorClose(actual, expected, {
      what: "the block's output (attention + input)",
      tol: 1e-12,
    });
  }
});

Deno.test("step4/03 gpt() with one layer and one head equals Step 3's gpt", () => {
  const model = initModel(27, new PyRandom(4));
  const caches = emptyCaches(1);
  const cache3 = emptyCache();
  const tokens = [26, 0, 21, 0];
  const slips: Slip[] = [
    "noInputNorm",
    "finalNorm",
    "mlpFirst",
    "attnOutputDropped",
    "wpeZero",
  ];
  const slipped = slips.map((slip) =>
    logitsN(toNumbers(model), tokens, 1, slip)
  );
  tokens.forEach((token, pos) => {
    const expected = data(gpt3(asStep3(model), token, pos, cache3));
    const actual = data(gptAt(model, token, pos, caches, 1));
    assertVectorClose(actual, expected, {
      what: (i) => `logit ${i} at position ${pos}`,
      list: `the logits at position ${pos}, against Step 3's gpt()`,
      tol: 0,
      mistakes: slips.map((slip, k) => ({
        gives: slipped[k][pos],
        says: SLIPS[slip],
      })),
    });
  });
});

Deno.test("step4/03 gpt() gives each layer its own cache: 2 layers, one key and one value each per position", () => {
  const model = initModel(27, new PyRandom(5), TWO_LAYERS);
  const caches = emptyCaches(2);
  gptAt(model, 26, 0, caches);
  const counts = caches.map((c) => [c.keys.length, c.values.length]);
  assert(
    !(counts[0][0] === 2 && counts[1][0] === 0),
    "after one position caches[0] holds 2 keys and caches[1] none: both layers appended to caches[0]; layer li must use caches[li]",
  );
  assert(
    !(caches[0] === caches[1] || counts.every(([k]) => k === 2)),
    "after one position every layer's cache holds 2 keys: the layers share one cache object (emptyCaches must give each layer its own, e.g. Array.from({ length: nLayer }, () => emptyCache()))",
  );
  assertEquals(
    counts,
    [[1, 1], [1, 1]],
    `after one position each layer's cache should hold 1 key and 1 value, found [keys, values] per layer ${
      JSON.stringify(counts)
    }`,
  );
  gptAt(model, 4, 1, caches);
  assertEquals(caches.map((c) => [c.keys.length, c.values.length]), [[2, 2], [
    2,
    2,
  ]]);
  assert(
    caches[0].keys[0] !== caches[1].keys[0],
    "layer 0 and layer 1 hold the same key vector",
  );
});

Deno.test("step4/03 gpt() reads every matrix of every layer: changing any one changes the logits", () => {
  const model = initModel(27, new PyRandom(7), TWO_LAYERS);
  const logits = () => {
    const caches = emptyCaches(2);
    return [26, 13, 0].flatMap((token, pos) =>
      data(gptAt(model, token, pos, caches))
    );
  };
  const names = [
    "attnWq",
    "attnWk",
    "attnWv",
    "attnWo",
    "mlpFc1",
    "mlpFc2",
  ] as const;
  const matrices: [string, Matrix][] = [
    ["wte", model.wte],
    ["wpe", model.wpe],
    ...model.layers.flatMap((layer, li) =>
      names.map((n): [string, Matrix] => [`layers[${li}].${n}`, layer[n]])
    ),
    ["lmHead", model.lmHead],
  ];
  const unused = unusedMatrix(matrices, logits);
  if (unused === undefined) return;
  const rule = unused.startsWith("layers")
    ? "Every layer runs its attention block (attnWq, attnWk, attnWv, " +
      "attnWo), then its MLP block (mlpFc1, mlpFc2), each with its own " +
      "weights: layer li reads model.layers[li], and its output is the next " +
      "layer's input."
    : unused === "lmHead"
    ? "The logits are lmHead · x, x being the last layer's output."
    : "gpt() starts from x = rmsnorm(wte[token] + wpe[pos]).";
  throw new AssertionError(
    `changing every entry of ${unused} leaves the logits of a 2-layer model ` +
      `at positions 0-2 unchanged: gpt() never reads ${unused}. ${rule}`,
  );
});

Deno.test("step4/03 gpt() runs the layers in order: 2 layers match an independent computation", () => {
  const model = initModel(27, new PyRandom(7), TWO_LAYERS);
  const numbers = toNumbers(model);
  const caches = emptyCaches(2);
  const reference = emptyCachesN(2);
  const slips: Slip[] = [
    "layer0Weights",
    "mlpOnceAfterLayers",
    "cachesShared",
    "oneHead",
  ];
  const slipped = slips.map(() => emptyCachesN(2));
  [26, 13, 0, 8, 12].forEach((token, pos) => {
    const expected = gptN(numbers, token, pos, reference, 4);
    const logits = data(gptAt(model, token, pos, caches));
    assertVectorClose(logits, expected, {
      what: (i) => `logit ${i} at position ${pos}`,
      list: `the logits at position ${pos} of a 2-layer model`,
      tol: 1e-12,
      mistakes: mistakesOf(
        slips,
        (slip) =>
          gptN(numbers, token, pos, slipped[slips.indexOf(slip)], 4, slip),
      ),
    });
  });
});

Deno.test("step4/03 gpt() fills layer li's cache with layer li's keys and values", () => {
  const model = initModel(27, new PyRandom(6), TWO_LAYERS);
  const numbers = toNumbers(model);
  const caches = emptyCaches(2);
  const reference = emptyCachesN(2);
  [26, 1, 2].forEach((token, pos) => {
    gptAt(model, token, pos, caches);
    gptN(numbers, token, pos, reference, 4);
  });
  for (let li = 0; li < 2; li++) {
    for (let t = 0; t < 3; t++) {
      assertVectorClose(data(caches[li].keys[t]), reference[li].keys[t], {
        what:
          `caches[${li}].keys[${t}] (layer ${li}'s attnWk on its own input)`,
        tol: 1e-12,
      });
      assertVectorClose(data(caches[li].values[t]), reference[li].values[t], {
        what:
          `caches[${li}].values[${t}] (layer ${li}'s attnWv on its own input)`,
        tol: 1e-12,
      });
    }
  }
});

Deno.test("step4/03 gpt() gives CPython's logits for seed 42, with 1 and with 2 layers", () => {
  // A CPython program written from GUIDE.md (plain floats): random.seed(42),
  // the weights in Step 4's order, then gpt() on "ava" = [26, 0, 21, 0],
  // positions 0-3; the first four logits at position 3.
  const expected: Record<number, number[]> = {
    1: [
      0.2940401334619022,
      -0.28801502955414093,
      0.2917813467068001,
      0.5711109404513538,
    ],
    2: [
      0.39595188949182053,
      -0.24912445647986065,
      0.3219732198150643,
      0.5639751076592636,
    ],
  };
  for (const nLayer of [1, 2]) {
    const model = initModel(27, new PyRandom(42), { ...TWO_LAYERS, nLayer });
    const caches = emptyCaches(nLayer);
    let logits: number[] = [];
    [26, 0, 21, 0].forEach((token, pos) => {
      logits = data(gptAt(model, token, pos, caches));
    });
    assertVectorClose(logits.slice(0, 4), expected[nLayer], {
      what: (i) => `logit ${i} at position 3 with ${nLayer} layers`,
      tol: 1e-12,
    });
  }
});

Deno.test("step4/03 gpt() reports every layer's heads through trace, layer by layer", () => {
  const model = initModel(27, new PyRandom(8), TWO_LAYERS);
  const caches = emptyCaches(2);
  gptAt(model, 26, 0, caches);
  const trace: number[][] = [];
  gptAt(model, 3, 1, caches, 4, trace);
  assertEquals(
    trace.length,
    8,
    `expected 2 layers × 4 heads = 8 arrays of weights, found ${trace.length}`,
  );
  for (const [i, w] of trace.entries()) {
    assertEquals(
      w.length,
      2,
      `at position 1, layer ${Math.floor(i / 4)}'s head ${
        i % 4
      } weighs ${w.length} positions, expected 2 (BOS and position 1)${
        w.length > 2
          ? ": its cache holds keys of another layer or name (does every layer use its own caches[li]?)"
          : ""
      }`,
    );
  }
});

Deno.test("step4/03 gpt() uses 4 heads by default", () => {
  const model = initModel(27, new PyRandom(9));
  const [a, b] = [emptyCaches(1), emptyCaches(1)];
  [26, 5, 9].forEach((token, pos) => {
    const byDefault = gptAt(model, token, pos, a);
    const four = gptAt(model, token, pos, b, 4);
    assertStrictEquals(byDefault.length, 27);
    assertListEquals(data(byDefault), data(four), {
      what: (i) => `logit ${i} at position ${pos} without nHead`,
      note: "Without nHead, gpt() uses the guide's 4 heads (CONFIG.nHead).",
    });
  });
});
