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
import { resolveFromCaller } from "../cli/caller.ts";
import { PyRandom } from "../random.ts";
import { parseCommandLine } from "../train/args.ts";
import { attentionLines } from "../train/attention_view.ts";
import { distributionLines } from "../train/distribution.ts";
import { sampleLine } from "../train/format.ts";
import { denoTerminal, type Terminal } from "../train/live_view.ts";
import { readModelFile } from "../train/model_file.ts";
import { loadPrograms } from "../train/run_program.ts";
import {
  DEFAULT_STEP,
  optionsFor,
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
    const args = parseCommandLine("sample", argv);
    const { findProgram } = await loadPrograms();
    const path = args.values.get("model") ?? "model.json";
    const file = readModelFile(resolveFromCaller(path));
    const cannotLoad = `Cannot load model file "${path}"`;
    step = file.step;
    const program = findProgram(
      file.step,
      `${cannotLoad}: it was saved by step ${file.step}`,
      1,
    );
    refuseUnused(program, args.options);
    const { samples, seed, temperature } = optionsFor(program, args.options);
    let sampler: Sampler;
    try {
      sampler = program.load(file);
    } catch (error) {
      if (error instanceof UserError) {
        error.message = `${cannotLoad}: ${error.message}`;
      }
      throw error;
    }

    const chars = file.vocabulary;
    /** The token ids of a name's beginning given with `flag`, BOS first. */
    const prefixOf = (flag: string) => {
      const text = args.values.get(flag)!;
      return [
        chars.length,
        ...[...text].map((ch) => {
          const id = chars.indexOf(ch);
          if (id !== -1) return id;
          throw new UserError(
            `--${flag} ${visible(text, { quote: true })} uses ${
              visible(ch, { quote: true })
            }, which is not in the model's vocabulary (${
              visible(chars.join(""), { quote: true, max: 60 })
            })`,
            2,
          );
        }),
      ];
    };
    // Every drawing is made before any is printed, so a refused one prints
    // nothing; --show's chart comes first.
    const drawings: string[][] = [];
    if (args.values.has("show")) {
      const prefix = prefixOf("show");
      drawings.push(distributionLines(chars, prefix, sampler, temperature));
    }
    if (args.values.has("attention")) {
      if (sampler.gpt === undefined) {
        throw new UserError(
          `--attention is not offered for a Step ${program.step} model`,
          2,
        );
      }
      drawings.push(attentionLines(chars, prefixOf("attention"), sampler.gpt));
    }
    if (drawings.length > 0) {
      terminal.out(drawings.map((lines) => `${lines.join("\n")}\n`).join("\n"));
      return 0;
    }

    const rng = new PyRandom(seed);
    for (let i = 0; i < samples; i++) {
      terminal.out(`${sampleLine(i, sampler.sample(rng, temperature))}\n`);
    }
    return 0;
  } catch (error) {
    return await explainStop(error, step, terminal, "sample");
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
