/**
 * What the server asks of its child processes (`work.ts`), for one version
 * of the lessons: the widgets' statuses, their computations (and the models
 * they look into, trained once), and the page's trainings. When a lesson is
 * saved, `restart()` kills every child and forgets every result: a new boot
 * id, which the page polls to know when to redraw.
 *
 * The work that runs is bounded, not the clients: {@linkcode MAX_COMPUTING}
 * statuses and computations (the others wait their turn),
 * {@linkcode MAX_TRAININGS} trainings (another is refused). A computation
 * whose client has left is killed at once, and so is a page's training when
 * its client leaves or that page starts another.
 *
 * @module
 */

import { visible } from "../cli/style.ts";
import type { Dataset } from "../data.ts";
import { TRACKS } from "../manifest.ts";
import { smoothLoss } from "../train/chart.ts";
import { TRAIN_DEFAULTS, type TrainedModel } from "../train/step_program.ts";
import * as params from "./params.ts";
import type { Params } from "./params.ts";
import * as work from "./work.ts";
import type { ChildMessage, ChildRequest, Status } from "./work.ts";

/**
 * Seconds a child may stay silent, lesson call by lesson call. A probe runs
 * the lessons on a tiny input (milliseconds); a computation, on the dataset
 * (a gradient check on 254 letters took 12 s with two at once on a busy
 * machine: its limit is the one `deno task progress` gives a test); a
 * training says each step (milliseconds).
 */
const LIMITS = { probe: 3, compute: 60, train: 20 };
/** How many statuses and computations run at once (two cores). */
const MAX_COMPUTING = 2;
/** How many trainings run at once, over all pages. */
const MAX_TRAININGS = 2;
/** The longest training the page may ask for, in steps. */
const MAX_STEPS = 2000;

/** The model a widget looks into, from its request: a step, trained so many steps. */
const MODEL_OF: Record<string, (request: Params) => number[]> = {
  temperature: () => [1, TRAIN_DEFAULTS.steps],
  embeddings: chosenModel,
  attention: chosenModel,
  "kv-cache": chosenModel,
};

function chosenModel(request: Params): number[] {
  const { step, trained } = params.modelParams(request);
  return [step, trained];
}

/** The work of one `deno task viz`, boot after boot. */
export class Jobs {
  /** This version of the lessons: new after every save. */
  boot = newId();
  /**
   * Every widget, in the page's order: the ids of the page's card
   * templates (those with a title), so that the cards are one list.
   */
  readonly widgets = [
    ...Deno.readTextFileSync(new URL("page/index.html", import.meta.url))
      .matchAll(/<template id="([a-z-]+)"\s+data-title=/g),
  ].map((match) => match[1]);
  /** A lesson that never finished loading in this boot: every child would wait for it. */
  #loading?: work.Stuck;
  #told = new Set<string>();
  #statuses?: Promise<(Status & { id: string })[]>;
  #models = new Map<string, TrainedModel>();
  #trainings = new Map<
    string,
    { stop: AbortController; over: Promise<void> }
  >();
  #computing = new Slots(MAX_COMPUTING);

  /**
   * @param dataset The names the children learn from, and where they came from.
   * @param map The import map the children run with (undefined: deno.json's).
   */
  constructor(readonly dataset: Dataset, readonly map?: string) {}

