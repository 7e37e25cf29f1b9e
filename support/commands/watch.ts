/**
 * `deno task watch`: the progress view, rerun whenever a file in lessons/ is
 * saved. Enter or r reruns by hand (file watchers miss changes on some
 * systems and editors); q or Ctrl-C quits.
 *
 * The lesson just saved is tested first and shown at once; then the rest of
 * the view follows (only test files whose code changed run, see
 * journey/test_cache.ts). Saving again stops a run going on and starts over.
 *
 * The parts that decide (which file events count, debouncing, one run at a
 * time, which key does what) are small exported pieces, tested without a
 * terminal; `main` only wires them to Deno.watchFs and stdin.
 *
 * @module
 */

import { parseFlags } from "../cli/args.ts";
import { reasonOf, runMain, UserError } from "../cli/errors.ts";
import { CURSOR, paint, stdoutStyle } from "../cli/style.ts";
import { editedLessons } from "../journey/last_edited.ts";
import { checkProgress, type Progress } from "../journey/lesson_progress.ts";
import { testTimeLimit } from "../journey/stuck_tests.ts";
import { focusViewOf, viewOf } from "../journey/progress_view.ts";
import { allLessons, type LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

const USAGE = "deno task watch";

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

/** What a key press asks for. */
export type KeyAction = "rerun" | "quit";

/** Maps one byte of input to an action: Enter/r rerun, q/Ctrl-C/Ctrl-D quit. */
export function keyAction(byte: number): KeyAction | undefined {
  const key = String.fromCharCode(byte);
  if ("\r\nrR".includes(key)) return "rerun";
  if ("qQ\x03\x04".includes(key)) return "quit";
  return undefined;
}

/**
 * Calls `fn` once, `delay` ms after the last of a burst of `trigger()`s
 * (an editor's save is often several file events); `cancel()` forgets a
 * pending call.
 */
export function debounce(delay: number, fn: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    trigger() {
      clearTimeout(timer);
      timer = setTimeout(fn, delay);
    },
    cancel: () => clearTimeout(timer),
  };
}

/**
 * Runs a task one at a time: a request during a run is remembered, and all
 * such requests make exactly one more run after it. The run going on is
 * told, through its signal, that it is out of date: it may stop early.
 */
export class Rerunner {
  #task: (signal: AbortSignal) => Promise<void>;
  #running: Promise<void> | undefined;
  #controller: AbortController | undefined;
  #again = false;
  #stopped = false;

  constructor(task: (signal: AbortSignal) => Promise<void>) {
    this.#task = task;
  }

  /** Asks for a run: now if idle, else once after the current run. */
  request(): void {
    if (this.#stopped) return;
    if (this.#running !== undefined) {
      this.#again = true;
      this.#controller?.abort();
      return;
    }
    this.#running = this.#loop();
  }

  /**
   * Refuses further runs and tells a run going on to stop (its signal is
   * aborted): a test run it started is killed, not left running behind the
   * watch, stuck in an endless loop perhaps.
   */
  stop(): void {
    this.#stopped = true;
    this.#again = false;
    this.#controller?.abort();
  }

  /** Resolves when no run is going on or pending. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #loop(): Promise<void> {
    try {
      do {
        this.#again = false;
        this.#controller = new AbortController();
        await this.#task(this.#controller.signal);
      } while (this.#again && !this.#stopped);
    } finally {
      this.#running = undefined;
    }
  }
}

/** The lessons among `paths` (absolute paths of saved files). */
export function lessonsAt(
  paths: readonly string[],
  root: string = ROOT_DIR,
): LessonEntry[] {
  return allLessons().filter((entry) =>
    paths.some((path) => path.replaceAll("\\", "/") === root + entry.lessonFile)
  );
}

/** Lessons done now that were not done before, by id. */
export function newlyDone(
  before: Progress | undefined,
  after: Progress,
): string[] {
  if (before === undefined) return [];
  const doneIds = (p: Progress) =>
    new Set(
      p.tracks.flatMap((t) => t.lessons)
        .filter((l) => l.state === "done")
        .map((l) => l.entry.lesson.id),
    );
  const old = doneIds(before);
  return [...doneIds(after)].filter((id) => !old.has(id));
}

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, { usage: USAGE });
  if (args.booleans.has("help")) {
    console.log(
      `${USAGE}\n\nReruns the lesson tests and shows your progress whenever a file in lessons/ changes.\nKeys: Enter or r rerun, q quits.`,
    );
    return 0;
  }
  // A bad KATA_TEST_TIME_LIMIT ends watch at once, as it ends progress.
  testTimeLimit();
  const style = stdoutStyle();
  const interactive = Deno.stdin.isTerminal();
  const keys = interactive
    ? "Enter or r: rerun · q: quit"
    : "send r to rerun, q to quit";
  let previous: Progress | undefined;
  let runs = 0;
  let quitting = false;

