import { assertEquals, AssertionError } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import type { Value } from "../../lessons/step2/01_value.ts";
import type { Matrix } from "../../lessons/step2/04_parameters.ts";
import {
  CONFIG,
  initModel,
  type Model,
  parameters,
} from "../../lessons/step4/02_parameters.ts";
import { assertClose, assertListEquals } from "../_assert.ts";

const ORDER =
  "the draw order is wte, wpe, lmHead, then for each layer attnWq, attnWk, attnWv, attnWo, mlpFc1, mlpFc2, each matrix row by row";

/** The first n draws of gauss(0, 0.08) from a fresh PyRandom(seed). */
function draws(n: number, seed = 42): number[] {
  const rng = new PyRandom(seed);
  return Array.from({ length: n }, () => rng.gauss(0, 0.08));
}

/** The model's matrices in the guide's Step 4 order, with their names. */
function namedMatrices(model: Model): [string, Matrix][] {
  const named: [string, Matrix][] = [
    ["wte", model.wte],
    ["wpe", model.wpe],
    ["lmHead", model.lmHead],
  ];
  model.layers.forEach((l, i) => {
    named.push(
      [`layers[${i}].attnWq`, l.attnWq],
      [`layers[${i}].attnWk`, l.attnWk],
      [`layers[${i}].attnWv`, l.attnWv],
      [`layers[${i}].attnWo`, l.attnWo],
      [`layers[${i}].mlpFc1`, l.mlpFc1],
      [`layers[${i}].mlpFc2`, l.mlpFc2],
    );
  });
  return named;
}

/**
 * Checks that each matrix, in the guide's order, holds the next draws of a
 * fresh generator; on a mismatch, says which draw the matrix starts with.
 */
function assertDrawOrder(model: Model, expectedDraws: number[]): void {
  let k = 0;
  for (const [name, matrix] of namedMatrices(model)) {
    const first = matrix[0][0].data;
    const found = expectedDraws.indexOf(first);
    const hint = name === "lmHead" && found > k
      ? ": lmHead was drawn after the layers, as in Step 3; Step 4 draws it third, right after wte and wpe"
      : `: ${ORDER}`;
    assertEquals(
      found,
      k,
      `${name}[0][0] should be draw number ${k} (counting from 0) of gauss(0, 0.08), found draw ${found}${hint}`,
    );
    for (const row of matrix) {
      for (const p of row) {
        assertEquals(
          p.data,
          expectedDraws[k],
          `${name}: the weights are not draws ${k}… in row-by-row order`,
        );
        k++;
      }
    }
  }
  assertEquals(k, expectedDraws.length, "not every draw was used");
}

Deno.test("step4/02 initModel() has the guide's sizes (CONFIG: nEmbd 16, 4 heads, 1 layer, blockSize 16)", () => {
  assertEquals(CONFIG, { nEmbd: 16, nHead: 4, nLayer: 1, blockSize: 16 });
  const model = initModel(27, new PyRandom(42));
  const shapes = namedMatrices(model).map(([name, m]) =>
    `${name} ${m.length}×${m[0].length}`
  );
  assertEquals(
    model.layers.length,
    CONFIG.nLayer,
    `initModel() drew ${model.layers.length} layers, expected CONFIG.nLayer = ${CONFIG.nLayer}: one layer for each li = 0 … nLayer − 1 (li < nLayer)`,
  );
  assertListEquals(shapes, [
    "wte 27×16",
    "wpe 16×16",
    "lmHead 27×16",
    "layers[0].attnWq 16×16",
    "layers[0].attnWk 16×16",
    "layers[0].attnWv 16×16",
    "layers[0].attnWo 16×16",
    "layers[0].mlpFc1 64×16",
    "layers[0].mlpFc2 16×64",
  ], {
    what: (i) => `matrix ${i}, as "name rows×columns",`,
    list: "the matrices initModel() draws",
    note:
      "A matrix that maps n numbers to m has m rows of n: mlpFc1 (64×16) takes the 16 of x to 64, mlpFc2 (16×64) takes those 64 back to 16.",
  });
});

/** "layers[0].attnWk[3][5]" for one of the model's own Values, or undefined. */
function nameOf(model: Model, v: Value): string | undefined {
  for (const [name, matrix] of namedMatrices(model)) {
    for (const [r, row] of matrix.entries()) {
      const c = row.indexOf(v);
      if (c !== -1) return `${name}[${r}][${c}]`;
    }
  }
  return undefined;
}

