/**
 * The launcher behind every `deno task`: it decides once whether the real
 * @std can be loaded (JSR reachable or cached) or the offline stand-ins must
 * be used, then runs the command with the matching import map.
 *
 *     deno task verify | test | train | sample | viz | progress | hint | watch | compare | reset
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
import { hasSolutions, noSolutions } from "./maps.ts";
import { importMapFor, readImports } from "./maps.ts";
import { ROOT_DIR } from "./root.ts";
import { trainerV8Flags } from "./train/heap.ts";

/** How a command runs: its permissions, and whether `--solutions` swaps the map. */
interface Command {
  permissions: string[];
  /** Run against solutions/ when `--solutions` is among the arguments. */
  honoursSolutionsFlag?: boolean;
}

/** Commands that read and write the project, run tests and git. */
const TOOL: Command = { permissions: ["-A"] };
/**
 * The trainer and the sampler: run permission for deno only, as on
 * unfinished lessons they run the tests to say which lesson is next.
 */
const TRAINER: Command = {
  permissions: ["-R", "-W", "--allow-env", `--allow-run=${Deno.execPath()}`],
  honoursSolutionsFlag: true,
};

/**
 * The web companion: it listens on 127.0.0.1 only, reads the page and the
 * names, watches the lessons, and runs them in deno child processes. (Its
 * requests' signals abort only when a client leaves, not after every answer.)
 */
const SERVER: Command = {
  permissions: [
    "--unstable-no-legacy-abort",
    "-R",
    "--allow-env",
    "--allow-net=127.0.0.1",
    `--allow-run=${Deno.execPath()}`,
  ],
  honoursSolutionsFlag: true,
};

/** `deno test` on the lessons: it runs deno, and reads the environment. */
const TESTER: Command = {
  permissions: ["--allow-env", `--allow-run=${Deno.execPath()}`],
};

/**
 * Every command, each run from its one entry module,
 * `support/commands/NAME.ts`: adding a command is one line here (and its
 * task in deno.json).
 */
const COMMANDS: Record<string, Command> = {
  test: TESTER,
  verify: TOOL,
  train: TRAINER,
  sample: TRAINER,
  viz: SERVER,
  progress: TOOL,
  hint: TOOL,
  watch: TOOL,
  compare: TOOL,
  reset: TOOL,
};

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  let offline: boolean;
  try {
    offline = await decideOffline();
  } catch (error) {
    if (!(error instanceof LaunchError)) throw error;
    console.error(`error: ${error.message}`);
    return 2;
  }
  const env = { KATA_OFFLINE: offline ? "1" : "0" };
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    console.error(
      `Unknown command "${name ?? ""}": expected one of ${
        Object.keys(COMMANDS).join(", ")
      }`,
    );
    return 2;
  }
  const solutions = command.honoursSolutionsFlag === true &&
    rest.includes("--solutions");
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
  ], env);
}

/**
 * Runs `deno <args>` in the project root, sharing this terminal (spawn()
 * inherits stdin, stdout and stderr).
 */
async function run(
  args: string[],
  env: Record<string, string>,
): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), { args, cwd: ROOT_DIR, env })
    .spawn();
  // Ctrl-C reaches the child too; let it decide how to stop. A signal
  // sent to this process alone is passed on: the child must not outlive it.
  const ignore = () => {};
  const passOn = (signal: Deno.Signal) => () => {
    try {
      child.kill(signal);
    } catch {
      // It has just ended.
    }
  };
  const listeners = [
    ["SIGINT", ignore],
    ["SIGTERM", passOn("SIGTERM")],
    ["SIGHUP", passOn("SIGHUP")],
  ] as const;
  for (const [signal, listener] of listeners) {
    Deno.addSignalListener(signal, listener);
  }
  const { code } = await child.status;
  for (const [signal, listener] of listeners) {
    Deno.removeSignalListener(signal, listener);
  }
  return code;
}

