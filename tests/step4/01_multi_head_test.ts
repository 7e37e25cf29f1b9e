import { assertEquals, AssertionError, assertStrictEquals } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { mul, type Value } from "../../lessons/step2/01_value.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import {
  attentionWeights,
  weightedSum,
} from "../../lessons/step3/04_attention.ts";
import {
  headSlice,
  multiHeadAttention,
} from "../../lessons/step4/01_multi_head.ts";
import { fusedSum } from "../../lessons/step3/01_fused_nodes.ts";
import {
  assertClose,
  assertListEquals,
  assertVectorClose,
} from "../_assert.ts";
import { withoutCrash } from "../_guards.ts";
import { attentionN, mistakesOf, type Slip, SLIPS } from "../_reference.ts";
import { data, gaussNumbers, values } from "./_fixtures.ts";

/** A query, 3 cached keys and values of nEmbd = 16 (4 heads of 4). */
function case16(seed: number) {
  const rng = new PyRandom(seed);
  const [q] = gaussNumbers(1, 16, rng);
  const keys = gaussNumbers(3, 16, rng);
  const vals = gaussNumbers(3, 16, rng);
  return { q, keys, vals };
}

Deno.test("step4/01 headSlice() returns dimensions h·headDim … h·headDim + headDim − 1, the vector's own Values", () => {
  const v = values([0, 1, 2, 3, 4, 5, 6, 7]);
  const cases: [number, number, number[]][] = [[0, 2, [0, 1]], [2, 2, [4, 5]], [
    1,
    4,
    [4, 5, 6, 7],
  ]];
  for (const [h, headDim, expected] of cases) {
    assertVectorClose(data(headSlice(v, h, headDim)), expected, {
      what: `headSlice([0, 1, …, 7], h = ${h}, headDim = ${headDim})`,
      tol: 0,
      note: `Head h's slice is the ${headDim} consecutive dimensions ` +
        "h·headDim … h·headDim + headDim − 1: for h = " +
        `${h} and headDim = ${headDim}, dimensions ${h * headDim} … ` +
        `${h * headDim + headDim - 1}.`,
      mistakes: [
        {
          gives: [0, 1, 2, 3, 4, 5, 6, 7].slice(h, h + headDim),
          says: SLIPS.sliceAtH,
        },
        {
          gives: [0, 1, 2, 3, 4, 5, 6, 7].slice(h * headDim, headDim),
          says: SLIPS.sliceEndAsLength,
        },
      ],
    });
  }
  const slice = headSlice(v, 3, 2);
  assertStrictEquals(slice[0], v[6], "the slice must hold the same Values");
  assertStrictEquals(slice[1], v[7], "the slice must hold the same Values");
});

/**
 * Which heads' outputs change when one slice of the query, of every key or
 * of every value changes: each head reads only its own slice, and its
 * output is its own slice of the result.
 */
