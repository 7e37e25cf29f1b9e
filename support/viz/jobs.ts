/**
 * What the server asks of its child processes (`work.ts`), for one version
 * of the lessons: the widgets' statuses, their computations (and the models
 * they look into, trained once), and the page's trainings. When a lesson is
 * saved, `restart()` kills every child and forgets every result: a new boot
 * id, which the page polls to know when to redraw.
 *
 * The work that runs is bounded, not the clients: one statuses child at a
 * time, {@linkcode MAX_COMPUTING} computations (the others wait their turn),
 * {@linkcode MAX_TRAININGS} trainings (another is refused). A computation
 * whose client has left is killed at once, and so is a page's training when
 * its client leaves or that page starts another.
 *
 * @module
 */

import { visible } from "../cli/style.ts";
import { TRACKS } from "../manifest.ts";
import { smoothLoss } from "../train/chart.ts";
import { TRAIN_DEFAULTS, type TrainedModel } from "../train/step_program.ts";
import {
  BadRequest,
  modelParams,
  numberParam,
  oneOf,
  type Params,
  Refusal,
  stringParam,
} from "./params.ts";
import {
  type ChildMessage,
  type ChildRequest,
  killAll,
  runChild,
  type Status,
  Stuck,
} from "./work.ts";

/** Every widget, in the page's order (the guide's). */
export const WIDGETS: readonly string[] = [
  "tokenizer",
  "count-table",
  "softmax",
  "gradient-check",
  "loss-curve",
  "temperature",
  "value-graph",
  "embeddings",
  "attention",
  "kv-cache",
  "ema",
  "all-steps",
];

/**
 * Seconds a child may stay silent, lesson call by lesson call: a probe runs
 * the lessons on a tiny input (milliseconds), a computation or a training
 * step on the dataset (a gradient check on 255 characters takes about 4 s).
 */
const LIMITS = { probe: 3, compute: 20, train: 20 };
/** How many computations run at once (two cores). */
const MAX_COMPUTING = 2;
/** How many trainings run at once, over all pages. */
const MAX_TRAININGS = 2;
/** The longest training the page may ask for, in steps. */
const MAX_STEPS = 2000;

/** The model a widget looks into, from its request: a step, trained so many steps. */
const MODEL_OF: Record<string, (params: Params) => [number, number]> = {
  temperature: () => [1, TRAIN_DEFAULTS.steps],
  embeddings: chosenModel,
  attention: chosenModel,
  "kv-cache": chosenModel,
};

function chosenModel(params: Params): [number, number] {
  const { step, trained } = modelParams(params);
  return [step, trained];
}

/** The work of one `deno task viz`, boot after boot. */
export class Jobs {
  /** This version of the lessons: new after every save. */
  boot = newId();
  /** A lesson that never finished loading in this boot: every child would wait for it. */
  #loading?: Stuck;
  #told = new Set<string>();
  #statuses?: Promise<Status[]>;
  #models = new Map<string, TrainedModel>();
  #trainings = new Map<string, AbortController>();
  #computing = new Slots(MAX_COMPUTING);

  constructor(readonly names: string[], readonly map?: string) {}

