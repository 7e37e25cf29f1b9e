/**
 * `deno task watch`: the progress view, rerun whenever a file in lessons/ is
 * saved. Enter or r reruns by hand (file watchers miss changes on some
 * systems and editors); q or Ctrl-C quits.
 *
 * Each save is one pass of the progress engine, which reruns only the test
 * files whose code changed (journey/test_cache.ts), so the lesson just saved
 * is what runs. Saving again stops a pass going on and starts over.
 *
 * The parts that decide (which file events count, one pass at a time, which
 * key does what) are small exported pieces, tested without a terminal;
 * `main` only wires them to Deno.watchFs and stdin.
 *
 * @module
 */

import { styleText } from "node:util";
import { parseFlags, secondsFromEnv } from "../cli/args.ts";
import { reasonOf, runMain, UserError } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import { checkProgress } from "../journey/lesson_progress.ts";
import { renderProgress } from "../journey/progress_view.ts";
import { TEST_TIME_LIMIT } from "../journey/test_report.ts";
import { ROOT_DIR } from "../root.ts";

/** Whether a file event is a lesson being saved (not an editor's temp file). */
export function isLessonChange(event: Deno.FsEvent): boolean {
  if (!["create", "modify", "remove", "rename"].includes(event.kind)) {
    return false;
  }
  return event.paths.some((path) => {
    const name = path.split(/[\\/]/).at(-1) ?? "";
    if (name.startsWith(".")) return false;
    // A lesson folder (step1) removed, renamed or put back changes lessons too.
    const folder = /^(step\d+|lessons)$/.test(name) && event.kind !== "modify";
    return name.endsWith(".ts") || folder;
  });
}

/** What a piece of input asks for: Enter/r rerun, q/Ctrl-C/Ctrl-D quit. */
export function keyAction(input: string): "rerun" | "quit" | undefined {
  // One action per read: "r\n" from a pipe, or a key held down, is one rerun.
  // deno-lint-ignore no-control-regex -- Ctrl-C and Ctrl-D are keys here.
  if (/[qQ\x03\x04]/.test(input)) return "quit";
  if (/[\r\nrR]/.test(input)) return "rerun";
  return undefined;
}

/**
 * Runs `task` one pass at a time: each `request()` stops the pass going on
 * (through its signal: it is out of date) and makes one more after it;
 * `stop()` stops for good and resolves when no pass is left.
 */
export function onePassAtATime(task: (signal: AbortSignal) => Promise<void>) {
  let controller = new AbortController();
  let passes = Promise.resolve();
  let stopped = false;
  return {
    request(): void {
      if (stopped) return;
      controller.abort();
      const { signal } = controller = new AbortController();
      // A pass asked for and then outdated before it began is skipped.
      passes = passes.then(() => signal.aborted ? undefined : task(signal));
    },
    stop(): Promise<void> {
      stopped = true;
      controller.abort();
      return passes;
    },
  };
}

async function main(): Promise<number> {
  parseFlags(Deno.args, { command: "watch" });
  // A bad KATA_TEST_TIME_LIMIT ends watch at once.
  secondsFromEnv("KATA_TEST_TIME_LIMIT", TEST_TIME_LIMIT);
  let watcher: Deno.FsWatcher;
  try {
    watcher = Deno.watchFs(`${ROOT_DIR}lessons`, { recursive: true });
  } catch (error) {
    throw new UserError(`Cannot watch ${ROOT_DIR}lessons/: ${reasonOf(error)}`);
  }
  const [terminal, keyboard] = [Deno.stdout, Deno.stdin].map((io) =>
    io.isTerminal()
  );
  const keys = keyboard
    ? "Enter or r: rerun · q: quit"
    : "send r to rerun, q to quit";
  let doneBefore: Set<string> | undefined;
  let runs = 0;
  const passes = onePassAtATime(async (signal) => {
    // A terminal starts each run on a clean screen, as deno test --watch.
    if (terminal) console.clear();
    else if (++runs > 1) console.log(`\n──── run ${runs} ────`);
    console.log(styleText("dim", "Running the lesson tests…"));
    const progress = await checkProgress(undefined, { signal }).catch(
      (error) => {
        // Saved again meanwhile: the next pass starts.
        if (!signal.aborted) {
          console.log(`Cannot run the tests: ${visible(reasonOf(error))}`);
        }
      },
    );
    if (progress === undefined) return;
    const doneNow = progress.tracks.flatMap((t) => t.lessons)
      .filter((l) => l.state === "done").map((l) => l.entry.lesson.id);
    const done = doneNow.filter((id) => doneBefore?.has(id) === false);
    doneBefore = new Set(doneNow);
    if (terminal) console.clear();
    if (done.length > 0) {
      const ids = new Intl.ListFormat("en-GB").format(done);
      const pass = done.length === 1 ? "passes" : "pass";
      console.log(styleText("green", `✓ ${ids} ${pass} now. Well done!`));
    }
    const time = new Date().toTimeString().slice(0, 8);
    const footer = [`Watching lessons/ (last run ${time}) · ${keys}`];
    console.log(renderProgress(progress, { footer }));
  });
  let quitting = false;
  const quit = async () => {
    if (quitting) return;
    quitting = true;
    const stopping = passes.stop();
    if (keyboard) Deno.stdin.setRaw(false);
    console.log("Stopped watching.");
    // Let the pass going on (stopped above) clean up, but not for ever.
    await Promise.race([stopping, new Promise((ok) => setTimeout(ok, 5000))]);
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", quit);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", quit);
  // cbreak keeps Ctrl-C a signal; Windows has no cbreak, and there raw
  // mode hands Ctrl-C over as a key, which quits too.
  if (keyboard) {
    Deno.stdin.setRaw(true, { cbreak: Deno.build.os !== "windows" });
  }
  (async () => {
    for await (const bytes of Deno.stdin.readable) {
      const action = keyAction(new TextDecoder().decode(bytes));
      if (action === "quit") quit();
      else if (action === "rerun") passes.request();
    }
  })().catch(() => {}); // The terminal is gone: no more keys.
  passes.request();
  // An editor's save is often several events: one run, 200 ms after the last.
  let timer: ReturnType<typeof setTimeout> | undefined;
  for await (const event of watcher) {
    if (!isLessonChange(event)) continue;
    clearTimeout(timer);
    timer = setTimeout(() => passes.request(), 200);
  }
  return 0; // Not reached: quit() exits.
}

if (import.meta.main) await runMain(main);
