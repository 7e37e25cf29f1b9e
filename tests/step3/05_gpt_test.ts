import { assert, assertEquals } from "@std/assert";
import { AssertionError } from "@std/assert";
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
import {
  assertVectorClose,
  data,
  decimal,
  finiteDifference,
  tokensOf,
  values,
} from "./_fixtures.ts";

/** The logits of positions 0 … tokens.length − 1, with one cache. */
function run(model: Model, tokens: number[], cache: KVCache = emptyCache()) {
  return tokens.map((token, pos) => data(gpt(model, token, pos, cache)));
}

Deno.test('step3/05 gpt() gives CPython\'s logits for "ava" (seed 42 weights)', () => {
  // python3, GUIDE.md's gpt() on plain floats: random.seed(42), the nine
  // matrices, then tokens [26, 0, 21, 0] at positions 0 … 3 with one cache.
  const model = initModel(27, new PyRandom(42));
  const trace: number[][] = [];
  const cache = emptyCache();
  const logits = [26, 0, 21, 0].map((t, pos) =>
    data(gpt(model, t, pos, cache, trace))
  );
  assertEquals(logits[0].length, 27, "one logit per token");
  assertVectorClose(
    logits[0].slice(0, 3),
    [0.215828189763884, 0.49114387572314966, 0.17856612615476586],
    1e-12,
    "logits 0-2 at position 0",
  );
  assertVectorClose(
    logits[3].slice(0, 3),
    [-0.055418098086157205, 0.5315268543553143, -0.8264727681380487],
    1e-12,
    "logits 0-2 at position 3",
  );
  assertVectorClose(
    trace[3],
    [
      0.25803656171618783,
      0.23001754069890848,
      0.2725997229028206,
      0.23934617468208313,
    ],
    1e-12,
    "attention weights at position 3 (over positions 0-3)",
  );
});

Deno.test("step3/05 the cache grows by one key and one value per position", () => {
  const model = initModel(27, new PyRandom(1));
  const cache = emptyCache();
  for (let pos = 0; pos < 3; pos++) {
    gpt(model, pos, pos, cache);
    assertEquals(cache.keys.length, pos + 1, `keys after position ${pos}`);
    assertEquals(cache.values.length, pos + 1, `values after position ${pos}`);
    assertEquals(cache.keys[pos].length, 16, "a key has nEmbd entries");
  }
});

Deno.test("step3/05 causality: changing a later token leaves earlier positions' logits unchanged", () => {
  const model = initModel(27, new PyRandom(2));
  const a = run(model, tokensOf("emma").slice(0, 5));
  const b = run(model, tokensOf("emily").slice(0, 5)); // differs from position 3 on
  for (let pos = 0; pos < 3; pos++) {
    assertVectorClose(
      b[pos],
      a[pos],
      0,
      `logits at position ${pos} (tokens 0-${pos} are the same in both names)`,
    );
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
    assertVectorClose(
      incremental[p],
      fromScratch,
      1e-15,
      `logits at position ${p}, one cache for the name against a fresh cache for tokens 0-${p}`,
    );
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
    gpt(model, tokens[0], 0, cache);
    const probs = softmax(gpt(model, tokens[1], 1, cache));
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
        decimal(p.grad, 8)
      }, a central difference ${decimal(numeric, 8)}. ` +
        (p.grad === 0
          ? "Zero means the gradient never reached position 0: the cache must hold the very key and value Values, not copies as new leaves."
          : "The gradient through the cached keys and values is wrong."),
    );
  }
});

Deno.test("step3/05 addResidual() adds element by element (worked by hand)", () => {
  assertEquals(data(addResidual(values([1, 2]), values([10, 20]))), [11, 22]);
});

Deno.test("step3/05 mlpBlock(): rmsnorm → fc1 → ReLU → fc2, plus its input (worked by hand)", () => {
  // x = [3, 4]: rmsnorm gives [3, 4]·s with s = 12.50001^−0.5.
  // fc1 = [[1, 0], [0, -1]]: [3s, −4s], ReLU: [3s, 0]. fc2 = [[2, 5], [1, 1]]: [6s, 3s].
  const s = 12.50001 ** -0.5;
  const out = mlpBlock({
    mlpFc1: [values([1, 0]), values([0, -1])],
    mlpFc2: [values([2, 5]), values([1, 1])],
  }, values([3, 4]));
  assertVectorClose(
    data(out),
    [6 * s + 3, 3 * s + 4],
    1e-14,
    "mlpBlock([3, 4])",
  );
});

Deno.test("step3/05 attentionBlock() with one position: output = attnWo · v + input (worked by hand)", () => {
  // One cached position, so its weight is 1 and the attention output is v.
  // With identity matrices v = rmsnorm(x), and the block returns rmsnorm(x) + x.
  const eye = () => [values([1, 0]), values([0, 1])];
  const cache = emptyCache();
  const out = attentionBlock(
    { attnWq: eye(), attnWk: eye(), attnWv: eye(), attnWo: eye() },
    values([3, 4]),
    cache,
  );
  const s = 12.50001 ** -0.5;
  assertVectorClose(
    data(out),
    [3 * s + 3, 4 * s + 4],
    1e-14,
    "attentionBlock([3, 4]) with an empty cache (the position attends to itself: append its key and value before attending)",
  );
  assertEquals(
    [cache.keys.length, cache.values.length],
    [1, 1],
    "one key and one value appended",
  );
});

Deno.test("step3/05 emptyCache() gives a new cache every time", () => {
  const a = emptyCache();
  const b = emptyCache();
  assertEquals([a.keys.length, a.values.length], [0, 0]);
  assert(a.keys !== b.keys, "two names must not share one list of keys");
  assert(a.values !== b.values, "two names must not share one list of values");
});