Deno.test("step4/01 multiHeadAttention(): head h reads only its slice of the query, the keys and the values, and gives outputs h·headDim …", () => {
  const { q, keys, vals } = case16(7);
  const run = (qq: number[], kk: number[][], vv: number[][]) =>
    data(withoutCrash(
      () => multiHeadAttention(values(qq), kk.map(values), vv.map(values), 4),
      () =>
        "multiHeadAttention() crashed on a query, 3 keys and 3 values of 16 numbers, 4 heads: give each head its slice of 4 numbers of the query, of every key and of every value",
    ));
  const base = run(q, keys, vals);
  // A wrong length is for the next test to name.
  if (base.length !== 16) return;
  // Each entry of head h's slice moves by its own amount (the same move
  // for every key would leave the softmax unchanged).
  const nudge = (v: number[], h: number, t = 0) =>
    v.map((x, i) => (i >> 2 === h ? x + 0.3 * (t + 1) * (1 + (i & 3)) : x));
  const inputs = [
    ["query", (h: number) => run(nudge(q, h), keys, vals)],
    ["keys", (h: number) => run(q, keys.map((k, t) => nudge(k, h, t)), vals)],
    [
      "values",
      (h: number) => run(q, keys, vals.map((v, t) => nudge(v, h, t))),
    ],
  ] as const;
  const own = {
    query: "of the query",
    keys: "of every key",
    values: "of every value",
  };
  const heads = (hs: number[]) =>
    hs.length === 0
      ? "no head"
      : `head${hs.length > 1 ? "s" : ""} ${hs.join(", ")} (output${
        hs.length > 1 ? "s" : ""
      } ${hs.map((g) => `${4 * g}–${4 * g + 3}`).join(", ")})`;
  for (const [input, changed] of inputs) {
    for (let h = 0; h < 4; h++) {
      const out = changed(h);
      const moved = [0, 1, 2, 3].filter((g) =>
        out.slice(4 * g, 4 * g + 4).some((x, i) => x !== base[4 * g + i])
      );
      if (moved.length === 1 && moved[0] === h) continue;
      const what = `changing head ${h}'s slice of the ${input} (dimensions ${
        4 * h
      }–${4 * h + 3}) changed the output of ${heads(moved)}`;
      throw new AssertionError(
        moved.length === 1
          ? `${what}, expected head ${h}'s (outputs ${4 * h}–${4 * h + 3}): ` +
            "concatenate the heads' outputs in order, head 0 first."
          : `${what}, expected head ${h}'s alone: head h reads only its own ` +
            `slice ${own[input]}, the consecutive dimensions h·headDim … ` +
            "h·headDim + headDim − 1.",
      );
    }
  }
});

Deno.test("step4/01 multiHeadAttention() with 4 heads of 4 matches the guide's attention on plain numbers", () => {
  const { q, keys, vals } = case16(6);
  const out = withoutCrash(
    () => multiHeadAttention(values(q), keys.map(values), vals.map(values), 4),
    () =>
      "multiHeadAttention() crashed on a query, 3 keys and 3 values of 16 numbers, 4 heads: give each head its slice of 4 numbers of the query, of every key and of every value",
  );
  const slips: Slip[] = [
    "sliceAtH",
    "sliceEndAsLength",
    "queryHead0",
    "keysNotSliced",
    "valuesNotSliced",
    "scaleByNEmbd",
    "headsReversed",
  ];
  assertVectorClose(data(out), attentionN(q, keys, vals, 4).out, {
    what: (i) => `output ${i} (head ${i >> 2})`,
    list: "the output of 4 heads of 4",
    tol: 1e-12,
    mistakes: mistakesOf(
      slips,
      (slip) => attentionN(q, keys, vals, 4, slip).out,
    ),
  });
});

Deno.test("step4/01 multiHeadAttention() worked by hand: 2 heads of 1 dimension", () => {
  // q = [1, 2]; keys [0, 0] and [1, 1]; values [1, 10] and [3, 30].
  // Head 0 scores: 1·0 / √1 = 0 and 1·1 / √1 = 1, weights 1/(1+e), e/(1+e).
  // Head 1 scores: 0 and 2, weights 1/(1+e²), e²/(1+e²).
  const e = Math.E;
  const expected = [(1 + 3 * e) / (1 + e), (10 + 30 * e * e) / (1 + e * e)];
  const out = multiHeadAttention(
    values([1, 2]),
    [values([0, 0]), values([1, 1])],
    [values([1, 10]), values([3, 30])],
    2,
  );
  // Dividing by √nEmbd = √2 instead of √headDim = 1 would give:
  const r = Math.exp(1 / Math.SQRT2);
  const wrong = [(1 + 3 * r) / (1 + r), (10 + 30 * r * r) / (1 + r * r)];
  assertVectorClose(data(out), expected, {
    what: "the output of 2 heads of 1",
    tol: 1e-12,
    mistakes: [
      { gives: wrong, says: SLIPS.scaleByNEmbd },
      ...mistakesOf(
        ["headDimIsNHead", "sliceAtH", "queryHead0", "headsReversed"],
        (slip) =>
          attentionN([1, 2], [[0, 0], [1, 1]], [[1, 10], [3, 30]], 2, slip).out,
      ),
    ],
  });
});

