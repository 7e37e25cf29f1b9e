/**
 * The launcher behind every `deno task`: it decides once whether the real
 * @std can be loaded (JSR reachable or cached) or the offline stand-ins must
 * be used, then runs `support/commands/NAME.ts` with the matching import map
 * and the command's permissions.
 *
 *     deno task test | verify | train | sample | viz | progress | hint | watch | compare | reset
 *
 * It imports no bare specifier itself, so it runs on any machine. Set
 * KATA_OFFLINE=1 to force the offline stand-ins, KATA_OFFLINE=0 to insist on
 * the real @std (it stops with one sentence when JSR cannot be reached within
 * a few seconds); any other value is refused. The child sees the decision in
 * KATA_OFFLINE.
 *
 * @module
 */

import { KATA_DIR, readKataFile, writeKataFile } from "./journey/kata_files.ts";
import {
  hasSolutions,
  importMapFor,
  noSolutions,
  readImports,
} from "./maps.ts";
import { ROOT_DIR } from "./root.ts";
import { trainerV8Flags } from "./train/heap.ts";

/** Permission to run deno itself (for the tests, a worker process, …). */
const RUN_DENO = `--allow-run=${Deno.execPath()}`;
/**
 * The trainer's and the sampler's: on unfinished lessons they run the tests
 * to say which lesson is next.
 */
const TRAINER = ["-R", "-W", "--allow-env", RUN_DENO];

/**
 * Every command, with its permissions; `solutions` marks those that run
 * against solutions/ when `--solutions` is among the arguments. Adding a
 * command is one line here, its task in deno.json and its module.
 */
const COMMANDS: Record<string, { permissions: string[]; solutions?: true }> = {
  test: { permissions: ["--allow-env", RUN_DENO, "--allow-read=support/help"] },
  verify: { permissions: ["-A"] },
  train: { permissions: TRAINER, solutions: true },
  sample: { permissions: TRAINER, solutions: true },
  // Listens on 127.0.0.1 only; the lessons run in its child processes.
  viz: {
    permissions: [
      "--unstable-no-legacy-abort",
      "-R",
      "--allow-env",
      "--allow-net=127.0.0.1",
      RUN_DENO,
    ],
    solutions: true,
  },
  progress: { permissions: ["-A"] },
  hint: { permissions: ["-A"] },
  watch: { permissions: ["-A"] },
  compare: { permissions: ["-A"] },
  reset: { permissions: ["-A"] },
};

async function main([name = "", ...rest]: string[]): Promise<number> {
  let offline: boolean;
  try {
    offline = await decideOffline();
  } catch (error) {
    if (!(error instanceof LaunchError)) throw error;
    console.error(`error: ${error.message}`);
    return 2;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    const names = Object.keys(COMMANDS).join(", ");
    console.error(`Unknown command "${name}": expected one of ${names}`);
    return 2;
  }
  const solutions = command.solutions && rest.includes("--solutions");
  if (solutions && !hasSolutions()) {
    console.error(`error: ${noSolutions(`--solutions cannot be used`)}`);
    return 1;
  }
  const map = importMapFor(offline, solutions ? "solutions" : "lessons");
  return await run([
    "run",
    ...command.permissions,
    // The autograd steps train faster with a larger young generation.
    ...(name === "train" ? trainerV8Flags(rest) : []),
    ...(map ? ["--import-map", map] : []),
    `support/commands/${name}.ts`,
    ...rest,
  ], { KATA_OFFLINE: offline ? "1" : "0" });
}

/**
 * Runs `deno <args>` in the project root, sharing this terminal. Ctrl-C
 * reaches the child too (it decides how to stop); a SIGTERM or SIGHUP sent
 * to this process alone is passed on, and so is the end of its own parent,
 * so the child never outlives it.
 */
async function run(args: string[], env: Record<string, string>) {
  const child = new Deno.Command(Deno.execPath(), { args, cwd: ROOT_DIR, env })
    .spawn();
  const listeners = new Map<Deno.Signal, () => void>([["SIGINT", () => {}]]);
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    listeners.set(signal, () => {
      try {
        child.kill(signal);
      } catch {
        // It has just ended.
      }
    });
  }
  listeners.forEach((listener, signal) =>
    Deno.addSignalListener(signal, listener)
  );
  // A parent killed outright (deno task, by kill -9) sends no signal: as on SIGTERM.
  const parent = Deno.ppid;
  const orphan = setInterval(() => {
    if (Deno.ppid !== parent) listeners.get("SIGTERM")!();
  }, 1000);
  const { code } = await child.status;
  clearInterval(orphan);
  listeners.forEach((listener, signal) =>
    Deno.removeSignalListener(signal, listener)
  );
  return code;
}

