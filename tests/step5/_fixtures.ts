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
