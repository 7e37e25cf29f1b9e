/**
 * What the programs of Steps 3, 4 and 5 (the attention models) share: their
 * matrices' shapes, as plain numbers and back, the check that a prefix fits
 * in the context, the sampler of a saved model and its view of the model's
 * insides.
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
import {
  checkMatrix,
  type GptView,
  type Sampler,
  type TrainedModel,
} from "./step_program.ts";
import { mul, Value } from "../../lessons/step2/01_value.ts";
import type { Matrix } from "../../lessons/step2/04_parameters.ts";
import { embed } from "../../lessons/step3/02_parameters.ts";
import { softmax } from "../../lessons/step3/04_attention.ts";

/** A model's matrices by name, in the guide's draw order: `[rows, columns]`. */
export type Shapes<K extends string> = Record<K, readonly [number, number]>;

/** A layer's six matrices (Steps 3–5 alike): attention, then the MLP. */
export function layerShapes(n: number) {
  const [square, up, down] = [[n, n], [4 * n, n], [n, 4 * n]] as const;
  return {
    attnWq: square,
    attnWk: square,
    attnWv: square,
    attnWo: square,
    mlpFc1: up,
    mlpFc2: down,
  };
}

/**
 * The matrices of `model` that `shapes` names, in its order, as plain
 * numbers (the Values' `.data`) for a model file, under `prefix`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Value } from "../../lessons/step2/01_value.ts";
 * import { loadMatrices, saveMatrices } from "./gpt_model.ts";
 *
 * const model = { wte: [[new Value(1), new Value(2)]] };
 * const weights = saveMatrices(model, { wte: [1, 2] }, "layer0.");
 * assertEquals(weights, { "layer0.wte": [[1, 2]] });
 * const saved = { vocabulary: [], hyperparameters: {}, weights };
 * assertEquals(loadMatrices(saved, { wte: [1, 2] }, "layer0.").wte[0][1].data, 2);
 * ```
 */
export function saveMatrices<K extends string>(
  model: Record<NoInfer<K>, Matrix>,
  shapes: Shapes<K>,
  prefix = "",
): Record<string, number[][]> {
  return Object.fromEntries(
    (Object.keys(shapes) as K[]).map((name) => [
      prefix + name,
      model[name].map((row) => row.map((v) => v.data)),
    ]),
  );
}

/**
 * The matrices `shapes` names from a saved model, as fresh Value leaves,
 * each checked to have its shape.
 *
 * @throws {ModelFileError} When one is missing or has another shape.
 */
export function loadMatrices<K extends string>(
  saved: TrainedModel,
  shapes: Shapes<K>,
  prefix = "",
): Record<K, Matrix> {
  return Object.fromEntries(
    Object.entries<readonly [number, number]>(shapes).map((
      [name, [rows, cols]],
    ) => [
      name,
      checkMatrix(saved.weights, prefix + name, rows, cols)
        .map((row) => row.map((x) => new Value(x))),
    ]),
  ) as Record<K, Matrix>;
}

/**
 * A Step 3–5 model as the sampler and the views run it: the lesson's `gpt`
 * bound to the model, one position at a time.
 */
export interface Gpt {
  /** The model's context, in positions. */
  blockSize: number;
  /** Its layers and heads per layer: one position adds layers × heads rows to a trace. */
  layers: number;
  heads: number;
  /** The token and position embeddings. */
  wte: Matrix;
  wpe: Matrix;
  /** Which lessons fill `gpt`'s trace, for the message when they do not. */
  tracedBy: string;
  /**
   * A run with fresh, empty caches: `step` is `gpt` at one position (pushing
   * its attention weights into `trace`), `cache` the first layer's KV cache.
   */
  fresh(): {
    step(token: number, pos: number, trace?: number[][]): Value[];
    cache: { keys: Value[][]; values: Value[][] };
  };
}

/**
 * Runs `gpt` over `prefix` (token ids, BOS first) with fresh caches; the
 * last position's logits.
 *
 * @throws {UserError} When the prefix is longer than the model's context:
 * there is no position embedding beyond `blockSize` positions.
 */
function lastLogits(gpt: Gpt, prefix: readonly number[]): Value[] {
  checkContext(gpt.blockSize, prefix);
  const { step } = gpt.fresh();
  let logits: Value[] = [];
  prefix.forEach((token, pos) => logits = step(token, pos));
  return logits;
}

/** Refuses a prefix longer than the model's context. */
function checkContext(blockSize: number, prefix: readonly number[]): void {
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

/** The {@linkcode GptView} of a model: its insides, read through the lessons. */
export function gptView(gpt: Gpt): GptView {
  const { heads, layers, blockSize, wte, wpe } = gpt;
  return {
    heads,
    layers,
    blockSize,
    read(tokens) {
      checkContext(blockSize, tokens);
      const { step, cache } = gpt.fresh();
      return tokens.map((token, pos) => {
        const trace: number[][] = [];
        step(token, pos, trace);
        if (trace.length !== layers * heads) {
          throw new UserError(
            `gpt() recorded ${trace.length} rows of attention weights at position ${pos}, expected ${
              layers * heads
            } (one per head of each layer): ${gpt.tracedBy}`,
          );
        }
        // Every layer records its heads in turn.
        const byLayer = Array.from(
          { length: layers },
          (_, l) => trace.slice(l * heads, (l + 1) * heads),
        );
        return {
          heads: byLayer[0],
          layers: byLayer,
          keys: cache.keys.map(numbers),
          values: cache.values.map(numbers),
        };
      });
    },
    embedding(token, pos) {
      const within = (i: number, n: number) =>
        Number.isInteger(i) && i >= 0 && i < n;
      if (!within(token, wte.length) || !within(pos, wpe.length)) {
        throw new RangeError(
          `embedding(${token}, ${pos}): expected a token below ${wte.length} and a position below ${wpe.length}`,
        );
      }
      return {
        wte: numbers(wte[token]),
        wpe: numbers(wpe[pos]),
        sum: numbers(embed(wte, wpe, token, pos)),
      };
    },
  };
}

const numbers = (vector: readonly Value[]) => vector.map((v) => v.data);

/**
 * The sampler of a saved attention model.
 *
 * @param draw The lesson's `sample` bound to the model and tokenizer.
 */
export function gptSampler(
  gpt: Gpt,
  draw: (rng: PyRandom, temperature: number) => string,
): Sampler {
  return {
    gpt: gptView(gpt),
    sample: draw,
    nextTokenProbabilities: (prefix, temperature) => {
      // As the guide samples: logits · temperature^−1, then softmax.
      const scale = temperature ** -1;
      const logits = lastLogits(gpt, prefix).map((l) => mul(l, scale));
      return softmax(logits).map((p) => p.data);
    },
  };
}
