/**
 * Work in child processes: the server of `deno task viz` never runs a
 * lesson itself. Every widget status, widget computation and training runs
 * in a `deno run support/viz/child.ts` of its own, which reads one request
 * on stdin and writes its messages on stdout, one JSON line each, marked
 * with {@linkcode PREFIX} (any other line is the learner's own output, shown
 * in the terminal).
 *
 * A child is killed, for real (a worker busy in a loop ignores
 * `terminate()`), when nobody waits for its answer any more, when the
 * lessons change, when the server stops, and when it stays silent for
 * longer than its time limit: before each lesson call it says which one
 * (see `widget.ts`), so the limit can name the call that never returned.
 *
 * @module
 */

import { visible } from "../cli/style.ts";
import { ROOT_DIR } from "../root.ts";
import { TRAINER_V8_FLAGS } from "../train/heap.ts";
import type { TrainedModel } from "../train/step_program.ts";
import type { Params } from "./params.ts";

/** Marks a line of the protocol: the learner's own prints never start so. */
export const PREFIX = "\x1e";

/** What a child is about to run: what a time limit names. */
export interface Doing {
  /** What runs, e.g. "softmax()", or the lesson id while loading. */
  what: string;
  /** Where, e.g. "lessons/step1/04_softmax.ts", or "Step 3's program". */
  where: string;
  /** The command that tests it. */
  command: string;
  /** The module is still loading (its top level runs). */
  loading?: boolean;
}

/** Where a card, or one of its options, stands. */
export type Status =
  & { details?: unknown }
  & (
    | { state: "live" }
    | { state: "waiting"; lesson: string; message: string; command: string }
    | { state: "broken"; message: string; command: string }
  );

/** What a child is asked: a widget's status or answer, or a training, for these names. */
export type ChildRequest =
  & { names: string[] }
  & (
    | {
      kind: "widget";
      widget: string;
      /** Its request: none for its status. */
      params?: Params;
      /** The model it looks into; or the step and steps to train it first. */
      model?: TrainedModel;
      train?: [number, number];
    }
    | { kind: "train"; step: number; steps: number }
  );

/** A training's messages, as the page reads them. */
export type TrainMessage =
  | { type: "start"; steps: number; vocabSize: number }
  | { type: "step"; step: number; steps: number; loss: number; smooth?: number }
  | { type: "line"; text: string }
  | { type: "end" }
  | { type: "done" }
  | { type: "error"; message: string; waiting?: string };

/** What a child says. */
export type ChildMessage =
  | { doing: Doing }
  | { status: Status }
  | { answer: unknown; model?: TrainedModel }
  | { refusal: { status: number; message: string } }
  | { exit: number }
  | TrainMessage;

/** A call that outlived its time limit, named, with the command that tests it. */
export class Stuck extends Error {
  constructor(
    message: string,
    readonly command: string,
    readonly doing?: Doing,
  ) {
    super(message);
  }
}

/** The longest line a child may write (a count table of 255 characters is a few MB). */
const MAX_LINE = 64 * 1024 * 1024;
/** A child's heap: bounded, so a runaway lesson ends in an error, not in swap. */
const HEAP_MB = 2048;
const CHILD = "support/viz/child.ts";
/** Seconds a child may take to start (a first run compiles the kata's modules). */
const STARTUP_LIMIT = 30;

/** Every child now running, to kill them all when the lessons change or the server stops. */
const RUNNING = new Set<Deno.ChildProcess>();

/** Kills every running child. */
export function killAll(): void {
  for (const child of RUNNING) kill(child);
}

function kill(child: Deno.ChildProcess): void {
  try {
    child.kill("SIGKILL");
  } catch {
    // It has just ended.
  }
}

/**
 * Runs `request` in a child process with the import map `map`, and yields
 * its messages, the last one its exit code. Leaving the loop kills it.
 *
 * @param limit Seconds the child may stay silent before it is killed as stuck.
 * @throws {Stuck} When it stayed silent that long, naming what it was doing.
 * @throws The signal's reason when `signal` aborted it.
 */
export async function* runChild(
  request: ChildRequest,
  options: { map?: string; limit: number; signal?: AbortSignal },
): AsyncGenerator<ChildMessage> {
  const { map, limit, signal } = options;
  signal?.throwIfAborted();
  const step = request.kind === "train" ? request.step : request.train?.[0];
  const heap = `--max-old-space-size=${HEAP_MB}`;
  const v8 = step !== undefined && step >= 2
    ? `${TRAINER_V8_FLAGS},${heap}`
    : `--v8-flags=${heap}`;
  const imports = map ? ["--import-map", map] : [];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-R", "--no-prompt", v8, ...imports, CHILD],
    cwd: ROOT_DIR,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  RUNNING.add(child);
  let doing: Doing | undefined;
  let stuck: Stuck | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = () => {
    clearTimeout(timer);
    // Before its first word, deno may still be compiling the kata.
    const seconds = doing === undefined ? STARTUP_LIMIT : limit;
    timer = setTimeout(() => {
      stuck = stuckAt(doing, seconds);
      kill(child);
    }, seconds * 1000);
  };
  const abort = () => kill(child);
  signal?.addEventListener("abort", abort);
  wait();
  echo(child.stderr).catch(() => {});
  try {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(request)));
    await writer.close();
  } catch {
    // It ended before reading: its status says how.
  }
  try {
    for await (const line of lines(child.stdout)) {
      if (!line.startsWith(PREFIX)) {
        console.log(visible(line, { max: 1000 }));
        continue;
      }
      wait();
      let message: ChildMessage;
      try {
        message = JSON.parse(line.slice(PREFIX.length));
      } catch {
        kill(child); // A line cut at MAX_LINE: an answer too large.
        continue;
      }
      if ("doing" in message) doing = message.doing;
      else {
        // The time limit counts the child's silence, not a slow reader's.
        clearTimeout(timer);
        yield message;
        wait();
      }
    }
    const { code } = await child.status;
    signal?.throwIfAborted();
    if (stuck !== undefined) throw stuck;
    yield { exit: code };
  } finally {
    // Also when the caller left the loop: nothing the child says is wanted.
    kill(child);
    clearTimeout(timer);
    signal?.removeEventListener("abort", abort);
    // Gone, not just signalled, before the next one takes its place.
    await child.status;
    RUNNING.delete(child);
  }
}

/** The sentence for a child that stayed silent `limit` seconds while `doing`. */
function stuckAt(doing: Doing | undefined, limit: number): Stuck {
  if (doing === undefined) {
    return new Stuck(
      `The kata's child process did not start within ${limit} s: is the machine very busy?`,
      "deno task viz",
    );
  }
  const { what, where, command } = doing;
  return new Stuck(
    doing.loading
      ? `${where} did not finish loading within ${limit} s: does it run a loop at its top level, outside any function?`
      : `Did ${what} get stuck in a loop? ${where} has not returned within ${limit} s.`,
    command,
    doing,
  );
}

/** Prints a child's stderr in the terminal, each line made visible. */
async function echo(stream: ReadableStream<Uint8Array>): Promise<void> {
  for await (const line of lines(stream)) {
    console.error(visible(line, { max: 1000 }));
  }
}

/** The lines of a stream, each cut at {@linkcode MAX_LINE} characters. */
async function* lines(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf("\n")) >= 0) {
      yield buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
    }
    if (buffer.length > MAX_LINE) {
      yield buffer.slice(0, MAX_LINE);
      buffer = "";
    }
  }
  if (buffer !== "") yield buffer;
}
