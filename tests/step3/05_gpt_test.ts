import { assert, assertEquals, AssertionError } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import type { Value } from "../../lessons/step2/01_value.ts";
import { log, neg } from "../../lessons/step2/02_more_ops.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import { initModel, type Model } from "../../lessons/step3/02_parameters.ts";
import { softmax } from "../../lessons/step3/04_attention.ts";
import {
  addResidual,
  attentionBlock,
  emptyCache,
  gpt,
  type KVCache,
  mlpBlock,
} from "../../lessons/step3/05_gpt.ts";
import { assertListEquals, assertVectorClose, plain } from "../_assert.ts";
import { withoutCrash } from "../_guards.ts";
import {
  attentionBlockN,
  attentionWeightsN,
  linearN,
  logitsN,
  mistakesOf,
  mlpBlockN,
  type NumberCache,
  type NumberLayer,
  rmsnormN,
  type Slip,
} from "../_reference.ts";
import {
  data,
  finiteDifference,
  tokensOf,
  toNumbers,
  unusedMatrix,
  values,
} from "./_fixtures.ts";

/**
 * A layer of 2×2 matrices for the worked examples: no two alike and none
 * the identity, so that a block using the wrong one gives other numbers.
 */
const LAYER: NumberLayer = {
  attnWq: [[1, 0], [1, 1]],
  attnWk: [[0, 1], [2, 0]],
  attnWv: [[1, -1], [0, 2]],
  attnWo: [[0, 1], [-1, 1]],
  mlpFc1: [[1, 1], [2, -1]],
  mlpFc2: [[1, -1], [2, 1]],
};

/** The worked examples' layer as leaves. */
function layerOfValues() {
  const m = (w: number[][]) => w.map(values);
  return {
    attnWq: m(LAYER.attnWq),
    attnWk: m(LAYER.attnWk),
    attnWv: m(LAYER.attnWv),
    attnWo: m(LAYER.attnWo),
    mlpFc1: m(LAYER.mlpFc1),
    mlpFc2: m(LAYER.mlpFc2),
  };
}

/** The attention block's mistakes, told apart by the worked examples. */
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

/** The MLP block's mistakes. */
const MLP_SLIPS: Slip[] = [
  "noMlpResidual",
  "mlpResidualAfterNorm",
  "noMlpNorm",
  "noRelu",
  "fc1Twice",
  "reluAfterFc2",
  "reluBeforeFc1",
];

/** Entry by entry within 1e-12, same length. */
const closeTo = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-12);

const list = (xs: readonly number[]) => `[${xs.map(plain).join(", ")}]`;

/**
 * Where attentionBlock() went wrong, from what it left behind: the key and
 * value it appended to the cache, then the weights it reported through
 * `trace`, each against the guide's; or that all three are right, so the
 * slip comes after them. A sentence for the failure, or undefined when
 * the cache does not hold the two positions this can judge.
 */
function blockDiagnosis(
  x: readonly number[],
  before: NumberCache,
  cache: KVCache,
  trace: number[][],
): string | undefined {
  if (cache.keys.length !== 2 || cache.values.length !== 2) return undefined;
  const xn = rmsnormN(x);
  const key = linearN(xn, LAYER.attnWk);
  const value = linearN(xn, LAYER.attnWv);
  const appended = [data(cache.keys[1]), data(cache.values[1])];
  if (!closeTo(appended[0], key)) {
    return `The key it appended to the cache is ${list(appended[0])}, ` +
      `expected k = attnWk · rmsnorm(x) = ${list(key)}.`;
  }
  if (!closeTo(appended[1], value)) {
    return `The value it appended to the cache is ${list(appended[1])}, ` +
      `expected v = attnWv · rmsnorm(x) = ${list(value)}.`;
  }
  if (trace.length !== 1) return undefined;
  if (trace[0].length !== 2) {
    return `It attended over ${trace[0].length} position(s), but the cache ` +
      "now holds 2: this position's key and value join the cache before " +
      "attending.";
  }
  const query = linearN(xn, LAYER.attnWq);
  const weights = attentionWeightsN(query, [...before.keys, key]);
  if (!closeTo(trace[0], weights)) {
    return `Its key and value are right, but its attention weights are ` +
      `${list(trace[0])}, expected ${list(weights)}: the weights compare ` +
      `the query q = attnWq · rmsnorm(x) with each cached key. The query, ` +
      `like the key and the value, is made from rmsnorm(x), not x.`;
  }
  return "Its key, value and attention weights are right, so the slip " +
    "comes after them: out = Σₜ wₜ · vₜ over the cached values, then " +
    "attnWo · out + x.";
}

