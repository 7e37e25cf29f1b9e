/**
 * The server's half of the child processes: `deno task viz` never runs a
 * lesson itself. Every widget status, widget computation and training runs
 * in a child of its own (`widgets.ts` run as a program, see `child.ts`),
 * which reads one request on stdin and answers on stdout. The statuses are
 * probed once per version of the lessons, and the models the widgets look
 * into trained once; when a lesson is saved, `restart()` kills every child
 * and forgets every result: a new boot id, which the page polls to know
 * when to redraw.
 *
 * A child is killed, for real (a worker busy in a loop ignores
 * `terminate()`), when nobody waits for its answer any more (its client
 * left: the page also leaves a training it replaces), when the lessons
 * change, when the server stops, and when it stays silent for
 * longer than its time limit: before each lesson call it says which one, so
 * the limit names the call that never returned.
 *
 * The work that runs is bounded, not the clients: {@linkcode MAX_RUNNING}
 * statuses and computations, and as many trainings; the others wait their
 * turn, or leave.
 *
 * @module
 */

import { visible } from "../cli/style.ts";
import type { Dataset } from "../data.ts";
import { ROOT_DIR } from "../root.ts";
import { TRAINER_V8_FLAGS } from "../train/heap.ts";
import type { TrainedModel } from "../train/step_program.ts";
import { PREFIX } from "./child.ts";
import type { ChildMessage, Doing, Job, Status } from "./child.ts";
import { fields, modelOf, type Params, Refusal, TRAINING } from "./params.ts";

/**
 * Seconds a child may stay silent, lesson call by lesson call. A probe runs
 * the lessons on a tiny input (milliseconds); a computation, on the dataset
 * (a gradient check on 254 letters took 12 s with two at once on a busy
 * machine: its limit is the one `deno task progress` gives a test); a
 * training says each step (milliseconds).
 */
const LIMITS = { probe: 3, compute: 60, train: 20 };
/** Seconds a child may take to say its first word (a first run compiles the kata's modules). */
const STARTUP_LIMIT = 30;
/**
 * How many widget jobs (statuses and computations) run at once, and how
 * many trainings, over all pages: two cores.
 */
const MAX_RUNNING = { widget: 2, train: 2 };
/** What a card or a training hears when the lessons changed under it. */
const LESSONS_CHANGED = "Your lessons changed: the page redraws.";
/** The longest line a child may write (a count table of 255 characters is about 2 MB). */
const MAX_LINE = 8 * 1024 * 1024;
/** What a card says of a longer answer. */
const TOO_LARGE = `The answer is longer than ${MAX_LINE} characters.`;

/**
 * The child's V8 flags. Its heap is bounded, so a runaway lesson ends
 * in an error, not in swap; the trainer's young generation serves the
 * autograd steps.
 */
const V8_FLAGS = `${TRAINER_V8_FLAGS},--max-old-space-size=2048`;
/** The child's program. */
const CHILD = "support/viz/widgets.ts";

/** What the children found out about one version of the lessons: forgotten after every save. */
class Boot {
  /** Its id, which the page polls. */
  readonly id = crypto.randomUUID().slice(0, 8);
  /** A lesson that never finished loading: every child would wait for it. */
  loading?: Refusal;
  /** The lesson calls that got stuck, by what and where: they are not waited for again. */
  readonly stuck = new Map<string, Refusal>();
  /** The troubles said in the terminal. */
  readonly told = new Set<string>();
  statuses?: Promise<(Status & { id: string })[]>;
  /** The models the widgets look into, by step and steps trained. */
  readonly models = new Map<string, TrainedModel>();
}

/** The work of one `deno task viz`, boot after boot. */
export class Jobs {
  /**
   * Every widget, in the page's order: the ids of the page's card
   * templates (those with a title), so that the cards are one list.
   */
  readonly widgets = [
    ...Deno.readTextFileSync(new URL("page/index.html", import.meta.url))
      .matchAll(/<template id="([a-z-]+)"\s+data-title=/g),
  ].map((match) => match[1]);
  #boot = new Boot();
  #children = new Set<Deno.ChildProcess>();
  #running = { widget: 0, train: 0 };
  /** The jobs that wait their turn: each looks again when one ends. */
  #waiting = new Set<() => void>();

  /**
   * @param dataset The names the children learn from, and where they came from.
   * @param map The import map the children run with (undefined: deno.json's).
   */
  constructor(readonly dataset: Dataset, readonly map?: string) {}

  /** This version of the lessons' id: a new one after every save. */
  get boot(): string {
    return this.#boot.id;
  }

