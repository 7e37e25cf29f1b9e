import { assertEquals } from "@std/assert";
import { assertListEquals } from "../_assert.ts";
import { PyRandom } from "../../support/random.ts";
import { initModel } from "../../lessons/step1/02_parameters.ts";
import { mlp, relu } from "../../lessons/step1/05_mlp.ts";
import { HAND_MODEL } from "./_fixtures.ts";

Deno.test("step1/05 relu() zeroes the negative values and keeps the rest", () => {
  const input = [-2, -0.5, 0, 0.5, 3];
  assertListEquals(relu(input), [0, 0, 0, 0.5, 3], {
    what: (i) => `relu of ${input[i]}`,
    note: "relu(v) is max(0, v): negative values become 0, the rest stay.",
  });
  assertEquals(relu([]), []);
});

Deno.test("step1/05 mlp() runs embedding → linear → ReLU → linear (worked by hand)", () => {
  // HAND_MODEL (tests/step1/_fixtures.ts) shows every intermediate vector.
  const logit = (token: number) => (i: number) =>
    `logit ${i} for token ${token} (mlpFc2 row ${i} · relu(mlpFc1 · wte[${token}]))`;
  assertListEquals(mlp(HAND_MODEL, 0), [1, 0, 2], { what: logit(0) });
  assertListEquals(mlp(HAND_MODEL, 1), [10, 0, 0], { what: logit(1) });
  assertListEquals(mlp(HAND_MODEL, 2), [0, 0, 0], { what: logit(2) });
});

Deno.test("step1/05 mlp() gives 27 logits with the guide's sizes", () => {
  const model = initModel(27, 16, new PyRandom(42));
  const logits = mlp(model, 26);
  assertEquals(logits.length, 27);
  assertEquals(logits.every(Number.isFinite), true);
});

Deno.test("step1/05 mlp() leaves the model unchanged", () => {
  const model = structuredClone(HAND_MODEL);
  mlp(model, 0);
  mlp(model, 1);
  assertEquals(model, HAND_MODEL);
});
