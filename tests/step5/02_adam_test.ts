import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { Value } from "../../lessons/step2/01_value.ts";
import { ADAM, adamState, adamUpdate } from "../../lessons/step5/02_adam.ts";
import { assertAllClose } from "../_helpers.ts";
import { ADAM_CASE } from "./_fixtures.ts";

/** Parameters holding `data`, with gradients `grads`. */
function params(data: number[], grads: number[]): Value[] {
  return data.map((x, i) => {
    const p = new Value(x);
    p.grad = grads[i];
    return p;
  });
}

Deno.test("step5/02 adamState() gives one m and one v per parameter: zeros, two separate arrays", () => {
  const state = adamState(3);
  assertEquals(state, { m: [0, 0, 0], v: [0, 0, 0] });
  state.m[0] = 1;
  assertEquals(
    state.v[0],
    0,
    "m and v are the same array: writing m[0] changed v[0]",
  );
  assertEquals(adamState(0), { m: [], v: [] });
});

Deno.test("step5/02 adamUpdate()'s first step moves every parameter by about lr, whatever its gradient's size (bias correction)", () => {
  // Step 0: m̂ = g and √v̂ = |g|, so the move is lr · g / (|g| + ε) ≈ lr.
  const grads = [0.001, 0.5, -20, 1000];
  const ps = params([1, 1, 1, 1], grads);
  adamUpdate(ps, adamState(4), 0.01, 0);
  ps.forEach((p, i) => {
    const move = 1 - p.data;
    const g = grads[i];
    const expected = 0.01 * Math.sign(g);
    let hint = "";
    if (Math.abs(move - 0.01 * g) < 1e-9 * Math.max(1, Math.abs(g))) {
      hint =
        ": that is lr · gradient, SGD's step; Adam divides by the gradient's size";
    } else if (Math.abs(move - 0.15 * expected) < 1e-6) {
      hint =
        ": 0.15 × lr, m without its bias correction (m̂ = m / (1 − β₁^(step + 1)))";
    } else if (Math.abs(move - 10 * expected) < 1e-5) {
      hint =
        ": 10 × lr, √v without its bias correction (v̂ = v / (1 − β₂^(step + 1)))";
    } else if (Math.abs(move - 1.5 * expected) < 1e-6) {
      hint = ": 1.5 × lr, neither m nor v bias-corrected";
    } else if (Number.isNaN(move)) {
      hint =
        ": NaN, a division by 0: at step 0 is the bias correction 1 − β^step = 0? It is 1 − β^t with t = step + 1";
    }
    assertAlmostEquals(
      move,
      expected,
      2e-5 * 0.01,
      `parameter ${i} (gradient ${g}) moved by ${move}, expected about ${expected} (lr against the gradient's sign)${hint}`,
    );
  });
});

Deno.test("step5/02 adamUpdate() bias-corrects with t = step + 1 (step 0 is the first update, not t = 0)", () => {
  const [p] = params([1], [0.5]);
  adamUpdate([p], adamState(1), 0.01, 0);
  assert(
    Number.isFinite(p.data),
    `p is ${p.data} after the update at step 0: bias correction with t = step divides by 1 − β^0 = 0; at step s it is t = s + 1`,
  );
  // Later steps: a fresh state (m = v = 0) at step 4 is t = 5:
  // m̂ = 0.15·g / (1 − 0.85⁵), v̂ = 0.01·g² / (1 − 0.99⁵).
  const [q] = params([1], [2]);
  adamUpdate([q], adamState(1), 0.01, 4);
  const move = (t: number) =>
    0.01 * (0.3 / (1 - 0.85 ** t)) / ((0.04 / (1 - 0.99 ** t)) ** 0.5 + 1e-8);
  const actual = 1 - q.data;
  const hint = Math.abs(actual - move(4)) < 1e-12
    ? ": that is t = step = 4; the step counts from 0, t from 1, so t = step + 1 = 5"
    : "";
  assertAlmostEquals(
    actual,
    move(5),
    1e-12,
    `at step 4 from zero buffers the move is ${actual}, expected ${
      move(5)
    } (t = 5)${hint}`,
  );
});