  /** The lessons changed (or the server stops): every child is killed and every result forgotten. */
  restart(): void {
    for (const child of this.#children) kill(child);
    this.#boot = new Boot();
  }

  /**
   * Every widget's status, probed once per boot: in one child, widget after
   * widget; a probe that gets stuck (or fails outside the lessons' code)
   * breaks its own card, and a new child goes on with the next widget.
   */
  statuses(): Promise<(Status & { id: string })[]> {
    const boot = this.#boot;
    boot.statuses ??= (async () => {
      const found: (Status & { id: string })[] = [];
      while (found.length < this.widgets.length) {
        const widgets = this.widgets.slice(found.length);
        const job: Job = { kind: "statuses", widgets };
        try {
          for await (const message of this.#run(job, LIMITS.probe)) {
            if ("status" in message) found.push(message.status);
            else break; // done
          }
        } catch (error) {
          const { message, command } = error as Refusal;
          const id = this.widgets[found.length];
          found.push({ id, state: "broken", message, command });
        }
      }
      for (const status of found) {
        if (status.state === "broken") this.#tell(boot, status.message);
      }
      return found;
    })();
    return boot.statuses;
  }

  /**
   * Widget `id`'s answer to `params`. The model it looks into is trained
   * in the child the first time, then kept for this boot.
   *
   * @throws {Refusal} A bad request (400), a lesson to write (409), a
   * failure or a stuck call (500).
   */
  async compute(id: string, params: Params, signal: AbortSignal) {
    const { models } = this.#boot;
    const train = modelOf(id, params);
    const key = String(train);
    const model = models.get(key);
    const job: Job = { kind: "widget", widget: id, params, train, model };
    const answer = await this.#ask(job, LIMITS.compute, signal);
    if (answer.model !== undefined) models.set(key, answer.model);
    return answer.answer;
  }

  /**
   * A training for the page, streamed as NDJSON: the child's messages, and
   * a `refusal` when it fails. It stops when its client leaves (`signal`):
   * the page stops a training it replaces.
   *
   * @throws {Refusal} For a bad step or length (400).
   */
  train(request: Params, signal: AbortSignal): Response {
    const { step, steps } = fields(request, TRAINING);
    const job: Job = { kind: "train", step, steps };
    // A client that leaves cancels the stream: a training still waiting its
    // turn must hear it now, not when its turn comes (a generator parked in
    // an await runs on before it can be returned).
    const left = new AbortController();
    const stop = AbortSignal.any([signal, left.signal]);
    const messages = this.#run(job, LIMITS.train, stop);
    const lines = (async function* () {
      try {
        for await (const message of messages) {
          yield `${JSON.stringify(message)}\n`;
          if ("type" in message && message.type === "done") return;
        }
      } catch (error) {
        // Stopped on purpose (not a refusal): the stream just ends.
        if (!(error instanceof Refusal)) return;
        const refusal = { status: error.status, message: error.message };
        yield `${JSON.stringify({ refusal })}\n`;
      }
    })();
    const body = new ReadableStream<string>({
      async pull(controller) {
        const { done, value } = await lines.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        left.abort();
        await lines.return();
      },
    }).pipeThrough(new TextEncoderStream());
    const headers = { "content-type": "application/x-ndjson; charset=utf-8" };
    return new Response(body, { headers });
  }

  /** A child's answer to `job`: its first message, the last it is asked for. */
  async #ask(job: Job, limit: number, signal?: AbortSignal) {
    await using messages = this.#run(job, limit, signal);
    const { value } = await messages.next();
    return value as { answer: unknown; model?: TrainedModel };
  }