/**
 * gpt() at `pos`; a crash fails with what the cache holds, in the terms of
 * the lesson: positions 0 … pos − 1 before the call, and this one after.
 */
function gptAt(
  model: Model,
  token: number,
  pos: number,
  cache: KVCache,
  trace?: number[][],
): Value[] {
  return withoutCrash(
    () => gpt(model, token, pos, cache, trace),
    () =>
      `gpt() at position ${pos} crashed, leaving ${cache.keys.length} keys in the cache: ` +
      `it holds positions 0 … ${pos - 1} before the call (${pos} keys), and ` +
      `this position's key and value must be appended before attending (${
        pos + 1
      } keys)`,
  );
}

/** The logits of positions 0 … tokens.length − 1, with one cache. */
function run(model: Model, tokens: number[], cache: KVCache = emptyCache()) {
  return tokens.map((token, pos) => data(gptAt(model, token, pos, cache)));
}

Deno.test("step3/05 emptyCache() gives a new, empty cache every time", () => {
  const a = emptyCache();
  const b = emptyCache();
  assertEquals(
    [a.keys.length, a.values.length],
    [0, 0],
    "a fresh cache holds no keys and no values",
  );
  assert(
    a !== b && a.keys !== b.keys && a.values !== b.values,
    "emptyCache() returned the same arrays twice: two names would share one cache, and a name would attend to the keys of the names before it. Return new arrays at every call: { keys: [], values: [] }",
  );
  assert(
    a.keys !== a.values,
    "keys and values share one array: a cache holds two lists, { keys: [], values: [] }",
  );
});

Deno.test("step3/05 addResidual() adds element by element (worked by hand)", () => {
  assertListEquals(data(addResidual(values([1, 2]), values([10, 20]))), [
    11,
    22,
  ], {
    what: (i) => `addResidual([1, 2], [10, 20])[${i}]`,
  });
});

Deno.test("step3/05 mlpBlock(x) = mlpFc2 · ReLU(mlpFc1 · rmsnorm(x)) + x (worked by hand)", () => {
  // x = [3, −4]: rmsnorm gives [3s, −4s], s = 12.50001^−0.5 ≈ 0.2828.
  // mlpFc1 = [[1, 1], [2, −1]] gives [−s, 10s]; ReLU: [0, 10s].
  // mlpFc2 = [[1, −1], [2, 1]] gives [−10s, 10s]; plus x: [3 − 10s, 10s − 4].
  const s = 12.50001 ** -0.5;
  const x = [3, -4];
  assertVectorClose(data(mlpBlock(layerOfValues(), values(x))), [
    3 - 10 * s,
    10 * s - 4,
  ], {
    what: "mlpBlock([3, −4])",
    tol: 1e-14,
    mistakes: mistakesOf(MLP_SLIPS, (slip) => mlpBlockN(LAYER, x, slip)),
  });
});

Deno.test("step3/05 attentionBlock() at position 1 over a cached position 0 (worked by hand)", () => {
  // x = [2, 1]: xn = rmsnorm(x) = [2s, s], s = 2.50001^−0.5 ≈ 0.6325.
  // q = attnWq·xn = [2s, 3s], k₁ = attnWk·xn = [s, 4s], v₁ = attnWv·xn = [s, 2s].
  // The cache holds position 0's k₀ = [1, −1], v₀ = [2, 0]; k₁ and v₁ join it.
  // Scores q·kₜ / √2: [−s/√2, 14s²/√2]; weights w = softmax of those;
  // out = w₀·v₀ + w₁·v₁; the block returns attnWo·out + x.
  // python3 (the guide's attention on these numbers):
  const cpython = [3.249672821177966, 1.6007465848628142];
  const cache = { keys: [values([1, -1])], values: [values([2, 0])] };
  const trace: number[][] = [];
  const out = withoutCrash(
    () => attentionBlock(layerOfValues(), values([2, 1]), cache, trace),
    () => "attentionBlock() crashed on a cache holding one position",
  );
  assertVectorClose(data(out), cpython, {
    what: "attentionBlock([2, 1]) over a cache holding position 0",
    tol: 1e-12,
    note: blockDiagnosis(
      [2, 1],
      { keys: [[1, -1]], values: [[2, 0]] },
      cache,
      trace,
    ),
    mistakes: mistakesOf(BLOCK_SLIPS, (slip) =>
      attentionBlockN(
        LAYER,
        [2, 1],
        { keys: [[1, -1]], values: [[2, 0]] },
        1,
        slip,
      )),
  });
  assertEquals(
    [cache.keys.length, cache.values.length],
    [2, 2],
    "attentionBlock() appends one key and one value to the cache",
  );
});

