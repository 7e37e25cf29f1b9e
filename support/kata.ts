/**
 * The launcher behind every `deno task`: it decides once whether the real
 * @std can be loaded (JSR reachable or cached) or the offline stand-ins must
 * be used, then runs the command with the matching import map.
 *
 *     deno task verify | test | train | sample | progress | hint | watch | compare | reset
 *
 * It imports no bare specifier itself, so it runs on any machine. Set
 * KATA_OFFLINE=1 to force the offline stand-ins, KATA_OFFLINE=0 to force the
 * real @std. The child sees the decision in KATA_OFFLINE.
 *
 * @module
 */

import { importMapFor, ROOT_DIR } from "./mode.ts";

/** A command: the script it runs and the permissions it gets. */
interface Command {
  script: string;
  permissions: string[];
  /** Run against solutions/ when `--solutions` is among the arguments. */
  honoursSolutionsFlag?: boolean;
}

const COMMANDS: Record<string, Command> = {
  verify: { script: "support/verify.ts", permissions: ["-A"] },
  train: {
    script: "support/train.ts",
    permissions: ["-R", "-W", "--allow-env"],
    honoursSolutionsFlag: true,
  },
  sample: {
    script: "support/sample.ts",
    permissions: ["-R", "-W", "--allow-env"],
    honoursSolutionsFlag: true,
  },
  progress: { script: "support/journey/progress.ts", permissions: ["-A"] },
  hint: { script: "support/journey/hint.ts", permissions: ["-A"] },
  watch: { script: "support/journey/watch.ts", permissions: ["-A"] },
  compare: { script: "support/journey/compare.ts", permissions: ["-A"] },
  reset: { script: "support/journey/reset.ts", permissions: ["-A"] },
};

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  const offline = await decideOffline();
  const env = { KATA_OFFLINE: offline ? "1" : "0" };

  // `deno task test [files] [flags]`: plain deno test, with the right map.
  if (name === "test") {
    const map = importMapFor(offline, "lessons");
    return await run(
      ["test", ...(map ? ["--import-map", map] : []), ...rest],
      env,
    );
  }

  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    console.error(
      `Unknown command "${name ?? ""}": expected one of test, ${
        Object.keys(COMMANDS).join(", ")
      }`,
    );
    return 2;
  }
  const solutions = command.honoursSolutionsFlag === true &&
    rest.includes("--solutions");
  const map = importMapFor(offline, solutions ? "solutions" : "lessons");
  return await run([
    "run",
    ...command.permissions,
    ...(map ? ["--import-map", map] : []),
    command.script,
    ...rest,
  ], env);
}

/** Runs `deno <args>` in the project root, sharing this terminal. */
async function run(
  args: string[],
  env: Record<string, string>,
): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT_DIR,
    env,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // Ctrl-C reaches the child too; let it decide how to stop.
  Deno.addSignalListener("SIGINT", () => {});
  return (await child.status).code;
}

/**
 * Offline when KATA_OFFLINE says so, or when deno cannot resolve the @std
 * packages of deno.json (JSR unreachable and not cached).
 */
async function decideOffline(): Promise<boolean> {
  const forced = Deno.env.get("KATA_OFFLINE");
  if (forced === "1") return true;
  if (forced === "0") return false;
  const config = JSON.parse(Deno.readTextFileSync(`${ROOT_DIR}deno.json`));
  const std = Object.values(config.imports as Record<string, string>)
    .filter((target) => target.startsWith("jsr:@std/"));
  const packages = [...new Set(std.map((t) => t.replace(/\/[a-z-]+$/, "")))];
  const probes = await Promise.all(
    packages.map((spec) =>
      new Deno.Command(Deno.execPath(), {
        args: ["info", spec],
        cwd: ROOT_DIR,
        stdout: "null",
        stderr: "null",
      }).output()
    ),
  );
  if (probes.every((probe) => probe.success)) return false;
  console.error(
    "JSR is not reachable: using the offline @std stand-ins in support/std/ (set KATA_OFFLINE=0 to insist).",
  );
  return true;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