/** Where the launcher remembers that JSR could not be reached (for an hour). */
const OFFLINE_MARK = `${KATA_DIR}/jsr-unreachable`;
/** Where it remembers what it last told about JSR (told again after a day). */
const NOTICE_MARK = `${KATA_DIR}/jsr-notice`;
const HOUR = 60 * 60 * 1000;
/** How long loading @std from JSR may take before it counts as unreachable. */
const PROBE_MS = Number(Deno.env.get("KATA_PROBE_MS") ?? "") || 8000;
const STAND_INS = "the offline @std stand-ins in support/std/";

/** A wrong KATA_OFFLINE, or JSR insisted on but out of reach. */
class LaunchError extends Error {}

/**
 * Offline when KATA_OFFLINE says so, or when deno cannot load deno.json's
 * @std imports: not from its cache, and not from JSR within a few seconds.
 * An offline verdict is remembered for an hour in .kata/ (delete
 * .kata/jsr-unreachable, or set KATA_OFFLINE=0, to look again).
 *
 * @throws {LaunchError} When KATA_OFFLINE is neither unset, 0 nor 1, or is 0
 * while JSR cannot be reached.
 */
async function decideOffline(): Promise<boolean> {
  const forced = Deno.env.get("KATA_OFFLINE") ?? "";
  if (forced === "1") return true;
  if (forced !== "" && forced !== "0") {
    throw new LaunchError(
      `KATA_OFFLINE must be 1 (use the offline stand-ins), 0 (insist on JSR) or unset (decide by trying): received ${
        JSON.stringify(forced)
      }`,
    );
  }
  if (forced === "" && age(OFFLINE_MARK) < HOUR) {
    tell(
      "offline",
      `JSR was not reachable within the last hour: using ${STAND_INS} (set KATA_OFFLINE=0 to insist).`,
    );
    return true;
  }
  if (await loads(["--cached-only"], 5000) || await loads([], PROBE_MS)) {
    tell("online", "JSR is reachable again: using the real @std.");
    return false;
  }
  if (forced === "0") {
    throw new LaunchError(
      `KATA_OFFLINE=0 insists on JSR, but @std could not be loaded from deno's cache or from jsr.io within ${
        PROBE_MS / 1000
      } s (no network, a proxy that does not answer, or JSR is down): unset KATA_OFFLINE to use ${STAND_INS} when JSR is out of reach, or set KATA_OFFLINE=1`,
    );
  }
  writeMark(OFFLINE_MARK, new Date().toISOString());
  tell(
    "offline",
    `JSR is not reachable: using ${STAND_INS} (set KATA_OFFLINE=0 to insist).`,
  );
  return true;
}

/** Whether `deno eval <flags>` loads deno.json's @std imports within `ms`. */
async function loads(flags: string[], ms: number): Promise<boolean> {
  const std = Object.keys(readImports(new URL(`file://${ROOT_DIR}`)))
    .filter((key) => key.startsWith("@std/"));
  try {
    const { success } = await new Deno.Command(Deno.execPath(), {
      args: ["eval", ...flags, std.map((key) => `import "${key}";`).join(" ")],
      cwd: ROOT_DIR,
      stdin: "null",
      stdout: "null",
      stderr: "null",
      signal: AbortSignal.timeout(ms),
    }).output();
    return success;
  } catch {
    return false; // timed out
  }
}

/**
 * Prints `message` unless the same verdict was told less than a day ago;
 * "online" is told only when it changes an "offline" told before.
 */
function tell(verdict: "online" | "offline", message: string): void {
  let last = "";
  try {
    last = readKataFile(NOTICE_MARK)?.trim() ?? "";
  } catch {
    // Never told (or not a file the kata wrote).
  }
  const fresh = age(NOTICE_MARK) < 24 * HOUR;
  if (verdict === "online" ? last !== "offline" : last === verdict && fresh) {
    return;
  }
  console.error(message);
  writeMark(NOTICE_MARK, verdict);
}

/** How long ago a mark in .kata/ was written, in ms (Infinity: never). */
function age(mark: string): number {
  try {
    return Date.now() - (Deno.statSync(ROOT_DIR + mark).mtime?.getTime() ?? 0);
  } catch {
    return Infinity;
  }
}

/**
 * Writes a line to a mark in .kata/; nothing when it cannot (a read-only
 * checkout, a link there): then the probe and the notice simply come again.
 */
function writeMark(mark: string, line: string): void {
  try {
    writeKataFile(mark, `${line}\n`);
  } catch {
    // See above.
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
