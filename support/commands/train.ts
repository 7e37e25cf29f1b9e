/**
 * `deno task train`: trains the guide's model with the learner's lessons
 * (or, with `--solutions`, the reference solutions) and invents names.
 *
 *     deno task train [--data FILE] [--steps N] [--lr X] [--seed N]
 *                     [--temperature T] [--samples N] [--log-every K]
 *                     [--step N] [--save FILE] [--plain] [--solutions]
 *
 * In plain mode (stdout is not a terminal, or `--plain`) stdout is exactly
 * what the guide's reference program prints for the same data, seed and
 * hyperparameters. In a terminal, the live view also draws the loss curve
 * and a progress bar on stderr while it trains. `--help` lists the flags.
 *
 * The launcher (support/kata.ts) runs this file with the import map that
 * points `lessons/` at the learner's code or at `solutions/`.
 *
 * @module
 */

import {
  alphabetNote,
  LEARNER_NAMES_FILE,
  loadDataset,
  resolveFromCaller,
} from "../data.ts";
import { checkSolutionsFlag, parseTrainArgs, usage } from "../train/args.ts";
import {
  denoTerminal,
  LiveView,
  PlainOutput,
  type Terminal,
} from "../train/live_view.ts";
import {
  checkSavePath,
  explainNonFinite,
  MODEL_FORMAT,
  MODEL_VERSION,
  writeModelFile,
} from "../train/model_file.ts";
import { escapeInvisible } from "../cli/errors.ts";
import { DivergenceError } from "../train/errors.ts";
import { referenceSpeed } from "../train/reference_speed.ts";
import {
  DEFAULT_STEP,
  refuseUnused,
  TRAIN_DEFAULTS,
} from "../train/step_program.ts";
import { explainError, loadPrograms } from "../train/unfinished.ts";

/** Runs the trainer; returns the exit code. */
export async function main(
  argv: readonly string[],
  terminal: Terminal = denoTerminal(),
): Promise<number> {
  let step = DEFAULT_STEP;
  try {
    const args = parseTrainArgs(argv);
    if (args.help) {
      terminal.out(usage("train"));
      return 0;
    }
    const { findProgram } = await loadPrograms();
    checkSolutionsFlag(args.solutions, "train");
    step = args.step;
    const program = findProgram(args.step);
    refuseUnused(program, args.options);
    const options = { ...TRAIN_DEFAULTS, ...program.defaults, ...args.options };
    const savePath = args.save === undefined
      ? undefined
      : resolveFromCaller(args.save);
    let replacing: Deno.FileInfo | undefined;
    if (savePath !== undefined) {
      const data = args.data === undefined
        ? LEARNER_NAMES_FILE
        : resolveFromCaller(args.data);
      replacing = checkSavePath(savePath, data);
    }

    const dataset = await loadDataset(args.data);
    const notes = [dataset.note, alphabetNote(dataset.names)]
      .filter((note) => note !== undefined);
    for (const note of notes) terminal.err(`${note}\n`);

    const live = !args.plain && Deno.stdout.isTerminal() &&
      Deno.stderr.isTerminal();
    // Running the lessons, the summary compares with the solutions' speed.
    const reference = live && !args.solutions
      ? await referenceSpeed(program.step, dataset.names, options)
      : undefined;
    const output = live
      ? new LiveView(terminal, undefined, reference)
      : new PlainOutput((text) => terminal.out(text));
    let trained;
    try {
      trained = await program.run(dataset.names, options, output);
    } catch (error) {
      if (error instanceof DivergenceError) {
        // The advice names this step's own rate: 1.0, 0.1 or 0.01.
        const { lr } = { ...TRAIN_DEFAULTS, ...program.defaults };
        const { step, steps, loss } = error;
        throw new DivergenceError(step, steps, loss, error.lr, lr);
      }
      throw explainNonFinite(error, options.temperature);
    } finally {
      if (output instanceof LiveView) output.close();
    }

    if (savePath !== undefined) {
      writeModelFile(savePath, {
        format: MODEL_FORMAT,
        version: MODEL_VERSION,
        step: program.step,
        ...trained,
        training: {
          seed: options.seed,
          steps: options.steps,
          lr: options.lr,
          data: dataset.source,
          numDocs: dataset.names.length,
        },
      }, replacing);
      const model = shellWord(args.save!);
      const solutions = args.solutions ? " --solutions" : "";
      // The name as typed, but nothing in it may reach the terminal raw.
      terminal.err(
        `Saved the model to ${
          escapeInvisible(args.save!)
        } (try: deno task sample${solutions} --model ${
          escapeInvisible(model)
        })\n`,
      );
    }
    return 0;
  } catch (error) {
    return await explainError(error, step, terminal, "train");
  }
}

/** A path as a shell word: quoted when it holds anything but plain characters. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text)
    ? text
    : `'${text.replaceAll("'", "'\\''")}'`;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
