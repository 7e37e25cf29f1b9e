/**
 * `deno task test [files] [flags]`: plain `deno test`, on the lessons, with
 * the import map the launcher chose (the offline @std stand-ins when JSR
 * cannot be reached) and the learner's arguments passed through.
 *
 * What deno prints is shown as deno prints it: stdin and stderr are the
 * terminal's own, and stdout passes through this process byte for byte
 * (deno keeps its colours on a pipe), so that it can tell when no test has
 * ended for a while (journey/test_report.ts). It then says on stderr which
 * lesson's test is running, once per stall, and lets it run: the learner
 * decides (Ctrl-C stops).
 *
 * @module
 */

import { runMain } from "../cli/errors.ts";
import { helpOf, secondsFromEnv } from "../cli/args.ts";
import { followTests, TEST_TIME_LIMIT } from "../journey/test_report.ts";
import { importMapFor, isOffline } from "../maps.ts";
import { ROOT_DIR } from "../root.ts";

async function main(): Promise<number> {
  // deno test's own help is 150 lines about everything but the kata.
  if (Deno.args.some((arg) => arg === "--help" || arg === "-h")) {
    console.log(helpOf("test").trimEnd());
    return 0;
  }
  const seconds = secondsFromEnv("KATA_TEST_TIME_LIMIT", TEST_TIME_LIMIT);
  const map = importMapFor(isOffline(), "lessons");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", ...(map ? ["--import-map", map] : []), ...Deno.args],
    cwd: ROOT_DIR,
    // No Rust backtrace under deno's "Test failed", whatever the shell has.
    env: { RUST_BACKTRACE: "0" },
    stdout: "piped",
  }).spawn();
  // Ctrl-C reaches the tests too: deno says what it says as they stop. A
  // signal sent to this process alone is passed on: they must not outlive it.
  Deno.addSignalListener("SIGINT", () => {});
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    Deno.addSignalListener(signal, () => child.kill(signal));
  }
  const echo = (bytes: Uint8Array) => {
    for (let n = 0; n < bytes.length;) {
      n += Deno.stdout.writeSync(bytes.subarray(n));
    }
  };
  let stuck = false;
  await followTests(child.stdout, seconds, (watch) => {
    const sentence = watch.stuck(seconds);
    console.error(
      `${
        watch.partial ? "\n" : ""
      }${sentence} The run is stopped (KATA_TEST_TIME_LIMIT=120 allows 120 s).`,
    );
    stuck = true;
    // SIGKILL: a test stuck in a loop never handles a gentler signal.
    child.kill("SIGKILL");
  }, echo);
  const { code } = await child.status;
  return stuck ? 1 : code;
}

if (import.meta.main) await runMain(main);
