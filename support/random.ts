/**
 * A small port of CPython's `random` module, so the kata's TypeScript can
 * replay the guide's Python reference programs number for number.
 *
 * Only what the reference programs use is here: seeding with an integer,
 * `random()`, `getrandbits()`, `gauss()`, `shuffle()` and one weighted draw
 * of `choices()`. Each method consumes the underlying Mersenne Twister
 * exactly as CPython 3.11 does, which is what makes the outputs identical:
 * the same 32-bit words combined by the same float operations give the
 * same IEEE doubles.
 *
 * One caveat: `gauss()` also calls `Math.cos`, `Math.sin` and `Math.log`.
 * V8 computes these with its own fdlibm port, CPython with the C library
 * (glibc on Linux), and the two round differently in rare cases: roughly 1
 * `gauss()` value in 650 differs from Python's in its last bit (2 of Step
 * 1's 3,184 weights do, by less than 4e-18). Everything else matches
 * exactly.
 *
 * @module
 */

import MersenneTwister from "mersenne-twister";

const TWO_POW_32 = 2 ** 32;

/**
 * A random number generator that reproduces CPython's `random.Random`
 * for integer seeds: `new PyRandom(42)` gives the same numbers, in the same
 * order, as `random.seed(42)` in Python.
 *
 * Every method draws from the generator, so the order of calls matters,
 * exactly as in Python. Make one instance per seeded program.
 *
 * @example Usage
 * ```ts
 * import { PyRandom } from "./random.ts";
 * import { assertEquals } from "@std/assert";
 *
 * // Same seed, same stream: that is the whole point.
 * const a = new PyRandom(42);
 * const b = new PyRandom(42);
 * assertEquals(a.random(), b.random());
 * assertEquals(a.random(), 0.025010755222666936); // Python's second random()
 * ```
 */
export class PyRandom {
  // The npm package ships no types, so its default export is `any`. Typing
  // the field with the one method we call (the next 32-bit output, an
  // integer in [0, 2**32)) keeps the rest checked.
  #mt: { random_int(): number };
  // gauss() makes values in pairs and keeps the second for the next call.
  #gaussNext: number | null = null;

  /**
   * Creates a generator seeded like Python's `random.seed(seed)`, for a
   * non-negative safe integer `seed` (else a RangeError).
   *
   * @example Usage
   * ```ts
   * import { PyRandom } from "./random.ts";
   * import { assertEquals } from "@std/assert";
   *
   * // Python: random.seed(2**40); random.random()
   * const rng = new PyRandom(2 ** 40);
   * assertEquals(rng.random(), 0.1036394562812375);
   * ```
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(
        `Seed must be a non-negative safe integer: received ${seed}`,
      );
    }
    // CPython seeds MT19937 with init_by_array over the integer's 32-bit
    // words, lowest word first; a safe integer has at most two words.
    // (Seed 0 still gives one word, [0], as in CPython.)
    const words = [seed % TWO_POW_32];
    const high = Math.floor(seed / TWO_POW_32);
    if (high > 0) words.push(high);
    this.#mt = new MersenneTwister(words);
  }

  /**
   * Returns the next float in [0, 1), like Python's `random.random()`.
   *
   * @example Usage
   * ```ts
   * import { PyRandom } from "./random.ts";
   * import { assertEquals } from "@std/assert";
   *
   * const rng = new PyRandom(42);
   * assertEquals(rng.random(), 0.6394267984578837);
   * ```
   */
  random(): number {
    // A double has a 53-bit mantissa but MT gives 32 bits at a time, so
    // CPython takes 27 bits from one word and 26 from the next. Dividing by
    // a power of two is exact, hence bit-for-bit equal to Python.
    const a = this.#mt.random_int() >>> 5;
    const b = this.#mt.random_int() >>> 6;
    return (a * 2 ** 26 + b) / 2 ** 53;
  }

