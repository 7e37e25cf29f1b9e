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
 * The step program runs in a Worker (`train/run_program.ts`): this thread
 * imports no lesson, so it can say when one runs for long without a word.
 * The launcher (support/kata.ts) runs this file with the import map that
 * points `lessons/` at the learner's code or at `solutions/`.
 *
 * @module
 */

import { EXIT_FAILURE, exitCodeOf } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import {
  alphabetNote,
  LEARNER_NAMES_FILE,
  loadDataset,
  resolveFromCaller,
} from "../data.ts";
import type { TrackProgress } from "../journey/lesson_progress.ts";
import { resolveLesson, type Track, TRACKS } from "../manifest.ts";
import { NotImplementedError } from "../todo.ts";
import { checkSolutionsFlag, parseTrainArgs, usage } from "../train/args.ts";
import { denoTerminal, LiveView, type Terminal } from "../train/live_view.ts";
import {
  checkSavePath,
  MODEL_FORMAT,
  MODEL_VERSION,
  writeModelFile,
} from "../train/model_file.ts";
import { referenceSpeed } from "../train/reference_speed.ts";
import { runProgram } from "../train/run_program.ts";
import { DEFAULT_STEP, SILENT } from "../train/step_program.ts";

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
    checkSolutionsFlag(args.solutions, "train");
    step = args.step;
    const savePath = args.save && resolveFromCaller(args.save);
    const replacing = savePath === undefined ? undefined : checkSavePath(
      savePath,
      args.data === undefined
        ? LEARNER_NAMES_FILE
        : resolveFromCaller(args.data),
    );

    const dataset = await loadDataset(args.data);
    const { names } = dataset;
    const live = !args.plain && Deno.stdout.isTerminal() &&
      Deno.stderr.isTerminal();
    const output = live
      ? new LiveView(
        terminal,
        undefined,
        // Running the lessons, the summary compares with the solutions' speed.
        args.solutions
          ? undefined
          : referenceSpeed({ step, given: args.options, names }),
      )
      // Plain mode: the reference program's lines, nothing else.
      : { ...SILENT, line: (text: string) => terminal.out(`${text}\n`) };
    let run;
    try {
      run = await runProgram({ step, given: args.options, names }, output, {
        // The notes wait until the lessons load and accept the options.
        ready: () => {
          for (const note of [dataset.note, alphabetNote(names)]) {
            if (note !== undefined) terminal.err(`${note}\n`);
          }
        },
        say: (text) =>
          output instanceof LiveView ? output.note(text) : terminal.err(text),
      });
    } finally {
      if (output instanceof LiveView) output.close();
    }

    if (savePath !== undefined) {
      const { model, options } = run;
      writeModelFile(savePath, {
        format: MODEL_FORMAT,
        version: MODEL_VERSION,
        step,
        ...model,
        training: {
          seed: options.seed,
          steps: options.steps,
          lr: options.lr,
          data: dataset.source,
          numDocs: names.length,
        },
      }, replacing);
      const solutions = args.solutions ? " --solutions" : "";
      // The name as typed, but nothing in it may reach the terminal raw.
      terminal.err(
        `Saved the model to ${
          visible(args.save!)
        } (try: deno task sample${solutions} --model ${
          visible(shellWord(args.save!))
        })\n`,
      );
    }
    return 0;
  } catch (error) {
    return await explainStop(error, step, terminal, "train");
  }
}

/** A path as a shell word: quoted when it holds anything but plain characters. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text)
    ? text
    : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The trainer's and the sampler's way out: a lesson that is still a stub
 * gets a message saying how many of the step's lessons pass their tests and
 * which is next (the first line at once, as measuring the progress runs the
 * tests); anything else the one exit path of every command.
 */
export async function explainStop(
  error: unknown,
  step: number,
  terminal: Terminal,
  task: "train" | "sample",
): Promise<number> {
  const say = (lines: string[]) =>
    terminal.err(lines.map((line) => `${line}\n`).join(""));
  if (!(error instanceof NotImplementedError)) {
    return exitCodeOf(error, (text) => terminal.err(text));
  }
  const track = error.lesson === undefined
    ? TRACKS.find((track) => track.step === step)
    : resolveLesson(error.lesson).track;
  const [first, ...rest] = unfinishedMessage(step, error.message, task, track);
  say([first]);
  const progress = track && await trackProgress(track);
  say(
    progress === undefined
      ? rest
      : unfinishedMessage(step, error.message, task, track, progress).slice(1),
  );
  return EXIT_FAILURE;
}

/** A track's progress, or undefined without permission to run deno. */
async function trackProgress(track: Track): Promise<TrackProgress | undefined> {
  const run = { name: "run", command: Deno.execPath() } as const;
  // Asked first: without it, Deno would prompt in a terminal.
  if ((await Deno.permissions.query(run)).state !== "granted") return;
  // Loaded only when needed: it brings the test runner.
  const { checkProgress } = await import("../journey/lesson_progress.ts");
  const progress = await checkProgress([`tests/${track.dir}/`]);
  return progress.tracks.find((t) => t.track === track);
}

/**
 * The message for an unfinished lesson, line by line.
 *
 * @param step The guide step being run.
 * @param reason The NotImplementedError's message (names the function and file).
 * @param task The command that stopped.
 * @param track The track of the lesson that stopped it (an earlier step's,
 *   as Step 2 uses Step 1's lessons), whose progress is reported.
 * @param progress That track's progress, if it could be measured.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TRACKS } from "../manifest.ts";
 * import { unfinishedMessage } from "./train.ts";
 *
 * const lines = unfinishedMessage(2, "encode() is not implemented yet", "train", TRACKS[1]);
 * assertEquals(lines, [
 *   "The trainer stopped: encode() is not implemented yet",
 *   `Step 2 builds on Step 1 (${TRACKS[1].title}): run deno task progress to see which lessons pass their tests and which one is next`,
 *   "To watch the finished trainer now: deno task train --solutions --step 2",
 * ]);
 * ```
 */
export function unfinishedMessage(
  step: number,
  reason: string,
  task: "train" | "sample",
  track?: Track,
  progress?: TrackProgress,
): string[] {
  const title = track === undefined
    ? `Step ${step}`
    : track.step === step
    ? `Step ${step} (${track.title})`
    : `Step ${step} builds on Step ${track.step} (${track.title})`;
  let status =
    "run deno task progress to see which lessons pass their tests and which one is next";
  if (progress !== undefined) {
    const next = progress.lessons.find((l) => l.state !== "done")?.entry;
    status =
      `${progress.done} of ${progress.lessons.length} lessons pass their tests` +
      (next === undefined
        ? "."
        : `; next: ${next.lesson.id} "${next.lesson.title}" (${next.lessonFile})`);
  }
  const finished = task === "train"
    ? `To watch the finished trainer now: deno task train --solutions${
      step === DEFAULT_STEP ? "" : ` --step ${step}`
    }`
    : "To sample with the finished code now: deno task sample --solutions";
  return [
    `The ${task === "train" ? "trainer" : "sampler"} stopped: ${reason}`,
    `${title}: ${status}`,
    finished,
  ];
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
