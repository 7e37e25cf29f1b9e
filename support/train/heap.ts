/**
 * V8 flags for the processes that train: a larger young generation.
 *
 * An autograd step builds a graph of thousands of `Value` nodes that lives
 * until its backward pass is done, then becomes garbage. V8 starts with a
 * young generation of a few megabytes, too small to hold one step's graph:
 * every collection then copies the live graph and promotes it to the old
 * generation, which is slow to collect. Starting at 32 MB (growing to
 * 64 MB) lets a step's graph die young. Measured on the solutions (user CPU,
 * medians): Step 5's first 100 steps 0.36 s → 0.20 s, its 1000 steps
 * 1.3 s → 1.05 s, Step 2's 1000 steps 5.2 s → 4.2 s.
 *
 * The launcher passes them to `deno run` for `train` and `sample`;
 * `bench/speed.ts` passes them to the trainer it times alone.
 *
 * @module
 */

/** The `deno run` flag that sets them (sizes in MB). */
export const TRAINER_V8_FLAGS =
  "--v8-flags=--min-semi-space-size=32,--max-semi-space-size=64";
