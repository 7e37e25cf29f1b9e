/**
 * `deno task sample`: invents names with a model saved by
 * `deno task train --save FILE`, or (`--show TEXT`) draws what the model
 * thinks comes after the beginning of a name, at the chosen temperature.
 *
 *     deno task sample [--model FILE] [--samples N] [--temperature T]
 *                      [--seed N] [--show [TEXT]] [--solutions]
 *
 * Sampling runs the lessons' code (or, with `--solutions`, the reference
 * solutions), like the trainer. `--help` lists the flags and defaults.
 *
 * @module
 */

import { PyRandom } from "./random.ts";
import { parseSampleArgs, sampleUsage } from "./train/args.ts";
import { resolveFromCaller } from "./train/dataset.ts";
import {
  describeVocabulary,
  renderDistribution,
} from "./train/distribution.ts";
import { ModelFileError, UsageError } from "./train/errors.ts";
import { explainFailure } from "./train/failure.ts";
import { pyInt } from "./train/format.ts";
import { denoTerminal, type Terminal } from "./train/live_view.ts";
import { readModelFile } from "./train/model_file.ts";
import type { Sampler } from "./train/program.ts";
import { availableSteps, DEFAULT_STEP, PROGRAMS } from "./train/programs.ts";
import { checkSolutionsFlag } from "./train.ts";

/**
 * Runs the sampler.
 *
 * @param argv The command line (Deno.args).
 * @param terminal Where to write.
 * @returns The exit code.
 */
export async function main(
  argv: readonly string[],
  terminal: Terminal = denoTerminal(),
): Promise<number> {
  let step = DEFAULT_STEP;
  try {
    const args = parseSampleArgs(argv);
    if (args.help) {
      terminal.out(sampleUsage());
      return 0;
    }
    checkSolutionsFlag(args.solutions, "sample");
    const file = readModelFile(resolveFromCaller(args.model));
    step = file.step;
    const program = PROGRAMS.get(file.step);
    if (program === undefined) {
      throw new ModelFileError(
        `Cannot load model file "${args.model}": it was saved by step ${file.step}, and this trainer runs steps ${availableSteps()}`,
      );
    }
    let sampler: Sampler;
    try {
      sampler = program.load(file);
    } catch (error) {
      if (!(error instanceof ModelFileError)) throw error;
      throw new ModelFileError(
        `Cannot load model file "${args.model}": ${error.message}`,
      );
    }

    if (args.show !== undefined) {
      const chars = file.vocabulary;
      const bos = chars.length;
      const prefix = [bos];
      for (const ch of args.show) {
        const id = chars.indexOf(ch);
        if (id === -1) {
          throw new UsageError(
            `--show ${JSON.stringify(args.show)} uses ${
              JSON.stringify(ch)
            }, which is not in the model's vocabulary (${
              describeVocabulary(chars)
            })`,
          );
        }
        prefix.push(id);
      }
      const lines = renderDistribution({
        vocabulary: chars,
        probs: sampler.nextTokenProbabilities(prefix, args.temperature),
        plain: sampler.nextTokenProbabilities(prefix, 1),
        temperature: args.temperature,
        prefix: args.show,
        color: terminal.color && Deno.stdout.isTerminal(),
      });
      terminal.out(lines.map((line) => `${line}\n`).join(""));
      return 0;
    }

    const rng = new PyRandom(args.seed);
    for (let i = 0; i < args.samples; i++) {
      terminal.out(
        `sample ${pyInt(i + 1, 2)}: ${sampler.sample(rng, args.temperature)}\n`,
      );
    }
    return 0;
  } catch (error) {
    return await explainFailure(
      error,
      step,
      (text) => terminal.err(text),
      "sample",
    );
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