Deno.test("step3/05 attentionBlock() on an empty cache: the position attends to itself (worked by hand)", () => {
  // One cached position, its own: weight 1, so the weighted sum is v.
  // x = [2, 1]: v = attnWv·xn = [s, 2s]; attnWo·v = [2s, s]; plus x.
  const s = 2.50001 ** -0.5;
  const cache = emptyCache();
  const out = withoutCrash(
    () => attentionBlock(layerOfValues(), values([2, 1]), cache),
    () =>
      `attentionBlock() crashed on an empty cache, and left ${cache.keys.length} keys in it` +
      (cache.keys.length === 0
        ? ": the key and value of this position must be in the cache before attending (append k and v to the cache before attending: at position 0 the position attends to itself alone)"
        : ""),
  );
  assertVectorClose(data(out), [2 * s + 2, s + 1], {
    what: "attentionBlock([2, 1]) on an empty cache",
    tol: 1e-14,
    mistakes: mistakesOf(
      BLOCK_SLIPS.filter((slip) => slip !== "appendAfterAttending"),
      (slip) =>
        attentionBlockN(LAYER, [2, 1], { keys: [], values: [] }, 1, slip),
    ),
  });
  assertEquals(
    [cache.keys.length, cache.values.length],
    [1, 1],
    "after attentionBlock() on an empty cache it holds 1 key and 1 value",
  );
});

/** Where gpt() reads each matrix: the lesson's x = … chain. */
const READS = {
  embedding: "gpt() starts from x = rmsnorm(wte[token] + wpe[pos]), the " +
    "embedding of this token at this position",
  attention: "the attention block reads attnWq, attnWk, attnWv and attnWo, " +
    "and its output is the next x: x = attentionBlock(…, x, …)",
  mlp: "the MLP block reads mlpFc1 and mlpFc2, takes the attention " +
    "block's output and gives the next x: x = mlpBlock(…, x)",
  lmHead: "the logits are lmHead · x, x being the MLP block's output: " +
    "lmHead, not wte, turns x into one logit per token",
};
const MATRICES: [keyof Model, string][] = [
  ["wte", READS.embedding],
  ["wpe", READS.embedding],
  ["attnWq", READS.attention],
  ["attnWk", READS.attention],
  ["attnWv", READS.attention],
  ["attnWo", READS.attention],
  ["mlpFc1", READS.mlp],
  ["mlpFc2", READS.mlp],
  ["lmHead", READS.lmHead],
];

Deno.test("step3/05 gpt() reads every matrix of the model: changing any one changes the logits", () => {
  const model = initModel(27, new PyRandom(5));
  const tokens = [26, 0, 21];
  const logits = () => {
    const cache = emptyCache();
    return tokens.flatMap((token, pos) =>
      data(gptAt(model, token, pos, cache))
    );
  };
  const unused = unusedMatrix(
    MATRICES.map(([name]) => [name, model[name]]),
    logits,
  );
  if (unused === undefined) return;
  const reads = MATRICES.find(([name]) => name === unused)![1];
  throw new AssertionError(
    `changing every entry of ${unused} leaves gpt()'s logits at positions ` +
      `0-2 unchanged: gpt() never reads ${unused}. In the guide, ${reads}.`,
  );
});

