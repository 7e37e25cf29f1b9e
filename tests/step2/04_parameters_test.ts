import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import type { Model as NumberModel } from "../../lessons/step1/02_parameters.ts";
import { Value } from "../../lessons/step2/01_value.ts";
import {
  fromNumbers,
  initModel,
  type Model,
  parameters,
  toNumbers,
} from "../../lessons/step2/04_parameters.ts";

const NUMBERS: NumberModel = {
  wte: [[1, 2], [3, 4]],
  mlpFc1: [[5, 6]],
  mlpFc2: [[7], [8]],
};

/** `count` draws of gauss(0, std) from a fresh generator. */
function gaussDraws(seed: number, count: number, std: number): number[] {
  const rng = new PyRandom(seed);
  return Array.from({ length: count }, () => rng.gauss(0, std));
}

Deno.test("step2/04 fromNumbers() wraps every number in its own fresh leaf Value", () => {
  const model = fromNumbers(NUMBERS);
  const all = [...model.wte, ...model.mlpFc1, ...model.mlpFc2].flat();
  assert(all.every((v) => v instanceof Value), "expected Values");
  assertEquals(all.map((v) => v.data), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert(all.every((v) => v.grad === 0 && v.children.length === 0));
  assertEquals(new Set(all).size, 8, "two entries share one Value");
  assertEquals(model.wte.length, 2);
  assertEquals(model.mlpFc2.map((row) => row.length), [1, 1]);
  assertEquals(NUMBERS.wte, [[1, 2], [3, 4]], "the input changed");
});

Deno.test("step2/04 toNumbers() undoes fromNumbers()", () => {
  const model = fromNumbers(NUMBERS);
  assertEquals(
    toNumbers(model),
    NUMBERS,
    "toNumbers(fromNumbers(m)) must give m back: each Value's .data",
  );
  model.wte[1][0].data = 30;
  assertEquals(toNumbers(model).wte, [[1, 2], [30, 4]]);
});

Deno.test("step2/04 initModel() starts from Step 1's numbers: wte, mlpFc1, mlpFc2, row by row", () => {
  // vocabSize 2, nEmbd 1: wte 2×1, mlpFc1 4×1, mlpFc2 2×4 = 14 draws of gauss(0, 0.08).
  const d = gaussDraws(3, 14, 0.08);
  assertEquals(toNumbers(initModel(2, 1, new PyRandom(3))), {
    wte: [[d[0]], [d[1]]],
    mlpFc1: [[d[2]], [d[3]], [d[4]], [d[5]]],
    mlpFc2: [d.slice(6, 10), d.slice(10, 14)],
  });
});

Deno.test("step2/04 initModel() matches CPython's first draws for seed 42", () => {
  // random.seed(42); [random.gauss(0, 0.08) for _ in range(3)] in CPython.
  const model = initModel(27, 16, new PyRandom(42));
  assertEquals(model.wte[0].slice(0, 3).map((v) => v.data), [
    -0.011527226366234268,
    -0.013832288026521545,
    -0.008905268925412997,
  ]);
});

Deno.test("step2/04 parameters() has 3,184 Values for vocab 27 and nEmbd 16", () => {
  assertEquals(parameters(initModel(27, 16, new PyRandom(42))).length, 3184);
});

Deno.test("step2/04 parameters() walks matrix → row → column", () => {
  assertEquals(
    parameters(fromNumbers(NUMBERS)).map((p) => p.data),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
});

Deno.test("step2/04 parameters() returns the model's own Values, not copies", () => {
  const model: Model = fromNumbers(NUMBERS);
  const params = parameters(model);
  assertStrictEquals(params[0], model.wte[0][0]);
  assertStrictEquals(params[4], model.mlpFc1[0][0]);
  assertStrictEquals(params[7], model.mlpFc2[1][0]);
  params[5].data = -6;
  assertEquals(
    model.mlpFc1[0][1].data,
    -6,
    "changing parameters()[5] must change mlpFc1[0][1]: return the " +
      "model's own Values, not copies",
  );
});
