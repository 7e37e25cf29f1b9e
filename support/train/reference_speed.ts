/**
 * How fast the reference solutions train on this machine, measured in the
 * learner's own run, so the summary after training can compare:
 *
 *     your lessons: 24 steps/s; the reference solutions run about 800 steps/s on this machine
 *
 * The measurement asks the step programs, like everything else: this module,
 * run as a child process under the solutions' import map, runs the step's
 * program on the run's names and options, and times its
 * training steps for a short budget, after a warm-up that is not counted. A copy of the kata without `solutions/` has nothing to
 * compare with.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { hasSolutions, importMapFor, isOffline } from "../maps.ts";
import { ROOT_DIR } from "../root.ts";
import { trainerV8Flags } from "./heap.ts";
import type { ProgramRequest } from "./run_program.ts";
import { optionsFor, type ProgramOutput, SILENT } from "./step_program.ts";

/** What the child measures: the learner's run, for `budgetMs`. */
type Measurement = ProgramRequest & { budgetMs: number };

/** Measures the solutions' training speed, in steps per second. */
export type ReferenceSpeed = (budgetMs: number) => Promise<number | undefined>;

/**
 * The measurement for a run of step `step`, or undefined when this copy of
 * the kata has no solutions/. It resolves to undefined when the child
 * fails.
 */
export function referenceSpeed(
  request: Promise<ProgramRequest>,
): ReferenceSpeed | undefined {
  if (!hasSolutions()) return undefined;
  return async (budgetMs) => {
    const run = await request;
    const map = importMapFor(isOffline(), "solutions");
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-R",
        "--allow-env",
        ...trainerV8Flags(["--step", String(run.step)]),
        ...(map ? ["--import-map", map] : []),
        fileURLToPath(import.meta.url),
      ],
      cwd: ROOT_DIR,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
      signal: AbortSignal.timeout(budgetMs + 20_000),
    }).spawn();
    try {
      await ReadableStream.from([JSON.stringify({ ...run, budgetMs })])
        .pipeThrough(new TextEncoderStream()).pipeTo(child.stdin);
      const { success, stdout } = await child.output();
      const rate = Number(new TextDecoder().decode(stdout));
      return success && rate > 0 ? rate : undefined;
    } catch {
      return undefined;
    }
  };
}

/** Thrown through the program to stop it when the budget is spent. */
const DONE = Symbol("done");

/** The child: runs the program and prints its steps per second. */
async function measure(request: Measurement): Promise<number> {
  const { findProgram } = await import("./steps.ts");
  const program = findProgram(request.step);
  // A fresh process compiles the code as it goes: warm it up first.
  const warmUp = 150;
  let first = NaN;
  let from = NaN;
  let counted = 0;
  const output: ProgramOutput = {
    ...SILENT,
    step() {
      const now = performance.now();
      if (Number.isNaN(first)) first = now;
      if (now - first < warmUp) return;
      if (Number.isNaN(from)) from = now;
      else counted++;
      if (now - from >= request.budgetMs) throw DONE;
    },
  };
  try {
    await program.run(
      request.names,
      optionsFor(program, { ...request.given, samples: 0 }),
      output,
    );
  } catch (error) {
    if (error !== DONE) throw error;
  }
  return counted / ((performance.now() - from) / 1000);
}

if (import.meta.main) {
  const request = JSON.parse(await new Response(Deno.stdin.readable).text());
  console.log(await measure(request));
}
