import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { assertListEquals } from "../_assert.ts";
import { PyRandom } from "../../support/random.ts";
import {
  flatten,
  initModel,
  matrices,
  type Model,
  randomMatrix,
  zerosLike,
} from "../../lessons/step1/02_parameters.ts";

/** `count` draws of gauss(0, std) from a fresh generator: what the lesson must reproduce. */
function gaussDraws(seed: number, count: number, std: number): number[] {
  const rng = new PyRandom(seed);
  return Array.from({ length: count }, () => rng.gauss(0, std));
}

function shape(matrix: number[][]): [number, number] {
  return [matrix.length, matrix[0]?.length ?? 0];
}

Deno.test("step1/02 randomMatrix() matches CPython's gauss(0, 0.08) for seed 42", () => {
  // random.seed(42); [random.gauss(0, 0.08) for _ in range(3)] in CPython 3.11.
  const m = randomMatrix(1, 3, new PyRandom(42), 0.08);
  assertEquals(m, [[
    -0.011527226366234268,
    -0.013832288026521545,
    -0.008905268925412997,
  ]]);
});

Deno.test("step1/02 randomMatrix() fills row by row, one gauss draw per entry", () => {
  const m = randomMatrix(3, 2, new PyRandom(7), 0.5);
  const draws = gaussDraws(7, 6, 0.5);
  assertListEquals(
    m,
    [draws.slice(0, 2), draws.slice(2, 4), draws.slice(4, 6)],
    {
      what: (i) => `row ${i} (draws ${2 * i} and ${2 * i + 1})`,
      note:
        "Fill row by row, left to right: entry [i][j] is draw i·cols + j, " +
        "each rng.gauss(0, std).",
    },
  );
});

Deno.test("step1/02 initModel() makes wte 27×16, mlpFc1 64×16, mlpFc2 27×64", () => {
  const model = initModel(27, 16, new PyRandom(42));
  assertEquals(shape(model.wte), [27, 16]);
  assertEquals(shape(model.mlpFc1), [64, 16]);
  assertEquals(shape(model.mlpFc2), [27, 64]);
  for (const matrix of [model.wte, model.mlpFc1, model.mlpFc2]) {
    assert(
      matrix.every((row) => row.length === matrix[0].length),
      "ragged matrix",
    );
  }
});

Deno.test("step1/02 initModel() draws wte, then mlpFc1, then mlpFc2", () => {
  // vocabSize 2, nEmbd 1: wte 2×1, mlpFc1 4×1, mlpFc2 2×4 = 14 draws.
  const model = initModel(2, 1, new PyRandom(3));
  const d = gaussDraws(3, 14, 0.08);
  const note = "initModel draws wte first, then mlpFc1, then mlpFc2.";
  assertListEquals(model.wte, [[d[0]], [d[1]]], {
    what: (i) => `wte row ${i} (draw ${i})`,
    note,
  });
  assertListEquals(model.mlpFc1, [[d[2]], [d[3]], [d[4]], [d[5]]], {
    what: (i) => `mlpFc1 row ${i} (draw ${2 + i})`,
    note,
  });
  assertListEquals(model.mlpFc2, [d.slice(6, 10), d.slice(10, 14)], {
    what: (i) => `mlpFc2 row ${i} (draws ${6 + 4 * i} to ${9 + 4 * i})`,
    note,
  });
});

Deno.test("step1/02 flatten() has 3,184 parameters for vocab 27 and nEmbd 16", () => {
  assertEquals(flatten(initModel(27, 16, new PyRandom(42))).length, 3184);
});

Deno.test("step1/02 flatten() walks matrix → row → column", () => {
  const model: Model = {
    wte: [[1, 2], [3, 4]],
    mlpFc1: [[5, 6]],
    mlpFc2: [[7], [8]],
  };
  const names = ["wte[0][0]", "wte[0][1]", "wte[1][0]", "wte[1][1]"]
    .concat(["mlpFc1[0][0]", "mlpFc1[0][1]", "mlpFc2[0][0]", "mlpFc2[1][0]"]);
  assertListEquals(flatten(model), [1, 2, 3, 4, 5, 6, 7, 8], {
    what: (k) => `flat entry ${k}, which should be ${names[k]},`,
    note: "The flat order walks matrix → row → column: wte, mlpFc1, mlpFc2.",
  });
});

Deno.test("step1/02 matrices() returns the model's own matrices in order", () => {
  const model = initModel(3, 2, new PyRandom(1));
  const [a, b, c] = matrices(model);
  assertStrictEquals(a, model.wte);
  assertStrictEquals(b, model.mlpFc1);
  assertStrictEquals(c, model.mlpFc2);
});

Deno.test("step1/02 zerosLike() copies the shape with zeros and shares nothing", () => {
  const model = initModel(3, 2, new PyRandom(1));
  const before = flatten(model);
  const zeros = zerosLike(model);
  assertEquals(shape(zeros.wte), shape(model.wte));
  assertEquals(shape(zeros.mlpFc1), shape(model.mlpFc1));
  assertEquals(shape(zeros.mlpFc2), shape(model.mlpFc2));
  assert(flatten(zeros).every((v) => v === 0), "expected every value to be 0");
  zeros.wte[0][0] = 42;
  assertEquals(flatten(model), before, "changing the zeros changed the model");
});
