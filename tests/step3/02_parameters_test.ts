import {
  assert,
  assertEquals,
  AssertionError,
  assertStrictEquals,
} from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { Value } from "../../lessons/step2/01_value.ts";
import {
  embed,
  initModel,
  type Model,
  parameters,
  valueMatrix,
} from "../../lessons/step3/02_parameters.ts";
import { assertClose, assertVectorClose, plain } from "../_assert.ts";
import { withoutCrash } from "../_guards.ts";
import { SLIPS } from "../_reference.ts";
import { gradientByPaths } from "../step2/_fixtures.ts";
import { data, values } from "./_fixtures.ts";

/** The guide's Step 3 matrices, in draw order, with their sizes for 27 tokens. */
const LAYOUT: [keyof Model, string, number, number][] = [
  ["wte", "wte", 27, 16],
  ["wpe", "wpe", 16, 16],
  ["attnWq", "attn_wq", 16, 16],
  ["attnWk", "attn_wk", 16, 16],
  ["attnWv", "attn_wv", 16, 16],
  ["attnWo", "attn_wo", 16, 16],
  ["mlpFc1", "mlp_fc1", 64, 16],
  ["mlpFc2", "mlp_fc2", 16, 64],
  ["lmHead", "lm_head", 27, 16],
];

/** "attn_wk[3][5]" for the k-th parameter in the guide's flat order. */
function whereIs(k: number): string {
  for (const [, name, rows, cols] of LAYOUT) {
    if (k < rows * cols) return `${name}[${Math.floor(k / cols)}][${k % cols}]`;
    k -= rows * cols;
  }
  return "beyond the last matrix";
}

Deno.test("step3/02 initModel() makes the guide's nine matrices with their sizes", () => {
  const model = initModel(27, new PyRandom(42));
  for (const [key, name, rows, cols] of LAYOUT) {
    const m = model[key];
    assertEquals(m.length, rows, `${name} should have ${rows} rows`);
    for (const row of m) {
      assertEquals(row.length, cols, `${name} should have ${cols} columns`);
    }
  }
});

Deno.test("step3/02 initModel() sizes each matrix from its config: wpe has blockSize rows, the rest nEmbd columns", () => {
  // nEmbd ≠ blockSize, unlike the guide's 16 and 16: a size taken from the
  // wrong field shows here and nowhere else.
  const model = initModel(5, new PyRandom(1), { nEmbd: 8, blockSize: 4 });
  const sizes: [keyof Model, number, number, string][] = [
    ["wte", 5, 8, "one row per token (vocabSize), nEmbd columns"],
    ["wpe", 4, 8, "one row per position (blockSize), nEmbd columns"],
    ["attnWq", 8, 8, "nEmbd × nEmbd"],
    ["mlpFc1", 32, 8, "4·nEmbd × nEmbd"],
    ["mlpFc2", 8, 32, "nEmbd × 4·nEmbd"],
    ["lmHead", 5, 8, "vocabSize × nEmbd"],
  ];
  for (const [key, rows, cols, why] of sizes) {
    const found = `${model[key].length} × ${model[key][0]?.length}`;
    assertEquals(
      found,
      `${rows} × ${cols}`,
      `with vocabSize 5, nEmbd 8 and blockSize 4, ${key} is ${found}, expected ${rows} × ${cols}: ${why}`,
    );
  }
});

/** The model's matrices in the guide's order, flattened: what parameters() must list. */
function guideOrder(model: Model): Value[] {
  return LAYOUT.flatMap(([key]) => model[key].flat());
}

/** "model.attnWk[3][5]" for one of the model's own Values, or undefined. */
function nameOf(model: Model, v: Value): string | undefined {
  for (const [key] of LAYOUT) {
    for (const [r, row] of model[key].entries()) {
      const c = row.indexOf(v);
      if (c !== -1) return `model.${key}[${r}][${c}]`;
    }
  }
  return undefined;
}

Deno.test("step3/02 initModel() draws the matrices in the guide's order: the k-th weight is the k-th gauss(0, 0.08)", () => {
  const model = initModel(27, new PyRandom(42));
  const weights = guideOrder(model).map((v) => v.data);
  const rng = new PyRandom(42);
  const draws = Array.from({ length: 4192 }, () => rng.gauss(0, 0.08));
  const k = weights.findIndex((w, i) => w !== draws[i]);
  if (k === -1) return;
  const found = draws.indexOf(weights[k]);
  throw new AssertionError(
    `${whereIs(k)} is ${
      plain(weights[k])
    }, but it is weight ${k} in the guide's order ` +
      `(wte, wpe, attn_wq, attn_wk, attn_wv, attn_wo, mlp_fc1, mlp_fc2, lm_head, each row by row), ` +
      `so it should be draw number ${k} of gauss(0, 0.08), ${plain(draws[k])}` +
      (found === -1
        ? ": it is none of the 4,192 draws (a spread other than gauss(0, 0.08)?)"
        : `: it is draw number ${found}, which belongs to ${
          whereIs(found)
        } (a matrix drawn out of order, or columns before rows?)`),
  );
});