Deno.test("step4/01 multiHeadAttention() with one head equals Step 3's attention", () => {
  const { q, keys, vals } = case16(1);
  const qv = values(q);
  const kv = keys.map(values);
  const vv = vals.map(values);
  const expected = data(weightedSum(attentionWeights(qv, kv), vv));
  const out = data(multiHeadAttention(qv, kv, vv, 1));
  assertVectorClose(out, expected, {
    what: "multiHeadAttention() with one head",
    tol: 0,
    note:
      "With nHead = 1 the only head is the whole vector: weightedSum(attentionWeights(q, keys), values).",
  });
});

Deno.test("step4/01 multiHeadAttention() concatenates the heads' outputs in order, head 0 first", () => {
  // One cached position: every head gives it weight 1 and returns its slice
  // of the value, so the output is the value vector itself.
  const value = [10, 11, 20, 21, 30, 31, 40, 41];
  const out = data(
    multiHeadAttention(
      values([1, 2, 3, 4, 5, 6, 7, 8]),
      [
        values([1, 1, 1, 1, 1, 1, 1, 1]),
      ],
      [values(value)],
      4,
    ),
  );
  assertEquals(
    out.length,
    8,
    `expected 8 numbers (4 heads of 2), found ${out.length}`,
  );
  for (let h = 0; h < 4; h++) {
    const chunk = out.slice(2 * h, 2 * h + 2);
    const from = [0, 1, 2, 3].find((k) =>
      chunk[0] === value[2 * k] && chunk[1] === value[2 * k + 1]
    );
    assertListEquals(chunk, value.slice(2 * h, 2 * h + 2), {
      what: (i) => `out[${2 * h + i}]`,
      note: `out[${2 * h}..${2 * h + 1}] should be head ${h}'s output${
        from === undefined ? "" : `, not head ${from}'s`
      }: concatenate the heads in order, head 0 first`,
    });
  }
});

Deno.test("step4/01 multiHeadAttention() gives each head its own weights (trace, head by head)", () => {
  const { q, keys, vals } = case16(3);
  const trace: number[][] = [];
  multiHeadAttention(values(q), keys.map(values), vals.map(values), 4, trace);
  const { weights } = attentionN(q, keys, vals, 4);
  assertEquals(
    trace.length,
    4,
    `the trace holds ${trace.length} arrays of weights, expected 4, one per head: push each head's weights to trace, head by head`,
  );
  trace.forEach((w, h) =>
    assertVectorClose(w, weights[h], {
      what: (t) => `head ${h}'s weight of position ${t} in the trace`,
      tol: 1e-12,
    })
  );
});

Deno.test("step4/01 multiHeadAttention()'s gradients match central differences", () => {
  const { q, keys, vals } = case16(4);
  const coef = gaussNumbers(1, 16, new PyRandom(5))[0];
  // f = Σ coef[i] · out[i], a number that depends on every output.
  const f = (qq: number[], kk: number[][], vv: number[][]) =>
    attentionN(qq, kk, vv, 4).out.reduce((s, o, i) => s + coef[i] * o, 0);
  const qv = values(q);
  const kv = keys.map(values);
  const vv = vals.map(values);
  const out = multiHeadAttention(qv, kv, vv, 4);
  backward(fusedSum(out.map((o, i) => mul(o, coef[i]))));
  const h = 1e-6;
  const numeric = (bump: (d: number) => number) =>
    (bump(h) - bump(-h)) / (2 * h);
  const leaves: [string, Value, (d: number) => number][] = [];
  for (let i = 0; i < 16; i++) {
    leaves.push([`q[${i}]`, qv[i], (d) => {
      const q2 = [...q];
      q2[i] += d;
      return f(q2, keys, vals);
    }]);
    leaves.push([`keys[1][${i}]`, kv[1][i], (d) => {
      const k2 = keys.map((k) => [...k]);
      k2[1][i] += d;
      return f(q, k2, vals);
    }]);
    leaves.push([`values[2][${i}]`, vv[2][i], (d) => {
      const v2 = vals.map((v) => [...v]);
      v2[2][i] += d;
      return f(q, keys, v2);
    }]);
  }
  for (const [name, leaf, bump] of leaves) {
    assertClose(leaf.grad, numeric(bump), {
      what: `∂f/∂${name} (backward against a central difference)`,
      tol: 1e-7,
    });
  }
});
