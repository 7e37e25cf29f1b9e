/**
 * What the programs of Steps 3, 4 and 5 (the attention models) share: their
 * weights as plain numbers and back, the check that a prefix fits in the
 * context, the sampler of a saved model, and the attention view of
 * `deno task sample --attention TEXT`.
 *
 * Unlike the bigram models of Steps 0–2, these models read the whole
 * beginning of a name: position p attends to every position before it
 * through the KV cache, so what comes after "em" is not what comes after
 * "m".
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import type { PyRandom } from "../random.ts";
import { renderAttention } from "./attention_view.ts";
import {
  type Sampler,
  type SampleView,
  type TrainedModel,
} from "./step_program.ts";
import { mul, Value } from "../../lessons/step2/01_value.ts";
import type { Matrix } from "../../lessons/step2/04_parameters.ts";
import { softmax } from "../../lessons/step3/04_attention.ts";

/**
 * A matrix of Values as plain numbers (their `.data`), for a model file.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../../lessons/step2/01_value.ts";
 * import { numbersOf } from "./gpt_model.ts";
 *
 * assertEquals(numbersOf([[new Value(1), new Value(2)]]), [[1, 2]]);
 * ```
 */
export function numbersOf(matrix: Matrix): number[][] {
  return matrix.map((row) => row.map((v) => v.data));
}

/**
 * A saved matrix as fresh Value leaves, for a loaded model.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { valuesOf } from "./gpt_model.ts";
 *
 * assertEquals(valuesOf([[1, 2]])[0][1].data, 2);
 * ```
 */
export function valuesOf(matrix: readonly number[][]): Matrix {
  return matrix.map((row) => row.map((x) => new Value(x)));
}

/**
 * Refuses a prefix longer than the model's context: there is no position
 * embedding beyond `blockSize` positions.
 *
 * @param prefix Token ids, BOS first.
 * @param blockSize The number of positions the model has.
 * @throws {UserError} Saying how many characters fit.
 */
export function checkContext(prefix: readonly number[], blockSize: number) {
  if (prefix.length > blockSize) {
    throw new UserError(
      `the model reads at most ${
        blockSize - 1
      } characters after the start of a name (blockSize ${blockSize}), received ${
        prefix.length - 1
      }`,
      2,
    );
  }
}

/**
 * Runs a GPT over `prefix` with fresh caches, one position at a time.
 *
 * @param step The model at one position: `(token, pos) => logits`, with
 *   its caches (and trace) already bound.
 * @param prefix Token ids, BOS first.
 * @returns The logits of the last position.
 */
export function lastLogits(
  step: (token: number, pos: number) => Value[],
  prefix: readonly number[],
): Value[] {
  let logits: Value[] = [];
  prefix.forEach((token, pos) => logits = step(token, pos));
  return logits;
}

/**
 * The sampler of a saved attention model.
 *
 * @param blockSize The model's context, in positions.
 * @param draw The lesson's `sample` bound to the model and tokenizer.
 * @param fresh A new `(token, pos) => logits` with fresh, empty caches.
 */
export function gptSampler(
  blockSize: number,
  draw: (rng: PyRandom, temperature: number) => string,
  fresh: () => (token: number, pos: number) => Value[],
): Sampler {
  return {
    context: "prefix",
    sample: (rng, temperature) => draw(rng, temperature),
    nextTokenProbabilities: (prefix, temperature) => {
      checkContext(prefix, blockSize);
      // As the guide samples: logits · temperature^−1, then softmax.
      const scale = temperature ** -1;
      const logits = lastLogits(fresh(), prefix).map((l) => mul(l, scale));
      return softmax(logits).map((p) => p.data);
    },
  };
}

/** A saved model, ready to run with a trace, for the attention view. */
export interface TracedModel {
  /** The model's context, in positions. */
  blockSize: number;
  /** Its layers and heads per layer: one position adds layers × heads arrays. */
  layers: number;
  heads: number;
  /** Runs the model over `prefix` with fresh caches, pushing into `trace`. */
  run(prefix: readonly number[], trace: number[][]): void;
}

/**
 * The view of `deno task sample --attention TEXT`: for each head of each
 * layer, which earlier characters each position of "TEXT" attends to.
 *
 * @param lesson The lesson that fills the trace, for the message when it
 *   does not.
 * @param load Loads a saved model of the step.
 * @returns The view, for `StepProgram.views`.
 */
export function attentionView(
  lesson: string,
  load: (saved: TrainedModel) => TracedModel,
): SampleView {
  return {
    help: "instead of sampling, draw each attention head's weights over TEXT",
    render: ({ model, prefix }) => {
      const traced = load(model);
      checkContext(prefix, traced.blockSize);
      const trace: number[][] = [];
      traced.run(prefix, trace);
      const perPosition = traced.layers * traced.heads;
      if (trace.length !== prefix.length * perPosition) {
        throw new UserError(
          `the attention view needs the weights of ${perPosition} head(s) at each of ${prefix.length} positions, but gpt() put ${trace.length} arrays into its trace: fill the trace in ${lesson}`,
        );
      }
      const heads = Array.from(
        { length: perPosition },
        (_, k) => prefix.map((_, p) => trace[p * perPosition + k]),
      );
      const headNames = heads.map((_, k) => {
        const head = `head ${(k % traced.heads) + 1}`;
        return traced.layers === 1 && traced.heads === 1
          ? "the one head"
          : traced.layers === 1
          ? head
          : `layer ${Math.floor(k / traced.heads) + 1} · ${head}`;
      });
      const labels = prefix.map((id) =>
        id === model.vocabulary.length
          ? "BOS"
          : model.vocabulary[id] === " "
          ? "␠"
          : model.vocabulary[id]
      );
      const text = labels.slice(1).join("");
      return [
        `Attention over "${text}", head by head. Each row is a position (its input`,
        "character on the left); each column, a position it looks back at, with",
        "the share of its attention in percent. Each row sums to 100%.",
        "",
        ...renderAttention({ labels, heads, headNames }),
      ];
    },
  };
}
