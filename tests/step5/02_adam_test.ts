import { assert, assertEquals } from "@std/assert";
import { Value } from "../../lessons/step2/01_value.ts";
import { ADAM, adamState, adamUpdate } from "../../lessons/step5/02_adam.ts";
import {
  assertClose,
  assertListEquals,
  assertVectorClose,
  type KnownMistake,
  plain,
} from "../_assert.ts";
import {
  ADAM_CASE,
  ADAM_SLIPS,
  type AdamSlip,
  adamSteps,
} from "./_fixtures.ts";

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

Deno.test("step5/02 adamUpdate() over three steps matches CPython (two parameters, different gradients)", () => {
  // A given constant, but a changed one would fail below with bare numbers.
  assertEquals(
    ADAM,
    { beta1: 0.85, beta2: 0.99, eps: 1e-8 },
    "ADAM's β₁ (beta1), β₂ (beta2) and ε (eps) are the guide's 0.85, 0.99 and 1e-8 (RMSNorm's ε is 1e-5; Adam's is 1e-8)",
  );
  const ps = params(ADAM_CASE.start, [0, 0]);
  const state = adamState(2);
  // The same three steps with each known mistake, on plain numbers.
  const slips = Object.keys(ADAM_SLIPS) as AdamSlip[];
  const slipped = slips.map((slip) =>
    adamSteps(ADAM_CASE.start, ADAM_CASE.grads, ADAM_CASE.lr, slip)
  );
  const mistakes = (s: number, of: "p" | "m" | "v") =>
    slips.map((slip, k): KnownMistake<readonly number[]> => ({
      gives: slipped[k][s][of],
      says: ADAM_SLIPS[slip],
    }));
  ADAM_CASE.grads.forEach((grads, s) => {
    ps.forEach((p, i) => (p.grad = grads[i]));
    adamUpdate(ps, state, ADAM_CASE.lr(s), s);
    const { p, m, v } = ADAM_CASE.after[s];
    assertVectorClose(state.m, m, {
      what: (i) => `m[${i}] after step ${s}`,
      list: `m after step ${s} (the moving average of each gradient)`,
      tol: 1e-15,
      mistakes: mistakes(s, "m"),
    });
    assertVectorClose(state.v, v, {
      what: (i) => `v[${i}] after step ${s}`,
      list: `v after step ${s} (the moving average of each squared gradient)`,
      tol: 1e-15,
      mistakes: mistakes(s, "v"),
    });
    const infinite = ps.findIndex((x) => !Number.isFinite(x.data));
    assert(
      s > 0 || infinite === -1,
      `parameter ${infinite} is ${
        ps[infinite]?.data
      } after step 0, a division by 0: m̂ and v̂ divide by 1 − β^t, which is 0 for t = 0; the step counts from 0, t from 1, so t = step + 1`,
    );
    assertVectorClose(ps.map((x) => x.data), p, {
      what: (i) => `parameter ${i} after step ${s}`,
      list: `the parameters after step ${s}`,
      tol: 1e-14,
      mistakes: mistakes(s, "p"),
    });
    assertListEquals(ps.map((x) => x.grad), [0, 0], {
      what: (i) => `parameter ${i}'s grad after the update of step ${s}`,
      note:
        "adamUpdate() sets every grad back to 0 after its update: backward adds to grad, so the next step would add its gradient to this one.",
    });
  });
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
    assertClose(move, expected, {
      what: `the move of parameter ${i} (gradient ${plain(g)}) at step 0`,
      tol: 2e-5 * 0.01,
      note:
        "At step 0, m̂ = g and √v̂ = |g|: every parameter moves by about lr, against its gradient's sign.",
      mistakes: [
        {
          gives: 0.01 * g,
          says: "lr · gradient, SGD's step: Adam divides m̂ by √v̂ + ε",
        },
        {
          gives: 0.15 * 0.01 * g / (Math.abs(g) + 1e-8),
          says: ADAM_SLIPS.noMHat,
        },
        {
          gives: 0.01 * g / (0.1 * Math.abs(g) + 1e-8),
          says: ADAM_SLIPS.noVHat,
        },
        { gives: NaN, says: ADAM_SLIPS.tIsStep },
        {
          // m = 0.01·g, v = 0.15·g², each corrected by its own β.
          gives: 0.01 * (0.01 * g / 0.15) /
            ((0.15 * g * g / 0.01) ** 0.5 + 1e-8),
          says: ADAM_SLIPS.betasSwapped,
        },
      ],
    });
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
  // β₁ and β₂ weigh the moments (m, v), and correct them (c1, c2).
  const move = (t: number, [m, v, c1, c2] = [0.85, 0.99, 0.85, 0.99]) =>
    0.01 * ((1 - m) * 2 / (1 - c1 ** t)) /
    (((1 - v) * 4 / (1 - c2 ** t)) ** 0.5 + 1e-8);
  assertClose(1 - q.data, move(5), {
    what: "the move at step 4 from zero buffers (t = 5)",
    tol: 1e-12,
    mistakes: [
      { gives: move(4), says: ADAM_SLIPS.tIsStep },
      {
        gives: move(5, [0.99, 0.85, 0.99, 0.85]),
        says: ADAM_SLIPS.betasSwapped,
      },
      {
        gives: move(5, [0.99, 0.85, 0.85, 0.99]),
        says: ADAM_SLIPS.betasSwapped,
      },
    ],
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
  assertVectorClose(state.m, expected, {
    what: (i) => `m[${i}] (parameter ${i}'s average gradient)`,
    list: "state.m",
    tol: 1e-12,
    mistakes: [{ gives: [0.01, 0.03], says: ADAM_SLIPS.betasSwapped }],
  });
  assertVectorClose(state.v, [0.01, 0.09], {
    what: (i) => `v[${i}] (parameter ${i}'s average squared gradient)`,
    list: "state.v",
    tol: 1e-12,
    mistakes: [{ gives: [0.15, 1.35], says: ADAM_SLIPS.betasSwapped }],
  });
  assertVectorClose(ps.map((p) => p.data), [-0.01, -0.01], {
    what: (i) => `parameter ${i} (each moves by about lr)`,
    tol: 1e-9,
  });
});

Deno.test("step5/02 adamUpdate() sets every gradient back to 0 after its update", () => {
  const ps = params([1, 2, 3], [0.5, -2, 0]);
  adamUpdate(ps, adamState(3), 0.01, 0);
  assertListEquals(ps.map((p) => p.grad), [0, 0, 0], {
    what: (i) => `parameter ${i}'s grad after the update`,
    note:
      "Set every grad back to 0 after its update: backward adds to grad, so the next step would add its gradient to this one.",
  });
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
  assertClose(a.data, -0.1 * (1 / (1 + 1e-8)) - step2, {
    what: "the parameter after two steps with the default settings",
    tol: 1e-12,
  });
  // β₁ = β₂ = 0.5, ε = 1, gradient 2: m = 1, v = 2, m̂ = 2, v̂ = 4, move lr · 2 / (2 + 1).
  const [b] = params([0], [2]);
  adamUpdate([b], adamState(1), 0.3, 0, { beta1: 0.5, beta2: 0.5, eps: 1 });
  assertClose(b.data, -0.2, {
    what: "the parameter after one step with β₁ = β₂ = 0.5, ε = 1",
    tol: 1e-12,
    note:
      "Use the options given: the move is 0.3 · 2 / (√4 + 1) = 0.2 (m̂ = 2, v̂ = 4).",
  });
});