  /**
   * Runs `job` in a child, and yields its messages. A refusal, or a
   * child that ends before its caller stops listening, is thrown as a
   * Refusal; so is a child that stays silent `limit` seconds, naming what it
   * was doing. The signal's reason is thrown when `signal` stopped it.
   * Leaving the loop kills the child.
   */
  async *#run(
    job: Job,
    limit: number,
    signal?: AbortSignal,
  ): AsyncGenerator<ChildMessage> {
    const boot = this.#boot;
    if (boot.loading !== undefined) throw boot.loading;
    const lane = job.kind === "train" ? "train" : "widget";
    while (this.#running[lane] >= MAX_RUNNING[lane]) {
      await new Promise<void>((resolve) => {
        this.#waiting.add(resolve);
        // A client that leaves stops waiting, and takes its place with it.
        signal?.addEventListener("abort", () => {
          this.#waiting.delete(resolve);
          resolve();
        }, { once: true });
      });
      signal?.throwIfAborted();
    }
    this.#running[lane]++;
    const imports = this.map ? ["--import-map", this.map] : [];
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-R", "--no-prompt", V8_FLAGS, ...imports, CHILD],
      cwd: ROOT_DIR,
      env: { NO_COLOR: "1" }, // Deno's errors reach the cards as plain text
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#children.add(child);
    let doing: Doing | undefined;
    let stuck: Refusal | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** (Re)starts the silence limit; before its first word, deno may still be compiling the kata. */
    const wait = () => {
      clearTimeout(timer);
      const seconds = doing === undefined ? STARTUP_LIMIT : limit;
      timer = setTimeout(() => {
        kill(child);
        stuck = stuckAt(doing, seconds);
        if (doing?.loading) boot.loading = stuck;
        if (doing) boot.stuck.set(`${doing.what} ${doing.where}`, stuck);
        this.#tell(boot, stuck.message);
      }, seconds * 1000);
    };
    const abort = () => kill(child);
    signal?.addEventListener("abort", abort);
    wait();
    (async () => {
      for await (const line of lines(child.stderr)) {
        console.error(visible(line, { max: 1000 }));
      }
    })();
    const text = JSON.stringify({ ...job, names: this.dataset.names });
    // It may end before reading: how it ended says why.
    ReadableStream.from([text]).pipeThrough(new TextEncoderStream())
      .pipeTo(child.stdin).catch(() => {});
    try {
      for await (const line of lines(child.stdout)) {
        if (!line.startsWith(PREFIX)) {
          console.log(visible(line, { max: 1000 }));
          continue;
        }
        if (line.length >= MAX_LINE) throw new Refusal(500, TOO_LARGE);
        const message: ChildMessage = JSON.parse(line.slice(PREFIX.length));
        if ("doing" in message) {
          doing = message.doing;
          // A call that got stuck before would again: say so now.
          const before = boot.stuck.get(`${doing.what} ${doing.where}`);
          if (before !== undefined) throw before;
        } else if ("refusal" in message) {
          const { status, message: sentence } = message.refusal;
          throw new Refusal(status, sentence);
        } else {
          // The time limit counts the child's silence, not a slow reader's.
          clearTimeout(timer);
          yield message;
        }
        wait();
      }
      const { code } = await child.status;
      signal?.throwIfAborted();
      // Killed as the lessons changed: the page redraws anyway.
      if (boot !== this.#boot) throw new Refusal(503, LESSONS_CHANGED);
      const ended =
        `The lesson code ended its process (exit code ${code}) before it answered: does a lesson call Deno.exit()?`;
      throw stuck ?? new Refusal(500, ended);
    } finally {
      kill(child);
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
      // Gone, not just signalled, before the next one takes its place.
      await child.status;
      this.#children.delete(child);
      this.#running[lane]--;
      // Each waiter looks again (one that left no longer wants it).
      for (const wake of this.#waiting) wake();
      this.#waiting.clear();
    }
  }

  /** Says a card's trouble in the terminal too, once per boot (and only in the current one). */
  #tell(boot: Boot, message: string): void {
    if (boot !== this.#boot || boot.told.has(message)) return;
    boot.told.add(message);
    for (const line of message.split("\n")) {
      console.error(visible(line, { max: 500 }));
    }
  }
}

/** Kills `child` outright: a lesson in a loop ignores anything gentler. */
function kill(child: Deno.ChildProcess): void {
  try {
    child.kill("SIGKILL");
  } catch {
    // It has just ended.
  }
}

/** The refusal for a child that stayed silent `limit` seconds while `doing`. */
function stuckAt(doing: Doing | undefined, limit: number): Refusal {
  const message = doing === undefined
    ? `The kata's child process did not start within ${limit} s: is the machine very busy?`
    : doing.loading
    ? `${doing.where} did not finish loading within ${limit} s: does it run a loop at its top level, outside any function?`
    : `Did ${doing.what} get stuck in a loop? ${doing.where} has not returned within ${limit} s.`;
  return new Refusal(500, message, doing?.command ?? "deno task viz");
}

/** The lines of a stream, each cut at {@linkcode MAX_LINE} characters. */
async function* lines(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    const parts = chunk.split("\n");
    parts[0] = buffer + parts[0];
    buffer = parts.pop()!;
    yield* parts;
    if (buffer.length > MAX_LINE) {
      yield buffer.slice(0, MAX_LINE);
      buffer = "";
    }
  }
  if (buffer !== "") yield buffer;
}
