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
import { resolveFromCaller } from "../cli/caller.ts";
import { alphabetNote, loadDataset } from "../data.ts";
import type { TrackProgress } from "../journey/lesson_progress.ts";
import { resolveLesson, type Track, TRACKS } from "../manifest.ts";
import { hasSolutions } from "../maps.ts";
import { NotImplementedError } from "../todo.ts";
import { parseCommandLine } from "../train/args.ts";
import { denoTerminal, LiveView, type Terminal } from "../train/live_view.ts";
import { checkSavePath, writeModelFile } from "../train/model_file.ts";
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
    const args = parseCommandLine("train", argv);
    step = args.step;
    const save = args.values.get("save");
    const replacing = save === undefined
      ? undefined
      : checkSavePath(resolveFromCaller(save));

    // The names are read a moment later, once runProgram (below) has started
    // the program's Worker: the Worker loads the lessons meanwhile.
    const dataset = Promise.resolve(args.values.get("data")).then(loadDataset);
    const given = args.options;
    const request = dataset.then(({ names }) => ({ step, given, names }));
    const live = !args.plain && Deno.stdout.isTerminal() &&
      Deno.stderr.isTerminal();
    const output = live
      ? new LiveView(
        terminal,
        // Running the lessons, the summary compares with the solutions' speed.
        args.solutions ? undefined : referenceSpeed(request),
      )
      // Plain mode: the reference program's lines, nothing else.
      : { ...SILENT, line: (text: string) => terminal.out(`${text}\n`) };
    let run;
    try {
      // The notes wait until the lessons load and accept the options.
      run = await runProgram(request, output, async () => {
        const { note, names } = await dataset;
        for (const line of [note, alphabetNote(names)]) {
          if (line !== undefined) terminal.err(`${line}\n`);
        }
      });
    } finally {
      if (output instanceof LiveView) output.close();
    }

    if (save !== undefined) {
      const { seed, steps, lr } = run.options;
      const { source: data, names } = await dataset;
      const training = { seed, steps, lr, data, numDocs: names.length };
      writeModelFile(
        resolveFromCaller(save),
        { step, ...run.model, training },
        replacing,
      );
      const solutions = args.solutions ? " --solutions" : "";
      // The name as typed, but nothing in it may reach the terminal raw.
      terminal.err(
        `Saved the model to ${
          visible(save)
        } (try: deno task sample${solutions} --model ${
          visible(shellWord(save))
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
 * gets a message saying which track it belongs to (an earlier step's, as
 * Step 2 uses Step 1's lessons), how many of its lessons pass their tests
 * and which is next, and how to run the finished code; the first line at
 * once, as measuring the progress runs the tests. Anything else takes the
 * one exit path of every command.
 */
export async function explainStop(
  error: unknown,
  step: number,
  terminal: Terminal,
  task: "train" | "sample",
): Promise<number> {
  if (!(error instanceof NotImplementedError)) {
    return exitCodeOf(error, (text) => terminal.err(text));
  }
  const stopped = task === "train" ? "trainer" : "sampler";
  terminal.err(`The ${stopped} stopped: ${error.message}\n`);
  const track = error.lesson === undefined
    ? TRACKS.find((track) => track.step === step)
    : resolveLesson(error.lesson).track;
  const title = track === undefined
    ? `Step ${step}`
    : track.step === step
    ? `Step ${step} (${track.title})`
    : `Step ${step} builds on Step ${track.step} (${track.title})`;
  const progress = track && await trackProgress(track);
  const next = progress?.lessons.find((l) => l.state !== "done")?.entry;
  const status = progress === undefined
    ? "run deno task progress to see which lessons pass their tests and which one is next"
    : `${progress.done} of ${progress.lessons.length} lessons pass their tests${
      next === undefined
        ? "."
        : `; next: ${next.lesson.id} "${next.lesson.title}" (${next.lessonFile})`
    }`;
  const finished = !hasSolutions()
    ? "" // A copy without solutions/: nothing finished to show.
    : task === "train"
    ? `To watch the finished trainer now: deno task train --solutions${
      step === DEFAULT_STEP ? "" : ` --step ${step}`
    }\n`
    : "To sample with the finished code now: deno task sample --solutions\n";
  terminal.err(`${title}: ${status}\n${finished}`);
  return EXIT_FAILURE;
}

/** A track's progress, or undefined without permission to run deno. */
async function trackProgress(track: Track): Promise<TrackProgress | undefined> {
  const run = { name: "run", command: Deno.execPath() } as const;
  // Asked first: without it, Deno would prompt in a terminal.
  if ((await Deno.permissions.query(run)).state !== "granted") return;
  // Loaded only when needed: it brings the test runner.
  const { checkProgress } = await import("../journey/lesson_progress.ts");
  const progress = await checkProgress([`tests/${track.dir}/`], { track });
  return progress.tracks.find((t) => t.track === track);
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