  /** The lessons changed: every child is killed and every result forgotten. */
  restart(): void {
    for (const { stop } of this.#trainings.values()) stop.abort();
    work.killAll();
    this.boot = newId();
    this.#loading = undefined;
    this.#told.clear();
    this.#statuses = undefined;
    this.#models.clear();
  }

  /** Every widget's status, probed once per boot, each in a child of its own. */
  statuses(): Promise<(Status & { id: string })[]> {
    const boot = this.boot;
    this.#statuses ??= Promise.all(this.widgets.map(async (id) => {
      let status: Status | undefined;
      try {
        const request = { kind: "widget", widget: id };
        for await (const message of this.#run(request, LIMITS.probe)) {
          if ("status" in message) status = message.status;
          if ("exit" in message) status ??= broken(ended(message.exit));
        }
      } catch (error) {
        if (!(error instanceof work.Stuck)) throw error;
        status = broken(error.message, error.command);
      }
      if (status!.state === "broken" && boot === this.boot) {
        this.#tell(status!.message);
      }
      return { id, ...status! };
    }));
    return this.#statuses;
  }

  /**
   * Widget `id`'s answer to `request`. The model it looks into is trained
   * in the child the first time, then kept for this boot.
   *
   * @throws {params.Refusal} A bad request (400), a lesson to write (409),
   * a failure or a stuck call (500).
   */
  async compute(
    id: string,
    request: Params,
    signal: AbortSignal,
  ): Promise<unknown> {
    const [step, steps] = MODEL_OF[id]?.(request) ?? [];
    const key = `${step}/${steps}`;
    const model = this.#models.get(key);
    const train = model === undefined && step !== undefined
      ? [step, steps]
      : undefined;
    const child = { kind: "widget", widget: id, params: request, model, train };
    try {
      for await (const message of this.#run(child, LIMITS.compute, signal)) {
        if ("refusal" in message) {
          throw new params.Refusal(
            message.refusal.status,
            message.refusal.message,
          );
        }
        if ("exit" in message) {
          throw new params.Refusal(500, ended(message.exit));
        }
        if (!("answer" in message)) continue;
        if (message.model !== undefined) this.#models.set(key, message.model);
        return message.answer;
      }
    } catch (error) {
      if (error instanceof work.Stuck) {
        throw new params.Refusal(500, error.message);
      }
      throw error;
    }
  }

  /**
   * A training for the page, streamed as NDJSON: the child's messages, each
   * step with its smoothed loss. It stops when its client leaves (`signal`),
   * or when the same place on the page (`page`: its id and a lane) starts
   * another.
   *
   * @throws {params.Refusal} For a bad step, length or page (400); when
   * {@linkcode MAX_TRAININGS} are running (503).
   */
  async train(request: Params, signal: AbortSignal): Promise<Response> {
    const steps = TRACKS.map((track) => track.step);
    const step = params.oneOf(request, "step", steps);
    const length = params.numberParam(request, "steps", 1, MAX_STEPS, true);
    const page = params.stringParam(request, "page", 32);
    if (!/^[a-z0-9]+$/.test(page)) {
      throw new params.BadRequest(
        `"page" must be 1 to 32 lower-case letters or digits.`,
      );
    }
    // The page's previous training stops, and is gone, first.
    const previous = this.#trainings.get(page);
    previous?.stop.abort();
    await previous?.over;
    if (this.#trainings.size >= MAX_TRAININGS) {
      const busy =
        `The server is already running ${MAX_TRAININGS} trainings: wait for one to finish.`;
      throw new params.Refusal(503, busy);
    }
    const stop = new AbortController();
    const { promise: over, resolve } = Promise.withResolvers<void>();
    const training = { stop, over };
    this.#trainings.set(page, training);
    signal.addEventListener("abort", () => stop.abort()); // The client left.
    // Counted until its child is gone (or was never started).
    const end = () => {
      if (this.#trainings.get(page) === training) this.#trainings.delete(page);
      resolve();
    };
    const child = { kind: "train", step, steps: length };
    const lines = ndjson(this.#run(child, LIMITS.train, stop.signal), end);
    const body = new ReadableStream<string>({
      async pull(controller) {
        const { value, done } = await lines.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        stop.abort();
        await lines.return(undefined);
        end();
      },
    });
    return new Response(body.pipeThrough(new TextEncoderStream()), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
      },
    });
  }

  /**
   * Runs `request` in a child, the MAX_COMPUTING-th at most unless it is a
   * training, and tells of a call stuck in it.
   */
  async *#run(
    request: Params,
    limit: number,
    signal?: AbortSignal,
  ): AsyncGenerator<ChildMessage> {
    if (this.#loading !== undefined) throw this.#loading;
    const boot = this.boot;
    const release = request.kind === "train"
      ? () => {}
      : await this.#computing.take(signal);
    try {
      const child = { ...request, names: this.dataset.names } as ChildRequest;
      yield* work.runChild(child, { map: this.map, limit, signal });
    } catch (error) {
      if (error instanceof work.Stuck && boot === this.boot) {
        if (error.doing?.loading) this.#loading = error;
        this.#tell(error.message);
      }
      throw error;
    } finally {
      release();
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

/**
 * A training's messages as NDJSON lines, each step with its smoothed loss,
 * ending with its error when it got stuck; `end()` once its child is gone.
 */
async function* ndjson(
  messages: AsyncGenerator<ChildMessage>,
  end: () => void,
) {
  let smoothed = NaN;
  try {
    for await (const message of messages) {
      if ("exit" in message) return;
      if ("type" in message && message.type === "step") {
        smoothed = smoothLoss(
          smoothed,
          message.loss,
          message.step,
          message.steps,
        );
        yield `${JSON.stringify({ ...message, smooth: smoothed })}\n`;
      } else yield `${JSON.stringify(message)}\n`;
    }
  } catch (error) {
    // Stopped on purpose, the stream just ends.
    if (error instanceof work.Stuck) {
      yield `${JSON.stringify({ type: "error", message: error.message })}\n`;
    }
  } finally {
    end();
  }
}

/** What a card says when a child ended without answering. */
function ended(code: number): string {
  return `The lesson code ended its process (exit code ${code}) before it answered: does a lesson call Deno.exit()?`;
}

function broken(message: string, command = "deno task progress"): Status {
  return { state: "broken", message, command };
}

function newId(): string {
  return crypto.randomUUID().slice(0, 8);
}

/** At most `free` holders at once; the others wait their turn, or leave. */
class Slots {
  #waiting: (() => void)[] = [];

  constructor(private free: number) {}

  /** Waits for a slot (or throws when `signal` aborts first); returns its release. */
  async take(signal?: AbortSignal): Promise<() => void> {
    while (this.free === 0) {
      await new Promise<void>((resolve) => {
        this.#waiting.push(resolve);
        signal?.addEventListener("abort", () => resolve(), { once: true });
      });
      signal?.throwIfAborted();
    }
    this.free--;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.free++;
      // Each waiter looks again (one that left no longer wants it).
      for (const wake of this.#waiting.splice(0)) wake();
    };
  }
}