  // The lessons saved since the last run: tested first. At start, the one
  // edited last.
  const saved = new Map<string, LessonEntry>();
  const last = (await editedLessons())?.[0];
  if (last !== undefined) saved.set(last.lesson.id, last);

  // Only a terminal (one that takes links) takes cursor moves: there, a
  // clear screen per run, like deno test --watch.
  const cursor = (move: string) => {
    if (style.links) Deno.stdout.writeSync(new TextEncoder().encode(move));
  };
  const rerunner = new Rerunner(async (signal) => {
    runs++;
    cursor(CURSOR.clearScreen);
    if (!style.links && runs > 1) console.log(`\n──── run ${runs} ────`);
    const focus = [...saved.values()];
    saved.clear();
    let progress: Progress;
    try {
      if (focus.length > 0) {
        console.log(
          paint(
            style,
            "dim",
            `Testing ${focus.map((e) => e.lesson.id).join(", ")}…`,
          ),
        );
        const first = await checkProgress(focus.map((e) => e.testFile), {
          step: focus[0].track.step,
          signal,
        });
        if (quitting) return;
        const lessons = first.tracks.flatMap((t) => t.lessons)
          .filter((l) => focus.some((e) => e.lesson.id === l.entry.lesson.id));
        cursor(CURSOR.clearLineAbove);
        console.log(
          first.problems.length > 0
            ? viewOf(first, style)
            : focusViewOf(lessons, style),
        );
      }
      console.log(paint(style, "dim", "Running the lesson tests…"));
      progress = await checkProgress(undefined, { signal });
    } catch (error) {
      if (signal.aborted) {
        // Saved again: put the lessons back in line, the next run starts.
        for (const entry of focus) saved.set(entry.lesson.id, entry);
        return;
      }
      console.log(`Cannot run the tests: ${reasonOf(error).split("\n")[0]}`);
      return;
    }
    if (quitting) return;
    const time = new Date().toTimeString().slice(0, 8);
    const done = newlyDone(previous, progress);
    previous = progress;
    cursor(CURSOR.clearScreen);
    if (done.length > 0) {
      const ids = done.length === 1
        ? `${done[0]} passes`
        : `${done.slice(0, -1).join(", ")} and ${done.at(-1)} pass`;
      console.log(paint(style, "green", `✓ ${ids} now. Well done!`));
    }
    console.log(viewOf(progress, style, {
      footer: [`Watching lessons/ (last run ${time}) · ${keys}`],
    }));
  });

  let watcher: Deno.FsWatcher;
  try {
    watcher = Deno.watchFs(`${ROOT_DIR}lessons`, { recursive: true });
  } catch (error) {
    throw new UserError(`Cannot watch ${ROOT_DIR}lessons/: ${reasonOf(error)}`);
  }
  const debouncer = debounce(200, () => rerunner.request());
  const quit = async () => {
    if (quitting) return;
    quitting = true;
    debouncer.cancel();
    rerunner.stop();
    if (interactive) {
      try {
        Deno.stdin.setRaw(false);
      } catch {
        // The terminal is gone: nothing to restore.
      }
    }
    console.log("Stopped watching.");
    // Let the run going on (stopped above) clean up after itself, but do
    // not wait for ever.
    await Promise.race([
      rerunner.idle(),
      new Promise((resolve) => setTimeout(resolve, 5000)),
    ]);
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", quit);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", quit);

  if (interactive) {
    // cbreak keeps Ctrl-C a signal; Windows has no cbreak, and there raw
    // mode hands Ctrl-C over as a key, which quits too.
    Deno.stdin.setRaw(true, { cbreak: Deno.build.os !== "windows" });
  }
  readKeys((action) => action === "quit" ? quit() : rerunner.request());
  rerunner.request();
  for await (const event of watcher) {
    if (!isLessonChange(event)) continue;
    for (const entry of lessonsAt(event.paths)) {
      saved.set(entry.lesson.id, entry);
    }
    debouncer.trigger();
  }
  return 0; // Not reached: quit() exits.
}

/** Reads stdin and reports key actions until it ends (then keeps quiet). */
async function readKeys(onAction: (action: KeyAction) => void): Promise<void> {
  const buffer = new Uint8Array(64);
  while (true) {
    let n: number | null;
    try {
      n = await Deno.stdin.read(buffer);
    } catch {
      return;
    }
    if (n === null) return;
    // One action per read: "r\n" from a pipe, or a key held down, is one rerun.
    const actions = [...buffer.subarray(0, n)].map(keyAction);
    if (actions.includes("quit")) onAction("quit");
    else if (actions.includes("rerun")) onAction("rerun");
  }
}

if (import.meta.main) await runMain(main);