Deno.test("step5/02 adamUpdate() over three steps matches CPython (two parameters, different gradients)", () => {
  const ps = params(ADAM_CASE.start, [0, 0]);
  const state = adamState(2);
  ADAM_CASE.grads.forEach((grads, s) => {
    ps.forEach((p, i) => (p.grad = grads[i]));
    adamUpdate(ps, state, ADAM_CASE.lr(s), s);
    const { p, m, v } = ADAM_CASE.after[s];
    assertAllClose(
      state.m,
      m,
      1e-15,
      `after step ${s}, m (the moving average of each gradient)`,
    );
    assertAllClose(
      state.v,
      v,
      1e-15,
      `after step ${s}, v (the moving average of each squared gradient)`,
    );
    assertAllClose(
      ps.map((x) => x.data),
      p,
      1e-14,
      `after step ${s}, the parameters`,
    );
  });
});

Deno.test("step5/02 adamUpdate() keeps one m and one v per parameter", () => {
  // Gradients 1 and 3 at step 0: m = [0.15·1, 0.15·3], v = [0.01·1, 0.01·9].
  const ps = params([0, 0], [1, 3]);
  const state = adamState(2);
  adamUpdate(ps, state, 0.01, 0);
  const expected = [0.15, 0.45];
  // One m shared by both: parameter 1's m continues from parameter 0's.
  const shared = 0.85 * 0.15 + 0.15 * 3; // 0.5775
  const found = `state.m is [${state.m.map((x) => +x.toFixed(12))}]`;
  assert(
    !state.m.some((x) => Math.abs(x - shared) < 1e-12),
    `${found}, expected [0.15, 0.45]: 0.5775 = 0.85 · 0.15 + 0.15 · 3 is parameter 0's average carried on into parameter 1's, one m shared by all parameters; m[i] and v[i] belong to parameter i alone`,
  );
  assert(
    state.m[1] !== 0,
    `${found}, expected [0.15, 0.45]: m[1] was never written; each parameter i updates its own m[i] and v[i]`,
  );
  assertAllClose(state.m, expected, 1e-12, "m (one average per parameter)");
  assertAllClose(
    state.v,
    [0.01, 0.09],
    1e-12,
    "v, one average of squared gradients per parameter",
  );
  assertAllClose(
    ps.map((p) => p.data),
    [-0.01, -0.01],
    1e-9,
    "parameters (each moves by about lr)",
  );
});

Deno.test("step5/02 adamUpdate() sets every gradient back to 0 after its update", () => {
  const ps = params([1, 2, 3], [0.5, -2, 0]);
  adamUpdate(ps, adamState(3), 0.01, 0);
  assertEquals(
    ps.map((p) => p.grad),
    [0, 0, 0],
    "the gradients must be 0 after the update: backward adds to grad, so the next step would add its gradient to this one",
  );
});

Deno.test("step5/02 adamUpdate() uses the guide's settings by default (β₁ 0.85, β₂ 0.99, ε 1e-8) and honours others", () => {
  assertEquals(ADAM, { beta1: 0.85, beta2: 0.99, eps: 1e-8 });
  // Two steps with gradient 1, then 3, from zero buffers, default settings.
  const [a] = params([0], [1]);
  const state = adamState(1);
  adamUpdate([a], state, 0.1, 0);
  a.grad = 3;
  adamUpdate([a], state, 0.1, 1);
  const m = 0.85 * 0.15 + 0.15 * 3;
  const v = 0.99 * 0.01 + 0.01 * 9;
  const step2 = 0.1 * (m / (1 - 0.85 ** 2)) /
    ((v / (1 - 0.99 ** 2)) ** 0.5 + 1e-8);
  assertAlmostEquals(
    a.data,
    -0.1 * (1 / (1 + 1e-8)) - step2,
    1e-12,
    "two steps with the default settings",
  );
  // β₁ = β₂ = 0.5, ε = 1, gradient 2: m = 1, v = 2, m̂ = 2, v̂ = 4, move lr · 2 / (2 + 1).
  const [b] = params([0], [2]);
  adamUpdate([b], adamState(1), 0.3, 0, { beta1: 0.5, beta2: 0.5, eps: 1 });
  assertAlmostEquals(
    b.data,
    -0.2,
    1e-12,
    "options β₁ = β₂ = 0.5, ε = 1: the move is 0.3 · 2 / (√4 + 1) = 0.2",
  );
});
