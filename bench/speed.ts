/**
 * Wall-clock race: `deno task train --solutions --plain` against CPython
 * running the Step 1 reference (bench/reference/step1.py) on the same data,
 * alternating runs on the same machine, and a check that both print the
 * same bytes.
 *
 *     deno run -A bench/speed.ts [--runs 7] [--data ../shared/data/names.txt]
 *
 * Three commands are timed: the full `deno task train` (deno task + the
 * launcher + the trainer), the trainer alone (`deno run support/commands/train.ts`
 * with the solutions import map), and `python3 bench/reference/step1.py`.
 * Prints each run, then the median and the fastest of each, and the ratios.
 *
 * @module
 */

import { findGuideNames } from "../support/data.ts";
import { importMapFor } from "../support/maps.ts";
import { ROOT_DIR } from "../support/root.ts";

const argv = [...Deno.args];
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : argv[i + 1];
};
const runs = Number(flag("--runs", "7"));
const data = flag("--data", findGuideNames() ?? "");
if (data === "") {
  console.error("error: names.txt not found, pass --data FILE");
  Deno.exit(1);
}

// `deno task train` runs as a learner would type it (the launcher decides
// online or offline itself, unless KATA_OFFLINE is set); the trainer alone
// gets the offline map unless KATA_OFFLINE=0.
const offline = Deno.env.get("KATA_OFFLINE") !== "0";
const map = importMapFor(offline, "solutions")!;
const COMMANDS: Record<string, string[]> = {
  "deno task train": [
    Deno.execPath(),
    "task",
    "train",
    "--solutions",
    "--data",
    data,
    "--plain",
  ],
  "deno run support/commands/train.ts": [
    Deno.execPath(),
    "run",
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
  ],
  "python3 step1.py": ["python3", "bench/reference/step1.py", "--data", data],
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
    throw new Error(
      `${command.join(" ")} failed: ${new TextDecoder().decode(stderr)}`,
    );
  }
  return [elapsed, new TextDecoder().decode(stdout)];
}

const times: Record<string, number[]> = {};
const outputs = new Set<string>();
for (let i = 0; i < runs; i++) {
  for (const [name, command] of Object.entries(COMMANDS)) {
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
const python = median(times["python3 step1.py"]);
for (const name of ["deno task train", "deno run support/commands/train.ts"]) {
  console.log(
    `python / ${name}: ${(python / median(times[name])).toFixed(1)}x (medians)`,
  );
}
if (outputs.size !== 1) Deno.exit(1);