Deno.test('step3/05 gpt() gives CPython\'s logits for "ava" (seed 42 weights)', () => {
  // python3, GUIDE.md's gpt() on plain floats: random.seed(42), the nine
  // matrices, then tokens [26, 0, 21, 0] at positions 0 … 3 with one cache.
  const model = initModel(27, new PyRandom(42));
  const tokens = [26, 0, 21, 0];
  const trace: number[][] = [];
  const cache = emptyCache();
  const logits = tokens.map((t, pos) =>
    data(gptAt(model, t, pos, cache, trace))
  );
  assertEquals(logits[0].length, 27, "one logit per token");
  // Logits 0-2 at positions 0 and 3.
  const shown = (
    ls: number[][],
  ) => [...ls[0].slice(0, 3), ...ls[3].slice(0, 3)];
  const numbers = toNumbers(model);
  assertVectorClose(
    shown(logits),
    [
      0.215828189763884,
      0.49114387572314966,
      0.17856612615476586,
      -0.055418098086157205,
      0.5315268543553143,
      -0.8264727681380487,
    ],
    {
      what: (i) => `logit ${i % 3} at position ${i < 3 ? 0 : 3}`,
      list: 'logits 0-2 at positions 0 and 3 of "ava"',
      tol: 1e-12,
      mistakes: mistakesOf(
        [
          "noInputNorm",
          "finalNorm",
          "mlpFirst",
          "attnOutputDropped",
          "wpeZero",
          ...BLOCK_SLIPS,
          ...MLP_SLIPS,
        ],
        (slip) => shown(logitsN(numbers, tokens, 1, slip)),
      ),
    },
  );
  assertEquals(
    trace.length,
    4,
    `after gpt() at 4 positions with a trace, the trace holds ${trace.length} arrays: attentionBlock() pushes each position's attention weights (plain numbers, w.map((v) => v.data)) to trace`,
  );
  assertVectorClose(
    trace[3],
    [
      0.25803656171618783,
      0.23001754069890848,
      0.2725997229028206,
      0.23934617468208313,
    ],
    {
      what: (t) =>
        `the attention weight of position ${t}, seen from position 3`,
      tol: 1e-12,
    },
  );
});

Deno.test("step3/05 the cache grows by one key and one value per position", () => {
  const model = initModel(27, new PyRandom(1));
  const cache = emptyCache();
  for (let pos = 0; pos < 3; pos++) {
    gptAt(model, pos, pos, cache);
    assertEquals(
      [cache.keys.length, cache.values.length],
      [pos + 1, pos + 1],
      `after gpt() at position ${pos} the cache holds ${pos + 1} keys and ${
        pos + 1
      } values`,
    );
    assertEquals(cache.keys[pos].length, 16, "a key has nEmbd = 16 entries");
  }
});

Deno.test("step3/05 causality: changing a later token leaves earlier positions' logits unchanged", () => {
  const model = initModel(27, new PyRandom(2));
  const a = run(model, tokensOf("emma").slice(0, 5));
  const b = run(model, tokensOf("emily").slice(0, 5)); // differs from position 3 on
  for (let pos = 0; pos < 3; pos++) {
    assertVectorClose(b[pos], a[pos], {
      what:
        `logits at position ${pos} (tokens 0-${pos} are the same in both names)`,
      tol: 0,
    });
  }
  assert(
    b[3].some((x, i) => x !== a[3][i]),
    "position 3 sees a different token and should change",
  );
});

Deno.test("step3/05 position by position with the cache = recomputing every prefix from a fresh cache", () => {
  const model = initModel(27, new PyRandom(3));
  const tokens = tokensOf("sophia").slice(0, 7);
  const incremental = run(model, tokens);
  for (let p = 0; p < tokens.length; p++) {
    const fromScratch = run(model, tokens.slice(0, p + 1))[p];
    assertVectorClose(incremental[p], fromScratch, {
      what:
        `logits at position ${p}, one cache for the name against a fresh cache for tokens 0-${p}`,
      tol: 1e-15,
    });
  }
});

Deno.test("step3/05 gradients reach earlier positions' keys and values through the cache", () => {
  // The loss of position 1 alone. wpe[0] is used only at position 0, so its
  // gradient can only arrive through position 0's key and value in the
  // cache. A cache holding copies (new leaves) gives it 0.
  const model = initModel(27, new PyRandom(4));
  const tokens = tokensOf("ava");
  const lossAt1 = () => {
    const cache = emptyCache();
    gptAt(model, tokens[0], 0, cache);
    const probs = softmax(gptAt(model, tokens[1], 1, cache));
    return neg(log(probs[tokens[2]]));
  };
  backward(lossAt1());
  const checks: [string, Value][] = [
    ["wpe[0][3] (position 0's embedding)", model.wpe[0][3]],
    ["attnWk[2][5] (used for both positions' keys)", model.attnWk[2][5]],
    ["attnWv[7][1] (used for both positions' values)", model.attnWv[7][1]],
  ];
  for (const [what, p] of checks) {
    const numeric = finiteDifference(p, () => lossAt1().data);
    if (Math.abs(p.grad - numeric) <= 1e-8 + 1e-5 * Math.abs(numeric)) continue;
    throw new AssertionError(
      `∂loss(position 1)/∂${what}: backward gives ${
        plain(p.grad)
      }, a central difference ${plain(numeric)}. ` +
        (p.grad === 0
          ? "Zero means the gradient never reached position 0: the cache must hold the very key and value Values that linear() returned, not copies as new leaves."
          : "The gradient through the cached keys and values is wrong."),
    );
  }
});
