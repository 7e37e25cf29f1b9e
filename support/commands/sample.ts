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
import {
  explainNonFinite,
  lessonsNotLoaded,
  ModelFileError,
  NonFiniteError,
} from "../train/errors.ts";
import { sampleLine } from "../train/format.ts";
import { denoTerminal, type Terminal } from "../train/live_view.ts";
import { readModelFile } from "../train/model_file.ts";
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
    const cannotLoad = `Cannot load model file "${args.model}"`;
    step = file.step;
    const program = findProgram(
      file.step,
      `${cannotLoad}: it was saved by step ${file.step}`,
      1,
    );
    refuseUnused(program, { temperature: args.temperature });
    const temperature = args.temperature ?? program.defaults?.temperature ??
      SAMPLE_DEFAULTS.temperature;
    let sampler: Sampler;
    try {
      sampler = program.load(file);
      checkLogits(sampler, file.vocabulary);
    } catch (error) {
      if (!(error instanceof ModelFileError)) throw error;
      throw new ModelFileError(`${cannotLoad}: ${error.message}`);
    }

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
    // Every drawing is made before any is printed, so a refused one prints
    // nothing; --show's chart comes first.
    const drawings: string[][] = [];
    if (args.show !== undefined) {
      const prefix = prefixOf("show", args.show);
      const where = args.show === "" ? "at the start of a name" : "after it";
      const [probs, plain] = [temperature, 1].map((t) => {
        const probs = sampler.nextTokenProbabilities(prefix, t);
        checkProbabilities(probs, `${where} at temperature ${t}`);
        return probs;
      });
      drawings.push(renderDistribution({
        vocabulary: chars,
        probs,
        plain,
        temperature,
        prefix: args.show,
        context: sampler.gpt === undefined ? "last" : "prefix",
      }));
    }
    if (args.attention !== undefined) {
      if (sampler.gpt === undefined) {
        throw new UserError(
          `--attention is not offered for a Step ${program.step} model`,
          2,
        );
      }
      const prefix = prefixOf("attention", args.attention);
      drawings.push(attentionLines(chars, prefix, sampler.gpt));
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
 * Refuses a next-token distribution that cannot be sampled from: any
 * probability NaN, infinite or negative, or a total that is not a finite
 * number above 0.
 *
 * @param where What they follow, for the message.
 * @throws {NonFiniteError} When they cannot be sampled from.
 */
function checkProbabilities(probs: readonly number[], where: string): void {
  const bad = probs.find((p) => !(Number.isFinite(p) && p >= 0));
  const total = probs.reduce((sum, p) => sum + p, 0);
  if (bad !== undefined || !(total > 0 && Number.isFinite(total))) {
    throw new NonFiniteError(
      `the model's probabilities ${where} are not usable (${
        bad !== undefined ? `one is ${bad}` : `they add up to ${total}`
      })`,
    );
  }
}

/**
 * The load check's last part: the model must give usable probabilities at
 * temperature 1, at the start of a name and after each single character
 * (weights that are all 1e308 pass every shape check, then overflow).
 *
 * @throws {ModelFileError} Saying where they are not.
 */
function checkLogits(sampler: Sampler, vocabulary: readonly string[]): void {
  const bos = vocabulary.length;
  for (const prefix of [[bos], ...vocabulary.map((_, id) => [bos, id])]) {
    try {
      checkProbabilities(sampler.nextTokenProbabilities(prefix, 1), "");
    } catch (error) {
      if (!(error instanceof NonFiniteError)) throw error;
      const where = prefix.length === 1
        ? "at the start of a name"
        : `after ${visible(vocabulary[prefix[1]], { quote: true })}`;
      throw new ModelFileError(
        `its weights do not give finite probabilities ${where} (the numbers are too large for floating point)`,
      );
    }
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
