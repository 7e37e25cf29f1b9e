/**
 * `deno task sample`: invents names with a model saved by
 * `deno task train --save FILE`, or (`--show TEXT`) draws what the model
 * thinks comes after the beginning of a name, at the chosen temperature,
 * and/or draws a view its step offers (`--attention TEXT` for Steps 3–5:
 * where each attention head looks); asked for both, it draws `--show`'s
 * chart first.
 *
 *     deno task sample [--model FILE] [--samples N] [--temperature T]
 *                      [--seed N] [--show [TEXT]] [--attention TEXT]
 *                      [--solutions]
 *
 * Sampling runs the lessons' code (or, with `--solutions`, the reference
 * solutions), like the trainer. `--help` lists the flags and defaults.
 *
 * @module
 */

import { UserError } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import { resolveFromCaller } from "../data.ts";
import { PyRandom } from "../random.ts";
import {
  checkSolutionsFlag,
  parseSampleArgs,
  SAMPLE_DEFAULTS,
  usage,
} from "../train/args.ts";
import { attentionLines } from "../train/attention_view.ts";
import {
  describeVocabulary,
  renderDistribution,
} from "../train/distribution.ts";
import { lessonsNotLoaded, ModelFileError } from "../train/errors.ts";
import { sampleLine } from "../train/format.ts";
import { denoTerminal, type Terminal } from "../train/live_view.ts";
import {
  checkProbabilities,
  explainNonFinite,
  NonFiniteError,
  readModelFile,
} from "../train/model_file.ts";
import {
  DEFAULT_STEP,
  refuseUnused,
  type Sampler,
} from "../train/step_program.ts";
import { explainStop } from "./train.ts";

/** Runs the sampler; returns the exit code. */
export async function main(
  argv: readonly string[],
  terminal: Terminal = denoTerminal(),
): Promise<number> {
  let step = DEFAULT_STEP;
  try {
    const args = parseSampleArgs(argv);
    if (args.help) {
      terminal.out(usage("sample"));
      return 0;
    }
    const { findProgram } = await import("../train/steps.ts").catch(
      (error) => {
        throw lessonsNotLoaded(error);
      },
    );
    checkSolutionsFlag(args.solutions, "sample");
    const file = readModelFile(resolveFromCaller(args.model));
    step = file.step;
    const program = findProgram(
      file.step,
      `Cannot load model file "${args.model}": it was saved by step ${file.step}`,
      1,
    );
    refuseUnused(program, { temperature: args.temperature });
    const temperature = args.temperature ?? program.defaults?.temperature ??
      SAMPLE_DEFAULTS.temperature;
    let sampler: Sampler;
    try {
      sampler = program.load(file);
    } catch (error) {
      if (!(error instanceof ModelFileError)) throw error;
      throw new ModelFileError(
        `Cannot load model file "${args.model}": ${error.message}`,
      );
    }
    checkLogits(sampler, file.vocabulary, args.model);

    const chars = file.vocabulary;
    /** The token ids of a name's beginning given with `flag`, BOS first. */
    const prefixOf = (flag: string, text: string) => [
      chars.length,
      ...[...text].map((ch) => {
        const id = chars.indexOf(ch);
        if (id !== -1) return id;
        throw new UserError(
          `--${flag} ${visible(text, { quote: true })} uses ${
            visible(ch, { quote: true })
          }, which is not in the model's vocabulary (${
            describeVocabulary(chars)
          })`,
          2,
        );
      }),
    ];
    // Every drawing is made before any is printed, so a refused view
    // prints nothing; --show's chart comes first, then the step's views.
    const drawings: string[][] = [];
    if (args.show !== undefined) {
      const prefix = prefixOf("show", args.show);
      const probs = sampler.nextTokenProbabilities(prefix, temperature);
      const plain = sampler.nextTokenProbabilities(prefix, 1);
      const where = args.show === "" ? "at the start of a name" : "after it";
      checkProbabilities(probs, where, temperature);
      checkProbabilities(plain, where, 1);
      drawings.push(renderDistribution({
        vocabulary: chars,
        probs,
        plain,
        temperature,
        prefix: args.show,
        context: sampler.context,
      }));
    }
    if (args.attention !== undefined) {
      if (sampler.gpt === undefined) {
        throw new UserError(
          `--attention is not offered for a Step ${program.step} model`,
          2,
        );
      }
      drawings.push(
        attentionLines(
          chars,
          prefixOf("attention", args.attention),
          sampler.gpt,
        ),
      );
    }
    if (drawings.length > 0) {
      terminal.out(drawings.map((lines) => `${lines.join("\n")}\n`).join("\n"));
      return 0;
    }

    const rng = new PyRandom(args.seed);
    for (let i = 0; i < args.samples; i++) {
      let name: string;
      try {
        name = sampler.sample(rng, temperature);
      } catch (error) {
        throw explainNonFinite(error, temperature);
      }
      terminal.out(`${sampleLine(i, name)}\n`);
    }
    return 0;
  } catch (error) {
    return await explainStop(error, step, terminal, "sample");
  }
}

/**
 * The load check's last part: the model must give usable probabilities at
 * temperature 1, at the start of a name and after each single character
 * (weights that are all 1e308 pass every shape check, then overflow).
 */
function checkLogits(
  sampler: Sampler,
  vocabulary: readonly string[],
  model: string,
): void {
  const bos = vocabulary.length;
  const prefixes = [[bos], ...vocabulary.map((_, id) => [bos, id])];
  for (const prefix of prefixes) {
    try {
      checkProbabilities(sampler.nextTokenProbabilities(prefix, 1), "", 1);
    } catch (error) {
      if (!(error instanceof NonFiniteError)) throw error;
      const where = prefix.length === 1
        ? "at the start of a name"
        : `after ${visible(vocabulary[prefix[1]], { quote: true })}`;
      throw new ModelFileError(
        `Cannot load model file "${model}": its weights do not give finite probabilities ${where} (the numbers are too large for floating point)`,
      );
    }
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