  /**
   * Returns an integer with `k` random bits, like Python's
   * `random.getrandbits(k)` for `k` up to 32.
   *
   * @example Usage
   * ```ts
   * import { PyRandom } from "./random.ts";
   * import { assertEquals } from "@std/assert";
   *
   * const rng = new PyRandom(42);
   * assertEquals(rng.getrandbits(32), 2746317213);
   * ```
   */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > 32) {
      throw new RangeError(
        `Number of bits must be an integer from 1 to 32: received ${k}`,
      );
    }
    // One 32-bit word, keeping its top k bits (the best-mixed ones).
    return this.#mt.random_int() >>> (32 - k);
  }

  /**
   * Returns an integer in [0, n) with every value equally likely, like
   * CPython's `random._randbelow(n)`, for n from 1 to 2**32 - 1;
   * `shuffle()` is built on it.
   *
   * @example Usage
   * ```ts
   * import { PyRandom } from "./random.ts";
   * import { assertEquals } from "@std/assert";
   *
   * // Python: random.seed(42); random._randbelow(10)
   * const rng = new PyRandom(42);
   * assertEquals(rng.randbelow(10), 1);
   * ```
   */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n >= TWO_POW_32) {
      throw new RangeError(
        `Bound must be an integer from 1 to 4294967295: received ${n}`,
      );
    }
    // Draw just enough bits to cover n and reject values >= n. Rejection,
    // not `% n`, keeps all results equally likely. CPython uses the bit
    // length of n itself (not n - 1), so we must too to consume the same
    // words; it is why randbelow(1) still draws.
    const k = 32 - Math.clz32(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /**
   * Returns a normally distributed float, like Python's
   * `random.gauss(mu, sigma)`.
   *
   * Values come in pairs: a call that finds no cached value draws two
   * `random()` numbers, returns one normal value and caches the other; the
   * next call returns the cached one (scaled by its own `mu` and `sigma`)
   * without drawing.
   *
   * Results equal CPython's except, rarely, in the last bit (see the module
   * documentation).
   *
   * @example Usage
   * ```ts
   * import { PyRandom } from "./random.ts";
   * import { assertEquals } from "@std/assert";
   *
   * const rng = new PyRandom(42);
   * assertEquals(rng.gauss(0, 1), -0.14409032957792836);
   * assertEquals(rng.gauss(0, 1), -0.1729036003315193); // the cached twin
   * ```
   */
  gauss(mu: number, sigma: number): number {
    let z = this.#gaussNext;
    this.#gaussNext = null;
    if (z === null) {
      // Box-Muller: an angle and a radius give two independent normals,
      // cos and sin of the same angle. `1 - random()` is in (0, 1], so the
      // log never sees 0. Same operations in the same order as CPython
      // (only the last bit of cos/sin/log may differ; see the module doc).
      const x2pi = this.random() * (2 * Math.PI);
      const g2rad = Math.sqrt(-2 * Math.log(1 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.#gaussNext = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }

  /**
   * Shuffles `list` in place, like Python's `random.shuffle(list)`.
   *
   * @example Usage
   * ```ts
   * import { PyRandom } from "./random.ts";
   * import { assertEquals } from "@std/assert";
   *
   * const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
   * new PyRandom(42).shuffle(items);
   * assertEquals(items, [7, 3, 2, 8, 5, 6, 9, 4, 0, 1]);
   * ```
   */
  shuffle<T>(list: T[]): void {
    // Fisher-Yates from the back: item i swaps with a random item at or
    // before it, so every order is equally likely.
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
  }

  /**
   * Picks one index with probability proportional to its weight: the index
   * Python's `random.choices(range(len(weights)), weights)[0]` returns.
   *
   * Weights need not sum to 1, but their total must be finite and greater
   * than zero (else a RangeError); an item of weight 0 is never picked.
   *
   * @example Usage
   * ```ts
   * import { PyRandom } from "./random.ts";
   * import { assertEquals } from "@std/assert";
   *
   * const rng = new PyRandom(42);
   * assertEquals(rng.weightedIndex([0.1, 0.2, 0.3, 0.4]), 3);
   * assertEquals(rng.weightedIndex([0.1, 0.2, 0.3, 0.4]), 0);
   * ```
   */
  weightedIndex(weights: readonly number[]): number {
    if (weights.length === 0) {
      throw new RangeError(
        "Weights must contain at least one value: received none",
      );
    }
    // Lay the weights end to end on [0, total) and see where x lands.
    const cumulative: number[] = [];
    let total = 0;
    for (const w of weights) {
      total += w;
      cumulative.push(total);
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new RangeError(
        `Total of weights must be a finite number greater than zero: received ${total}`,
      );
    }
    const x = this.random() * total;
    // Pick the first index whose cumulative sum is greater than x. Like
    // CPython, bisect (right) over cumulative[0 .. n-2] only: the last index
    // is the answer whenever x is past every earlier sum, so no rounding can
    // send us out of range. Keeping the binary search itself (not a linear
    // scan) means even odd weights (negative ones) pick what Python picks.
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < cumulative[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
