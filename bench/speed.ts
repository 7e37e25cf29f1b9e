/**
 * Wall-clock race: `deno task train --solutions --plain --step N` against
 * CPython running that step's reference (bench/reference/stepN.py) on the
 * same data, alternating runs on the same machine, and a check that both
 * print the same bytes.
 *
 *     deno run -A bench/speed.ts [--step 1] [--steps K] [--runs 7]
 *                                [--python-runs R] [--data ../shared/data/names.txt]
 *
 * Three commands are timed: the full `deno task train` (deno task + the
 * launcher + the trainer), the trainer alone (`deno run support/commands/train.ts`
 * with the solutions import map), and `python3 bench/reference/stepN.py`.
 * `--steps K` trains K steps instead of the guide's 1000 (CPython needs
 * minutes for Steps 2–5: race 100 steps); `--python-runs R` times CPython
 * R times (default: `--runs`), so a slow reference can run fewer times than
 * Deno. Prints each run, then the median and the fastest of each, the
 * ratios of the medians, and the load average before and after (the
 * machine's other work slows both sides, not always equally).
 *
 * @module
 */

import { benchArgs, usageError, wholeNumber } from "./args.ts";
import { findGuideNames } from "../support/data.ts";
import { importMapFor } from "../support/maps.ts";
import { ROOT_DIR } from "../support/root.ts";
import { trainerV8Flags } from "../support/train/heap.ts";

const USAGE =
  `Usage: deno run -A bench/speed.ts [--step N] [--steps K] [--runs R]
                                  [--python-runs R] [--data FILE]
  --step N         the guide's step to race, 0 to 5 (default 1)
  --steps K        train K steps instead of the guide's 1000
  --runs R         times each Deno command R times (default 7)
  --python-runs R  times CPython R times (default: --runs)
  --data FILE      the names to train on (default: the guide's names.txt)`;

const values = benchArgs({
  step: { type: "string", default: "1" },
  steps: { type: "string" },
  runs: { type: "string", default: "7" },
  "python-runs": { type: "string" },
  data: { type: "string" },
}, USAGE);
const runs = wholeNumber("--runs", values.runs, 1, USAGE);
const pythonRuns = values["python-runs"] === undefined
  ? runs
  : wholeNumber("--python-runs", values["python-runs"], 1, USAGE);
const step = String(wholeNumber("--step", values.step, 0, USAGE));
if (Number(step) > 5) usageError(`--step is 0 to 5, got ${step}`, USAGE);
const steps = values.steps === undefined
  ? ""
  : String(wholeNumber("--steps", values.steps, 1, USAGE));
const stepArgs = ["--step", step, ...(steps === "" ? [] : ["--steps", steps])];
const data = values.data ?? findGuideNames() ?? "";
if (data === "") usageError("names.txt not found, pass --data FILE", USAGE);

// `deno task train` runs as a learner would type it (the launcher decides
// online or offline itself, unless KATA_OFFLINE is set); the trainer alone
// gets the offline map unless KATA_OFFLINE=0.
const offline = Deno.env.get("KATA_OFFLINE") !== "0";
const map = importMapFor(offline, "solutions")!;
const PYTHON = `python3 step${step}.py`;
const COMMANDS: Record<string, string[]> = {
  "deno task train": [
    Deno.execPath(),
    "task",
    "train",
    "--solutions",
    "--data",
    data,
    "--plain",
    ...stepArgs,
  ],
  "deno run support/commands/train.ts": [
    Deno.execPath(),
    "run",
    ...trainerV8Flags(stepArgs),
    "-R",
    "-W",
    "--allow-env",
    "--import-map",
    map,
    "support/commands/train.ts",
    "--solutions",
    "--data",
    data,
    "--plain",
    ...stepArgs,
  ],
  [PYTHON]: [
    "python3",
    `bench/reference/step${step}.py`,
    "--data",
    data,
    ...(steps === "" ? [] : ["--steps", steps]),
  ],
};

async function time(command: string[]): Promise<[number, string]> {
  const started = performance.now();
  const { code, stdout, stderr } = await new Deno.Command(command[0], {
    args: command.slice(1),
    cwd: ROOT_DIR,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const elapsed = performance.now() - started;
  if (code !== 0) {
    // The command's own words say why (a missing --data file, say).
    console.error(`error: ${command.join(" ")} failed (exit code ${code}):`);
    console.error(new TextDecoder().decode(stderr).trimEnd());
    Deno.exit(1);
  }
  return [elapsed, new TextDecoder().decode(stdout)];
}

/** The load averages over 1, 5 and 15 minutes (Linux), as text. */
function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3)
      .join(" ");
  } catch {
    return "unknown";
  }
}

const loadBefore = loadAverage();
console.log(
  `Step ${step}, ${
    steps === "" ? "the defaults" : `${steps} steps`
  }: ${runs} runs of deno, ${pythonRuns} of python, alternating (load average ${loadBefore})`,
);
const times: Record<string, number[]> = {};
const outputs = new Set<string>();
for (let i = 0; i < Math.max(runs, pythonRuns); i++) {
  for (const [name, command] of Object.entries(COMMANDS)) {
    if (i >= (name === PYTHON ? pythonRuns : runs)) continue;
    const [ms, stdout] = await time(command);
    (times[name] ??= []).push(ms);
    outputs.add(stdout);
    console.log(
      `run ${i + 1}: ${name.padEnd(26)} ${ms.toFixed(0).padStart(6)} ms`,
    );
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(
  `\nsame output from every run: ${outputs.size === 1 ? "yes" : "NO"}`,
);
console.log(
  `${"command".padEnd(26)} ${"median".padStart(8)} ${"fastest".padStart(8)}`,
);
for (const [name, xs] of Object.entries(times)) {
  console.log(
    `${name.padEnd(26)} ${median(xs).toFixed(0).padStart(5)} ms ${
      Math.min(...xs).toFixed(0).padStart(5)
    } ms`,
  );
}
const python = median(times[PYTHON]);
for (const name of ["deno task train", "deno run support/commands/train.ts"]) {
  console.log(
    `python / ${name}: ${(python / median(times[name])).toFixed(1)}x (medians)`,
  );
}
console.log(`load average before ${loadBefore}, after ${loadAverage()}`);
if (outputs.size !== 1) Deno.exit(1);