Deno.test("step4/02 parameters() counts 4,192 for 27 tokens, as in Step 3", () => {
  const model = initModel(27, new PyRandom(42));
  const params = parameters(model);
  if (params.length === 4192) return;
  const listed = new Set(params);
  const missing = namedMatrices(model).filter(([, m]) => !listed.has(m[0][0]))
    .map(([name]) => name);
  throw new AssertionError(
    `parameters() lists ${params.length} Values, expected 432 + 256 + 432 + 4·256 + 1024 + 1024 = 4,192` +
      (missing.length > 0
        ? `: ${missing.join(", ")} ${
          missing.length > 1 ? "are" : "is"
        } missing from parameters(); ${ORDER}`
        : `; ${ORDER}`),
  );
});

Deno.test("step4/02 initModel() draws wte, wpe, lmHead, then attnWq … mlpFc2 (lmHead third, not last)", () => {
  assertDrawOrder(initModel(27, new PyRandom(42)), draws(4192));
});

Deno.test("step4/02 initModel() gives CPython's weights for seed 42 (random.gauss(0, 0.08))", () => {
  // python3: random.seed(42); g = [random.gauss(0, 0.08) for _ in range(4192)]
  // g[0], g[688], g[1120], g[4191]: wte[0][0], lmHead[0][0],
  // layers[0].attnWq[0][0] and layers[0].mlpFc2[15][63].
  const model = initModel(27, new PyRandom(42));
  const layer = model.layers[0];
  const cases: [string, number, number][] = [
    ["wte[0][0] (draw 0)", model.wte[0][0].data, -0.011527226366234268],
    ["lmHead[0][0] (draw 688)", model.lmHead[0][0].data, 0.014555659348806814],
    ["attnWq[0][0] (draw 1120)", layer.attnWq[0][0].data, 0.12201541967215841],
    [
      "mlpFc2[15][63] (draw 4191)",
      layer.mlpFc2[15][63].data,
      0.013323935780253003,
    ],
  ];
  for (const [name, actual, expected] of cases) {
    // V8's sin, cos and log may differ from glibc's in the last bit.
    assertClose(actual, expected, { what: name, tol: 1e-16 });
  }
});

Deno.test("step4/02 parameters() walks the matrices in draw order, row by row, and returns the model's own Values", () => {
  const model = initModel(27, new PyRandom(7));
  const params = parameters(model);
  const expected = namedMatrices(model).flatMap(([, m]) => m.flat());
  assertEquals(
    params.length,
    expected.length,
    "parameters() lists 4,192 Values",
  );
  const k = params.findIndex((p, i) => p !== expected[i]);
  if (k === -1) return;
  const found = nameOf(model, params[k]);
  throw new AssertionError(
    `parameters()[${k}] should be ${nameOf(model, expected[k])}, ` +
      (found === undefined
        ? "but it is not one of the model's own Values (a copy?): the optimizer updates the model through this list"
        : `but it is ${found}: parameters() lists them in another order; ${ORDER}`),
  );
});

Deno.test("step4/02 initModel() with nLayer = 2 draws layer 0's six matrices, then layer 1's", () => {
  const config = { nEmbd: 16, nHead: 4, nLayer: 2, blockSize: 16 };
  const model = initModel(27, new PyRandom(42), config);
  assertEquals(
    model.layers.length,
    2,
    `initModel() made ${model.layers.length} layer(s) for config.nLayer = 2: make config.nLayer layers, each with its own six matrices`,
  );
  assertEquals(parameters(model).length, 4192 + 3072);
  assertDrawOrder(model, draws(4192 + 3072));
});

Deno.test("step4/02 initModel() follows the config's sizes", () => {
  const config = { nEmbd: 4, nHead: 2, nLayer: 3, blockSize: 5 };
  const model = initModel(7, new PyRandom(1), config);
  const shapes = namedMatrices(model).slice(0, 9).map(([name, m]) =>
    `${name} ${m.length}×${m[0].length}`
  );
  assertEquals(shapes, [
    "wte 7×4",
    "wpe 5×4",
    "lmHead 7×4",
    "layers[0].attnWq 4×4",
    "layers[0].attnWk 4×4",
    "layers[0].attnWv 4×4",
    "layers[0].attnWo 4×4",
    "layers[0].mlpFc1 16×4",
    "layers[0].mlpFc2 4×16",
  ]);
  assertEquals(model.layers.length, 3);
});