  /** The lessons changed: every child is killed and every result forgotten. */
  restart(): void {
    for (const training of this.#trainings.values()) training.abort();
    killAll();
    this.boot = newId();
    this.#loading = undefined;
    this.#told.clear();
    this.#statuses = undefined;
    this.#models.clear();
  }

  /** Every widget's status, probed once per boot, each in a child of its own. */
  statuses(): Promise<Status[]> {
    this.#statuses ??= Promise.all(WIDGETS.map(async (id) => {
      let status: Status;
      try {
        status = await this.#status(id);
      } catch (error) {
        if (!(error instanceof Stuck)) throw error;
        status = broken(error.message, error.command);
      }
      if (status.state === "broken") this.#tell(status.message);
      return status;
    }));
    return this.#statuses;
  }

  async #status(id: string): Promise<Status> {
    const never = new AbortController().signal;
    const release = await this.#computing.take(never);
    try {
      let status: Status | undefined;
      const request = { kind: "widget", widget: id };
      for await (const message of this.#run(request, LIMITS.probe)) {
        if ("status" in message) status = message.status;
        if ("exit" in message) status ??= broken(ended(message.exit));
      }
      return status!;
    } finally {
      release();
    }
  }

  /**
   * Widget `id`'s answer to `params`. The model it looks into is trained in
   * the child the first time, then kept for this boot.
   *
   * @throws {Refusal} A bad request (400), a lesson to write (409), a
   * failure or a stuck call (500).
   */
  async compute(
    id: string,
    params: Params,
    signal: AbortSignal,
  ): Promise<unknown> {
    const [step, steps] = MODEL_OF[id]?.(params) ?? [];
    const key = `${step}/${steps}`;
    const release = await this.#computing.take(signal);
    try {
      const model = this.#models.get(key);
      const train = model === undefined && step !== undefined
        ? [step, steps]
        : undefined;
      const request = { kind: "widget", widget: id, params, model, train };
      for await (const message of this.#run(request, LIMITS.compute, signal)) {
        if ("refusal" in message) {
          throw new Refusal(message.refusal.status, message.refusal.message);
        }
        if ("answer" in message) {
          if (message.model !== undefined) this.#models.set(key, message.model);
          return message.answer;
        }
        if ("exit" in message) throw new Refusal(500, ended(message.exit));
      }
    } catch (error) {
      if (error instanceof Stuck) throw new Refusal(500, error.message);
      throw error;
    } finally {
      release();
    }
  }

  /**
   * A training for the page, streamed as NDJSON: the child's messages, each
   * step with its smoothed loss. The page's previous training in the same
   * place (`page`: the page's id and a lane) is stopped first.
   *
   * @throws {Refusal} For a bad step, length or page (400); when
   * {@linkcode MAX_TRAININGS} are running (503).
   */
  train(params: Params): Response {
    const step = oneOf(params, "step", TRACKS.map((track) => track.step));
    const steps = numberParam(params, "steps", 1, MAX_STEPS, true);
    const page = stringParam(params, "page", 32);
    if (!/^[a-z0-9]+$/.test(page)) {
      throw new BadRequest(
        `"page" must be 1 to 32 lower-case letters or digits.`,
      );
    }
    this.#trainings.get(page)?.abort();
    if (this.#trainings.size >= MAX_TRAININGS) {
      throw new Refusal(
        503,
        `The server is already running ${MAX_TRAININGS} trainings: wait for one to finish.`,
      );
    }
    const stop = new AbortController();
    this.#trainings.set(page, stop);
    const messages = this.#run(
      { kind: "train", step, steps },
      LIMITS.train,
      stop.signal,
    );
    stop.signal.addEventListener("abort", () => {
      if (this.#trainings.get(page) === stop) this.#trainings.delete(page);
      messages.return(undefined); // Its child is killed: let it clean up.
    });
    const encoder = new TextEncoder();
    let smoothed = NaN;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let message: ChildMessage | undefined;
        try {
          const next = await messages.next();
          if (!next.done && !("exit" in next.value)) message = next.value;
        } catch (error) {
          if (error instanceof Stuck) {
            message = { type: "error", message: error.message };
          }
        }
        if (message === undefined) {
          stop.abort();
          return controller.close();
        }
        if ("type" in message && message.type === "step") {
          smoothed = smoothLoss(
            smoothed,
            message.loss,
            message.step,
            message.steps,
          );
          message = { ...message, smooth: smoothed };
        }
        controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
      },
      // The client went away: the page closed, or it aborted the request.
      cancel: () => stop.abort(),
    });
    return new Response(body, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
      },
    });
  }

  /** Runs `request` in a child, and tells of a call stuck in it. */
  async *#run(
    request: Params,
    limit: number,
    signal?: AbortSignal,
  ): AsyncGenerator<ChildMessage> {
    if (this.#loading !== undefined) throw this.#loading;
    const boot = this.boot;
    try {
      const child = { ...request, names: this.names } as ChildRequest;
      yield* runChild(child, { map: this.map, limit, signal });
    } catch (error) {
      if (error instanceof Stuck && boot === this.boot) {
        if (error.doing?.loading) this.#loading = error;
        this.#tell(error.message);
      }
      throw error;
    }
  }

  /** Says a card's trouble in the terminal too, once per boot. */
  #tell(message: string): void {
    if (this.#told.has(message)) return;
    this.#told.add(message);
    for (const line of message.split("\n")) {
      console.error(visible(line, { max: 500 }));
    }
  }
}

function broken(message: string, command = "deno task progress"): Status {
  return { state: "broken", message, command };
}

/** What a card says when a child ended without answering. */
function ended(code: number): string {
  return `The lesson code ended its process (exit code ${code}) before it answered: does a lesson call Deno.exit()?`;
}

function newId(): string {
  return crypto.randomUUID().slice(0, 8);
}

/** At most `size` holders at once; the others wait their turn, or leave. */
class Slots {
  #queue: (() => void)[] = [];

  constructor(private free: number) {}

  /** Waits for a slot (or throws when `signal` aborts first); returns its release. */
  async take(signal: AbortSignal): Promise<() => void> {
    while (this.free === 0) {
      await new Promise<void>((resolve) => {
        this.#queue.push(resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
      signal.throwIfAborted();
    }
    this.free--;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.free++;
      // Each waiter looks again (one that left no longer wants it).
      for (const wake of this.#queue.splice(0)) wake();
    };
  }
}
