/**
 * How fast the reference solutions train on this machine, measured in the
 * learner's own run, so the summary after training can compare:
 *
 *     your lessons: 24 steps/s; the reference solutions run about 800 steps/s on this machine
 *
 * The solutions' modules are imported directly from `solutions/` (a second
 * copy beside the learner's lessons, whatever the import map says), and
 * their training loop runs on the run's own first documents for a short
 * time budget. Nothing here touches the run's random generator: the
 * measurement draws its weights from a generator of its own.
 *
 * @module
 */

import { hasSolutions } from "../maps.ts";
import { PyRandom } from "../random.ts";
import { N_EMBD } from "./step_program.ts";

/** Trains a fresh model of one step on `docs` for `steps` steps. */
type Trainer = (
  docs: number[][],
  vocabSize: number,
  steps: number,
  lr0: number,
) => void;

/** The solutions' training, per step, loaded on demand. */
const TRAINERS: Record<number, () => Promise<Trainer>> = {
  0: async () => {
    const { emptyCounts } = await import(
      "../../solutions/step0/02_count_table.ts"
    );
    const { train } = await import("../../solutions/step0/05_training.ts");
    return (docs, vocabSize, steps) =>
      train(emptyCounts(vocabSize), docs, { steps });
  },
  1: async () => {
    const { initModel } = await import(
      "../../solutions/step1/02_parameters.ts"
    );
    const { train } = await import("../../solutions/step1/10_training.ts");
    return (docs, vocabSize, steps, lr0) =>
      train(initModel(vocabSize, N_EMBD, new PyRandom(0)), docs, {
        steps,
        lr0,
      });
  },
  2: async () => {
    const { initModel } = await import(
      "../../solutions/step2/04_parameters.ts"
    );
    const { train } = await import("../../solutions/step2/06_training.ts");
    return (docs, vocabSize, steps, lr0) =>
      train(initModel(vocabSize, N_EMBD, new PyRandom(0)), docs, {
        steps,
        lr0,
      });
  },
  3: async () => {
    const { initModel } = await import(
      "../../solutions/step3/02_parameters.ts"
    );
    const { train } = await import("../../solutions/step3/06_training.ts");
    return (docs, vocabSize, steps, lr0) =>
      train(initModel(vocabSize, new PyRandom(0)), docs, { steps, lr0 });
  },
  4: async () => {
    const { initModel } = await import(
      "../../solutions/step4/02_parameters.ts"
    );
    const { train } = await import("../../solutions/step4/04_training.ts");
    return (docs, vocabSize, steps, lr0) =>
      train(initModel(vocabSize, new PyRandom(0)), docs, { steps, lr0 });
  },
  5: async () => {
    const { initModel } = await import(
      "../../solutions/step4/02_parameters.ts"
    );
    const { train } = await import("../../solutions/step5/03_training.ts");
    return (docs, vocabSize, steps, lr0) =>
      train(initModel(vocabSize, new PyRandom(0)), docs, { steps, lr0 });
  },
};

/** Measures the solutions' training speed, in steps per second. */
export type ReferenceSpeed = (budgetMs: number) => number;

/**
 * Loads the solutions' training loop of `step` and prepares a measurement
 * on the run's documents (shuffled as the run shuffles them).
 *
 * @param names The run's names, in file order.
 * @param options The run's seed and learning rate.
 * @returns The measurement, or undefined when the step has none or this
 * copy of the kata has no solutions/.
 */
export async function referenceSpeed(
  step: number,
  names: readonly string[],
  options: { seed: number; lr: number },
): Promise<ReferenceSpeed | undefined> {
  const load = TRAINERS[step];
  // A copy handed out without solutions/ has nothing to compare with.
  if (load === undefined || !hasSolutions()) return undefined;
  const [trainer, { buildTokenizer, encode }] = await Promise.all([
    load(),
    import("../../solutions/step1/01_tokenizer.ts"),
  ]);
  const docs = [...names];
  new PyRandom(options.seed).shuffle(docs);
  const tokenizer = buildTokenizer(docs);
  const tokens = docs.slice(0, 2000).map((doc) => encode(tokenizer, doc));
  return (budgetMs) =>
    measure(
      (from, steps) =>
        trainer(
          rotate(tokens, from),
          tokenizer.vocabSize,
          steps,
          options.lr,
        ),
      budgetMs,
    );
}

/** The documents from `from` on, then the ones before (step s reads doc s). */
function rotate(tokens: number[][], from: number): number[][] {
  const k = from % tokens.length;
  return k === 0 ? tokens : [...tokens.slice(k), ...tokens.slice(0, k)];
}

/**
 * Steps per second of `train`, run in chunks of doubling size until
 * `budgetMs` has passed. The first fifth of the budget warms the engine up
 * (compiling the code takes longer than running it) and is not counted.
 *
 * @param train Trains `steps` steps, from document `from` on.
 * @param budgetMs How long to measure.
 * @param now A clock in milliseconds.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { measure } from "./reference_speed.ts";
 *
 * let clock = 0;
 * // A fake engine: every step takes 2 ms.
 * const rate = measure((_, steps) => clock += 2 * steps, 100, () => clock);
 * assertAlmostEquals(rate, 500, 1e-9);
 * ```
 */
export function measure(
  train: (from: number, steps: number) => void,
  budgetMs: number,
  now: () => number = () => performance.now(),
): number {
  const start = now();
  let done = 0;
  let chunk = 1;
  let counted = 0;
  let countedFrom = NaN;
  while (now() - start < budgetMs) {
    const warm = now() - start >= budgetMs / 5;
    if (warm && Number.isNaN(countedFrom)) countedFrom = now();
    train(done, chunk);
    done += chunk;
    if (warm) counted += chunk;
    chunk *= 2;
    // Chunks stay short enough not to overrun the budget by much.
    const perStep = (now() - start) / done;
    chunk = Math.max(1, Math.min(chunk, Math.floor(budgetMs / 10 / perStep)));
  }
  if (counted === 0) return done / ((now() - start) / 1000);
  return counted / ((now() - countedFrom) / 1000);
}
