import { assert } from "@std/assert";
import { AssertionError } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { mul } from "../../lessons/step2/01_value.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import { fusedSum } from "../../lessons/step3/01_fused_nodes.ts";
import { RMS_EPS, rmsnorm } from "../../lessons/step3/03_rmsnorm.ts";
import {
  assertClose,
  assertVectorClose,
  data,
  decimal,
  finiteDifference,
  values,
} from "./_fixtures.ts";

const rms = (xs: number[]) =>
  Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);

Deno.test("step3/03 rmsnorm([3, 4]) divides by √(12.5 + 1e-5) (worked by hand)", () => {
  // ms = (9 + 16) / 2 = 12.5; scale = 12.50001^−0.5.
  const scale = 12.50001 ** -0.5;
  assertVectorClose(
    data(rmsnorm(values([3, 4]))),
    [3 * scale, 4 * scale],
    1e-15,
    "rmsnorm([3, 4])",
  );
});

Deno.test("step3/03 rmsnorm()'s output has root-mean-square 1", () => {
  const rng = new PyRandom(7);
  for (const size of [0.1, 1, 30]) {
    const xs = Array.from({ length: 16 }, () => rng.gauss(0, size));
    const y = data(rmsnorm(values(xs)));
    const ms = rms(xs) ** 2;
    // Exactly √(ms / (ms + ε)): 1 up to the tiny ε.
    assertClose(
      rms(y),
      Math.sqrt(ms / (ms + RMS_EPS)),
      1e-12,
      `root mean square of rmsnorm(x) for entries of size about ${size}`,
    );
    assertClose(
      rms(y),
      1,
      1e-3,
      `root mean square of rmsnorm(x) for entries of size about ${size}`,
    );
  }
});

Deno.test("step3/03 ε = 1e-5 sits inside the square root: (ms + ε)^−0.5", () => {
  // x = [0.003, 0.004]: ms = 1.25e-5, the size of ε, so where ε goes matters.
  const inside = (1.25e-5 + 1e-5) ** -0.5; // ≈ 210.82
  const outside = 1.25e-5 ** -0.5 + 1e-5; // ≈ 282.84
  const y = rmsnorm(values([0.003, 0.004]))[0].data;
  if (Math.abs(y - 0.003 * inside) <= 1e-12) return;
  throw new AssertionError(
    `rmsnorm([0.003, 0.004])[0] is ${
      decimal(y, 8)
    }: with ε inside the root it is 0.003 · (1.25e-5 + 1e-5)^−0.5 = ${
      decimal(0.003 * inside, 8)
    }` +
      (Math.abs(y - 0.003 * outside) < 1e-9
        ? `; ${
          decimal(y, 8)
        } is what ε added after the root gives (0.003 · (1.25e-5^−0.5 + 1e-5))`
        : Math.abs(y - 0.003 * 1.25e-5 ** -0.5) < 1e-9
        ? "; that is the value without any ε"
        : ""),
  );
});

Deno.test("step3/03 rmsnorm() of all zeros is all zeros, not NaN", () => {
  const y = data(rmsnorm(values([0, 0, 0, 0])));
  assert(
    y.every((v) => v === 0),
    `expected [0, 0, 0, 0], found [${y}] (ε keeps the scale finite)`,
  );
});

Deno.test("step3/03 rmsnorm() rounds like the guide's Python (CPython's values)", () => {
  // python3: x = [0.1, 0.2, 0.3]; ms = sum(xi * xi for xi in x) / len(x);
  // scale = (ms + 1e-5) ** -0.5; [xi * scale for xi in x]
  const cpython = [0.4628604603505353, 0.9257209207010706, 1.3885813810516057];
  assertVectorClose(
    data(rmsnorm(values([0.1, 0.2, 0.3]))),
    cpython,
    1e-16,
    "rmsnorm([0.1, 0.2, 0.3])",
  );
});

Deno.test("step3/03 rmsnorm()'s gradient agrees with a central difference", () => {
  const rng = new PyRandom(8);
  const xs = values(Array.from({ length: 6 }, () => rng.gauss(0, 1)));
  const c = Array.from({ length: 6 }, () => rng.gauss(0, 1));
  // loss = Σ cᵢ · rmsnorm(x)ᵢ: every output counts, with its own weight.
  const loss = () => fusedSum(rmsnorm(xs).map((y, i) => mul(y, c[i])));
  backward(loss());
  const numeric = xs.map((x) => finiteDifference(x, () => loss().data));
  assertVectorClose(
    xs.map((x) => x.grad),
    numeric,
    1e-8,
    "∂loss/∂x (backward against central difference)",
  );
});