Deno.test("step3/02 parameters() lists the model's own Values in the guide's order (4,192 of them)", () => {
  const model = initModel(27, new PyRandom(42));
  const params = parameters(model);
  const expected = guideOrder(model);
  const order =
    "the guide's order is wte, wpe, attnWq, attnWk, attnWv, attnWo, mlpFc1, mlpFc2, lmHead, each matrix row by row";
  if (params.length !== expected.length) {
    const listed = new Set(params);
    const missing = LAYOUT.filter(([key]) => !listed.has(model[key][0][0]))
      .map(([key, , rows, cols]) => `${key} (${rows}×${cols})`);
    throw new AssertionError(
      `parameters() lists ${params.length} Values, expected 4,192 ` +
        `(27·16 + 16·16 + 4·16·16 + 64·16 + 16·64 + 27·16)` +
        (missing.length > 0
          ? `: ${missing.join(", ")} ${
            missing.length > 1 ? "are" : "is"
          } missing from parameters(); ${order}`
          : `; ${order}`),
    );
  }
  const k = params.findIndex((p, i) => p !== expected[i]);
  if (k === -1) return;
  const found = nameOf(model, params[k]);
  throw new AssertionError(
    `parameters()[${k}] should be ${nameOf(model, expected[k])}, ` +
      (found === undefined
        ? "but it is not one of the model's own Values (a copy?): training updates the model through this list"
        : `but it is ${found}: parameters() lists the matrices in another order than ${order}`),
  );
});

Deno.test("step3/02 the weights match CPython's random.gauss(0, 0.08) after seed(42)", () => {
  // python3: random.seed(42); 4,192 × random.gauss(0, 0.08), the guide's order.
  const cpython: Record<number, number> = {
    0: -0.011527226366234268, // wte[0][0]
    1: -0.013832288026521545,
    431: 0.0522564697065574, // wte[26][15]
    432: 0.09043787206870528, // wpe[0][0]
    688: 0.014555659348806814, // attn_wq[0][0]
    3183: 0.013994364322027827, // mlp_fc2[15][63]
    4191: 0.013323935780253003, // lm_head[26][15]
  };
  const weights = guideOrder(initModel(27, new PyRandom(42)));
  for (const [k, expected] of Object.entries(cpython)) {
    // V8's sin, cos and log may differ from glibc's in the last bit.
    assertClose(weights[Number(k)].data, expected, {
      what: `weight ${k} (${whereIs(Number(k))})`,
      tol: 1e-16,
    });
  }
});

Deno.test("step3/02 parameters() returns the model's own Values, not copies", () => {
  const model = initModel(27, new PyRandom(1));
  const params = parameters(model);
  const own =
    "parameters() must list the model's own Value objects (training updates them through this list), not copies";
  assertStrictEquals(
    params[0],
    model.wte[0][0],
    `${own}: [0] is not model.wte[0][0]`,
  );
  assertStrictEquals(
    params[432],
    model.wpe[0][0],
    `${own}: [432] is not model.wpe[0][0]`,
  );
  assertStrictEquals(
    params[4191],
    model.lmHead[26][15],
    `${own}: [4191] is not model.lmHead[26][15]`,
  );
  params[5].data = 123;
  assertEquals(
    model.wte[0][5].data,
    123,
    "changing a parameter must change the model",
  );
});

Deno.test("step3/02 valueMatrix() draws rows × cols leaves, row by row", () => {
  const m = valueMatrix(2, 3, new PyRandom(3));
  const rng = new PyRandom(3);
  const expected = [0, 1].map(() => [0, 1, 2].map(() => rng.gauss(0, 0.08)));
  assertEquals(m.map(data), expected);
  assert(
    m.flat().every((v) => v instanceof Value && v.children.length === 0),
    "every entry is a leaf Value",
  );
});

Deno.test("step3/02 embed() adds the token's row and the position's row (worked by hand)", () => {
  const wte = [values([1, 2]), values([3, 4])];
  const wpe = [values([10, 20]), values([30, 40]), values([50, 60])];
  const x = withoutCrash(
    () => embed(wte, wpe, 1, 2),
    () =>
      "embed() crashed on token 1 at position 2 (wte has 2 rows, wpe 3): the input of position pos is wte[token] + wpe[pos]",
  );
  assertVectorClose(data(x), [53, 64], {
    what: "embed(wte, wpe, token 1, position 2)",
    tol: 0,
    note: "The input of position pos is wte[token] + wpe[pos].",
    mistakes: [{ gives: [33, 44], says: SLIPS.wpeToken }],
  });
  assertEquals(gradientByPaths(x[0], wte[1][0]), 1);
  assertEquals(
    gradientByPaths(x[0], wpe[2][0]),
    1,
    "position embeddings are learned: the graph must reach wpe",
  );
  assertEquals(
    gradientByPaths(x[1], wpe[1][1]),
    0,
    "only the row of this position",
  );
});
