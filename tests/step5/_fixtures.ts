/**
 * Fixtures shared by the Step 5 tests: the guide's printed numbers, and
 * CPython's Adam on a case small enough to follow by hand.
 *
 * @module
 */

/** GUIDE.md's printed Step 5 losses (seed 42, names.txt), by step from 1. */
export const GUIDE_STEP5_LOSSES: Readonly<Record<number, string>> = {
  1: "3.3660",
  2: "3.4243",
  1000: "2.6497",
};

/** GUIDE.md's first ten Step 5 samples (temperature 0.5). */
export const GUIDE_STEP5_SAMPLES: readonly string[] = [
  "kamon",
  "ann",
  "karai",
  "jaire",
  "vialan",
  "karia",
  "yeran",
  "anna",
  "areli",
  "kaina",
];

/**
 * Three Adam steps on two parameters, computed by CPython from GUIDE.md's
 * formulas (β₁ 0.85, β₂ 0.99, ε 1e-8, lr 0.01 · (1 − s/3)):
 *
 * ```python
 * p, m, v = [0.5, -0.3], [0.0, 0.0], [0.0, 0.0]
 * grads = [[0.2, -3.0], [0.1, 2.0], [-0.4, 0.5]]
 * for s in range(3):
 *     lr = 0.01 * (1 - s / 3)
 *     for i in range(2):
 *         g = grads[s][i]
 *         m[i] = 0.85 * m[i] + (1 - 0.85) * g
 *         v[i] = 0.99 * v[i] + (1 - 0.99) * g ** 2
 *         m_hat = m[i] / (1 - 0.85 ** (s + 1))
 *         v_hat = v[i] / (1 - 0.99 ** (s + 1))
 *         p[i] -= lr * m_hat / (v_hat ** 0.5 + 1e-8)
 * ```
 */
export const ADAM_CASE = {
  start: [0.5, -0.3],
  grads: [[0.2, -3.0], [0.1, 2.0], [-0.4, 0.5]],
  lr: (s: number) => 0.01 * (1 - s / 3),
  /** p, m and v after each step. */
  after: [
    {
      p: [0.4900000005, -0.2900000000333333],
      m: [0.030000000000000006, -0.45000000000000007],
      v: [0.00040000000000000045, 0.09000000000000008],
    },
    {
      p: [0.48383708165086375, -0.2892218503995431],
      m: [0.04050000000000001, -0.08250000000000002],
      v: [0.0004960000000000006, 0.1291000000000001],
    },
    {
      p: [0.4846697117270662, -0.2892419554445963],
      m: [-0.025575000000000007, 0.004875000000000004],
      v: [0.0020910400000000023, 0.1303090000000001],
    },
  ],
};

/** Adam's known mistakes, and what a failure says about each. */
export const ADAM_SLIPS = {
  betasSwapped:
    "β₁ and β₂ swapped: m keeps β₁ = 0.85 of its average, v keeps β₂ = 0.99 of its own",
  mWithG2:
    "m averages g², the squared gradient: m is the moving average of g itself, v that of g²",
  vWithG: "v averages g: v is the moving average of g², the squared gradient",
  vWithM2:
    "v averages m², the square of the gradient's average: v is the moving average of g², each squared gradient",
  noMHat: "m used without its bias correction: m̂ = m / (1 − β₁^t)",
  noVHat: "v used without its bias correction: v̂ = v / (1 − β₂^t)",
  tIsStep:
    "bias correction with t = step: at step 0 that divides by 1 − β⁰ = 0; the step counts from 0, t from 1, so t = step + 1",
  vHatWithBeta1:
    "v̂ corrected with β₁: v's bias correction uses its own β₂, v / (1 − β₂^t)",
  epsInsideRoot:
    "ε inside the root, √(v̂ + ε): in Adam ε sits outside it, √v̂ + ε (unlike RMSNorm)",
  noRoot: "v̂ without its root: the step divides by √v̂ + ε",
  epsOutsideDivision:
    "lr · m̂ / √v̂ + ε without parentheses, which adds ε to the step: ε belongs in the denominator, (lr · m̂) / (√v̂ + ε)",
  plusEquals:
    "p += the step: Adam moves each parameter against its gradient, p −= (lr · m̂) / (√v̂ + ε)",
  oneSharedM:
    "m[0] and v[0] updated for every parameter: m[i] and v[i] belong to parameter i alone",
} as const;

/** One of Adam's known mistakes. */
export type AdamSlip = keyof typeof ADAM_SLIPS;

/**
 * Adam from GUIDE.md's formulas on plain numbers, one step per row of
 * `grads`, with one known mistake switched on or none: p, m and v after
 * each step.
 */
export function adamSteps(
  start: readonly number[],
  grads: readonly (readonly number[])[],
  lr: (s: number) => number,
  slip?: AdamSlip,
): { p: number[]; m: number[]; v: number[] }[] {
  const [b1, b2] = slip === "betasSwapped" ? [0.99, 0.85] : [0.85, 0.99];
  const p = [...start];
  const m = start.map(() => 0);
  const v = start.map(() => 0);
  return grads.map((g, s) => {
    const t = slip === "tIsStep" ? s : s + 1;
    p.forEach((_, i) => {
      const k = slip === "oneSharedM" ? 0 : i;
      m[k] = b1 * m[k] + (1 - b1) * (slip === "mWithG2" ? g[i] ** 2 : g[i]);
      const squared = slip === "vWithG"
        ? g[i]
        : slip === "vWithM2"
        ? m[k] ** 2
        : g[i] ** 2;
      v[k] = b2 * v[k] + (1 - b2) * squared;
      const mHat = slip === "noMHat" ? m[k] : m[k] / (1 - b1 ** t);
      const vHat = slip === "noVHat"
        ? v[k]
        : v[k] / (1 - (slip === "vHatWithBeta1" ? b1 : b2) ** t);
      const steps: Partial<Record<AdamSlip, number>> = {
        epsInsideRoot: (lr(s) * mHat) / (vHat + 1e-8) ** 0.5,
        noRoot: (lr(s) * mHat) / (vHat + 1e-8),
        epsOutsideDivision: lr(s) * mHat / vHat ** 0.5 + 1e-8,
        plusEquals: -(lr(s) * mHat) / (vHat ** 0.5 + 1e-8),
      };
      p[i] -= steps[slip!] ?? (lr(s) * mHat) / (vHat ** 0.5 + 1e-8);
    });
    return { p: [...p], m: [...m], v: [...v] };
  });
}
