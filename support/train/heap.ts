/**
 * V8 flags for the trainer: a larger young generation for the autograd steps.
 *
 * An autograd step (Steps 2–5) builds a graph of thousands of `Value` nodes
 * that lives until its backward pass is done, then becomes garbage. V8
 * starts with a young generation of a few megabytes, too small to hold one
 * step's graph: every collection then copies the live graph and promotes it
 * to the old generation, which is slow to collect. Starting at 32 MB
 * (growing to 64 MB) lets a step's graph die young. Measured on the
 * solutions (user CPU, medians): Step 5's first 100 steps 0.36 s → 0.20 s,
 * its 1000 steps 1.3 s → 1.05 s, Step 2's 1000 steps 5.2 s → 4.2 s. Steps 0
 * and 1 allocate little, and setting up the larger generation costs them
 * about 20 ms of their 0.1–0.2 s: they run without.
 *
 * The launcher adds them to `deno run` for `train`; `bench/speed.ts` adds
 * them to the trainer it times alone.
 *
 * @module
 */

/** The `deno run` flag that sets them (sizes in MB). */
export const TRAINER_V8_FLAGS =
  "--v8-flags=--min-semi-space-size=32,--max-semi-space-size=64";

/**
 * The V8 flags for a `deno task train` command line: {@linkcode TRAINER_V8_FLAGS}
 * unless it runs Step 0 or Step 1 (the default step).
 *
 * @param args The trainer's arguments.
 * @returns The flags to put before the script.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TRAINER_V8_FLAGS, trainerV8Flags } from "./heap.ts";
 *
 * assertEquals(trainerV8Flags(["--solutions"]), []);
 * assertEquals(trainerV8Flags(["--step", "5"]), [TRAINER_V8_FLAGS]);
 * assertEquals(trainerV8Flags(["--step=2", "--plain"]), [TRAINER_V8_FLAGS]);
 * assertEquals(trainerV8Flags(["--step", "0"]), []);
 * ```
 */
export function trainerV8Flags(args: readonly string[]): string[] {
  let step = "1";
  args.forEach((arg, i) => {
    if (arg === "--step") step = args[i + 1] ?? step;
    if (arg.startsWith("--step=")) step = arg.slice("--step=".length);
  });
  return step === "0" || step === "1" ? [] : [TRAINER_V8_FLAGS];
}
