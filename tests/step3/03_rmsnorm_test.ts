import { PyRandom } from "../../support/random.ts";
import { mul } from "../../lessons/step2/01_value.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import { fusedSum } from "../../lessons/step3/01_fused_nodes.ts";
import { RMS_EPS, rmsnorm } from "../../lessons/step3/03_rmsnorm.ts";
import {
  assertClose,
  assertListEquals,
  assertVectorClose,
} from "../_assert.ts";
import { mistakesOf, rmsnormN } from "../_reference.ts";
import { data, finiteDifference, values } from "./_fixtures.ts";

const rms = (xs: number[]) =>
  Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);

Deno.test("step3/03 rmsnorm([0.003, 0.004]): ε, the squares and the 1/n each change the answer (worked by hand)", () => {
  // ms = (0.003² + 0.004²) / 2 = 0.0000125, as small as ε = 0.00001, so
  // where ε goes matters: scale = (0.0000125 + 0.00001)^−0.5 ≈ 210.82.
  const scale = (0.0000125 + 1e-5) ** -0.5;
  const x = [0.003, 0.004];
  assertVectorClose(data(rmsnorm(values(x))), [0.003 * scale, 0.004 * scale], {
    what: "rmsnorm([0.003, 0.004])",
    tol: 1e-12,
    note:
      "ms = (x₀² + x₁² + …) / n, scale = (ms + 1e-5)^−0.5, then every xᵢ · scale.",
    mistakes: mistakesOf(
      [
        "epsOutsideRoot",
        "noEps",
        "meanNotSquares",
        "noOneOverN",
        "rootNotInverted",
      ],
      (slip) => rmsnormN(x, slip),
    ),
  });
});

Deno.test("step3/03 rmsnorm([3, 4]) divides by √(12.5 + 1e-5) (worked by hand)", () => {
  // ms = (9 + 16) / 2 = 12.5; scale = 12.50001^−0.5.
  const scale = 12.50001 ** -0.5;
  assertVectorClose(data(rmsnorm(values([3, 4]))), [3 * scale, 4 * scale], {
    what: "rmsnorm([3, 4])",
    tol: 1e-15,
    mistakes: mistakesOf(
      ["epsOutsideRoot", "meanNotSquares", "noOneOverN", "rootNotInverted"],
      (slip) => rmsnormN([3, 4], slip),
    ),
  });
});

Deno.test("step3/03 rmsnorm() of all zeros is all zeros, not NaN", () => {
  assertListEquals(data(rmsnorm(values([0, 0, 0, 0]))), [0, 0, 0, 0], {
    what: "rmsnorm([0, 0, 0, 0])",
    note: "ε inside the root keeps the scale finite: 0 · (0 + 1e-5)^−0.5 = 0.",
  });
});

Deno.test("step3/03 rmsnorm() rounds like the guide's Python (CPython's values)", () => {
  // python3: x = [0.1, 0.2, 0.3]; ms = sum(xi * xi for xi in x) / len(x);
  // scale = (ms + 1e-5) ** -0.5; [xi * scale for xi in x]
  const cpython = [0.4628604603505353, 0.9257209207010706, 1.3885813810516057];
  assertVectorClose(data(rmsnorm(values([0.1, 0.2, 0.3]))), cpython, {
    what: "rmsnorm([0.1, 0.2, 0.3])",
    tol: 1e-16,
    note:
      "Write it as the guide does: dot(x, x), mul(·, 1 / n), pow(· + ε, -0.5).",
  });
});

Deno.test("step3/03 rmsnorm()'s output has root-mean-square √(ms / (ms + ε)), just under 1", () => {
  const rng = new PyRandom(7);
  for (const size of [0.1, 1, 30]) {
    const xs = Array.from({ length: 16 }, () => rng.gauss(0, size));
    const y = data(rmsnorm(values(xs)));
    const ms = rms(xs) ** 2;
    const expected = Math.sqrt(ms / (ms + RMS_EPS));
    assertClose(rms(y), expected, {
      what:
        `the root mean square of rmsnorm(x), for 16 entries of size about ${size}`,
      tol: 1e-12,
      note:
        `Not exactly 1: with ε = 1e-5 inside the root it is √(ms / (ms + ε)) = ${
          expected.toFixed(6)
        } here (ms = ${ms.toPrecision(4)}); 1 would mean ε is missing.`,
    });
  }
});

Deno.test("step3/03 rmsnorm()'s gradient agrees with a central difference", () => {
  const rng = new PyRandom(8);
  const xs = values(Array.from({ length: 6 }, () => rng.gauss(0, 1)));
  const c = Array.from({ length: 6 }, () => rng.gauss(0, 1));
  // loss = Σ cᵢ · rmsnorm(x)ᵢ: every output counts, with its own weight.
  const loss = () => fusedSum(rmsnorm(xs).map((y, i) => mul(y, c[i])));
  backward(loss());
  const numeric = xs.map((x) => finiteDifference(x, () => loss().data));
  // With the scale as a plain number, ∂loss/∂xⱼ would be cⱼ · scale only.
  const scale = (rms(data(xs)) ** 2 + RMS_EPS) ** -0.5;
  assertVectorClose(xs.map((x) => x.grad), numeric, {
    what: (i) => `∂loss/∂x[${i}] (backward against a central difference)`,
    list: "∂loss/∂x (backward)",
    tol: 1e-8,
    mistakes: [{
      gives: c.map((ci) => ci * scale),
      says:
        "the scale used as a plain number: it is a Value, pow(add(ms, ε), -0.5), so that the gradient also flows through ms into every xⱼ",
    }],
  });
});
