/**
 * Lesson step3/04 · Attention: scores, weights and the weighted sum
 * Guide: 3.4 Q, K, V · 3.5 Scores and weights
 *
 * Attention is how a position gathers what it needs from earlier ones.
 * Each position makes three vectors from its input: a query q ("what am I
 * looking for"), a key k ("what do I offer") and a value v ("what I pass
 * on if chosen"). The current position compares its query with the key
 * of every position so far: the score of position t is q·kₜ / √d, with d
 * the query's length. Why √d: a dot product adds up d products, and a
 * sum of d random-signed terms grows like √d, so without the division
 * longer vectors would give larger scores, softmax would put nearly all
 * the weight on one position, and attention would stop blending. Dividing
 * by √d keeps scores of the same size whatever d is; multiply by
 * `Math.sqrt(d) ** -1`, as the guide's Python divides. Softmax turns the
 * scores into weights, positive and summing to 1, and the output is the
 * weighted sum of the values: for each dimension j, Σₜ wₜ · vₜ[j].
 *
 * Softmax is Step 2's, written the guide's way with fused nodes: subtract
 * the largest score (its data, a plain number), exponentiate, one fused
 * sum, and multiply each by the total to the power −1 (the guide's Python
 * divides that way).
 *
 * The trap: in `weightedSum`, the sum runs over positions t for a fixed
 * dimension j: pick the j-th entry of every cached value, not the values
 * of one position.
 *
 * Run this lesson's tests: deno task test tests/step3/04_attention_test.ts
 *
 * @module
 */

import { add, mul, type Value } from "../step2/01_value.ts";
import { exp, pow } from "../step2/02_more_ops.ts";
import { dot, fusedSum } from "./01_fused_nodes.ts";

import { todo } from "../../support/todo.ts";

/**
 * Softmax over Values, in the guide's form: subtract the largest data (a
 * plain number: `add(v, -max)`, as the guide adds the negation), exponentiate,
 * add them up in one fused sum, then multiply each by the total to the power
 * −1.
 *
 * @param logits The scores, at least one.
 * @returns One probability per score.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { softmax } from "./04_attention.ts";
 *
 * const probs = softmax([2, 1, 0].map((x) => new Value(x)));
 * assertAlmostEquals(probs[0].data, 0.665, 1e-3);
 * ```
 */
export function softmax(logits: readonly Value[]): Value[] {
  todo("softmax", import.meta.url);
}

/**
 * How much the query attends to each cached key: the scores
 * q·kₜ / √(q.length), then softmax.
 *
 * @param q The query, one head's worth of dimensions.
 * @param keys The cached keys, one per earlier position (this one last).
 * @returns One weight per key; positive, summing to 1.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { attentionWeights } from "./04_attention.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const w = attentionWeights(values([1, 0]), [values([0, 0]), values([0, 0])]);
 * assertAlmostEquals(w[0].data, 0.5, 1e-12);
 * ```
 */
export function attentionWeights(
  q: readonly Value[],
  keys: readonly (readonly Value[])[],
): Value[] {
  todo("attentionWeights", import.meta.url);
}

/**
 * The attention output: for each dimension j, Σₜ weights[t] · values[t][j].
 *
 * @param weights One weight per cached position.
 * @param values The cached values, one vector per position.
 * @returns A vector as long as each value vector.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../step2/01_value.ts";
 * import { weightedSum } from "./04_attention.ts";
 *
 * const values = (xs: number[]) => xs.map((x) => new Value(x));
 * const out = weightedSum(values([0.25, 0.75]), [values([4, 0]), values([0, 8])]);
 * assertEquals(out.map((v) => v.data), [1, 6]);
 * ```
 */
export function weightedSum(
  weights: readonly Value[],
  values: readonly (readonly Value[])[],
): Value[] {
  todo("weightedSum", import.meta.url);
}