/** Where the launcher remembers that JSR could not be reached. */
const OFFLINE_MARK = `${KATA_DIR}/jsr-unreachable`;
/** How long that memory lasts: probing costs time, a DNS failure up to 5 s. */
const OFFLINE_MARK_MS = 60 * 60 * 1000;
/** Where the launcher remembers what it last told the user about JSR, and when. */
const NOTICE_MARK = `${KATA_DIR}/jsr-notice`;
/** The same notice is repeated at most once a day. */
const NOTICE_MS = 24 * 60 * 60 * 1000;
/** How long loading @std from JSR may take before it counts as unreachable. */
const PROBE_MS = Number(Deno.env.get("KATA_PROBE_MS") ?? "") || 8000;

/** The offline stand-ins' one-line explanation, for every message. */
const STAND_INS = "the offline @std stand-ins in support/std/";

/** A wrong KATA_OFFLINE, or JSR insisted on but out of reach. */
class LaunchError extends Error {}

/**
 * Offline when KATA_OFFLINE says so, or when deno cannot load deno.json's
 * @std imports: not from its cache, and not from JSR within a few seconds.
 * An offline verdict is remembered for an hour in .kata/ (delete
 * .kata/jsr-unreachable, or set KATA_OFFLINE=0, to look again); it is told
 * once a day, or when it changes.
 *
 * @throws {LaunchError} When KATA_OFFLINE is neither unset, 0 nor 1, or is 0
 * while JSR cannot be reached.
 */
async function decideOffline(): Promise<boolean> {
  const forced = Deno.env.get("KATA_OFFLINE");
  if (forced === "1") return true;
  if (forced !== undefined && forced !== "" && forced !== "0") {
    throw new LaunchError(
      `KATA_OFFLINE must be 1 (use the offline stand-ins), 0 (insist on JSR) or unset (decide by trying): received ${
        JSON.stringify(forced)
      }`,
    );
  }
  if (forced === "0") {
    if (await loadsStd()) return false;
    throw new LaunchError(
      `KATA_OFFLINE=0 insists on JSR, but @std could not be loaded from deno's cache or from jsr.io within ${
        PROBE_MS / 1000
      } s (no network, a proxy that does not answer, or JSR is down): unset KATA_OFFLINE to use ${STAND_INS} when JSR is out of reach, or set KATA_OFFLINE=1`,
    );
  }
  if (age(OFFLINE_MARK) < OFFLINE_MARK_MS) {
    tell(
      "offline",
      `JSR was not reachable within the last hour: using ${STAND_INS} (set KATA_OFFLINE=0 to insist).`,
    );
    return true;
  }
  if (await loadsStd()) {
    tell("online", "JSR is reachable again: using the real @std.");
    return false;
  }
  writeMark(OFFLINE_MARK, new Date().toISOString());
  tell(
    "offline",
    `JSR is not reachable: using ${STAND_INS} (set KATA_OFFLINE=0 to insist).`,
  );
  return true;
}

/** Whether deno can load deno.json's @std imports: from its cache, or from JSR. */
async function loadsStd(): Promise<boolean> {
  return await loads(["--cached-only"], 5000) || await loads([], PROBE_MS);
}

/** Whether `deno eval <flags>` loads deno.json's @std imports within `timeoutMs`. */
async function loads(flags: string[], timeoutMs: number): Promise<boolean> {
  const imports = readImports(new URL(`file://${ROOT_DIR}`));
  const std = Object.keys(imports).filter((key) => key.startsWith("@std/"));
  const probe = std.map((key) => `import "${key}";`).join(" ");
  try {
    const { success } = await new Deno.Command(Deno.execPath(), {
      args: ["eval", ...flags, probe],
      cwd: ROOT_DIR,
      stdin: "null",
      stdout: "null",
      stderr: "null",
      signal: AbortSignal.timeout(timeoutMs),
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
    // A regular file only: a pipe planted there would hang every task.
    last = readKataFile(NOTICE_MARK)?.trim() ?? "";
  } catch {
    // Never told (or not a file the kata wrote).
  }
  const fresh = age(NOTICE_MARK) < NOTICE_MS;
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
 * Writes a line to a mark in .kata/, replacing a link there
 * rather than writing through it; nothing when .kata is a link or the
 * checkout is read-only (then the probe and the notice simply come again).
 */
function writeMark(mark: string, line: string): void {
  try {
    writeKataFile(mark, `${line}\n`);
  } catch {
    // Read-only checkout, or .kata is not a real folder.
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
