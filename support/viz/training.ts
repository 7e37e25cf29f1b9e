/**
 * Live training for the page: `GET /api/train?step=N&steps=K&page=ID`
 * answers with newline-delimited JSON, one line per message of a
 * {@linkcode TrainRequest} worker, as the model trains.
 *
 * One training at a time per page: a new one stops the page's previous one.
 * Closing the page (or aborting the request) cancels the response's
 * stream, which terminates the worker.
 *
 * @module
 */

import type { TrainRequest } from "./train_worker.ts";
import { programSteps } from "./trainer_link.ts";
import { BadRequest, text, type VizContext } from "./widget.ts";

/** The longest training the page may ask for, in steps. */
const MAX_STEPS = 2000;
/** How many trainings may run at once, over all pages (2 shared cores). */
const MAX_TRAININGS = 2;

/** The running trainings, and the means to stop them. */
export class Trainings {
  readonly #byPage = new Map<string, () => void>();

  /** Stops every training (the server is shutting down). */
  stopAll(): void {
    for (const stop of [...this.#byPage.values()]) stop();
  }

  /**
   * Starts a training for the query in `url`, streamed as NDJSON.
   *
   * @throws {BadRequest} For a bad step, length or page id.
   */
  start(url: URL, ctx: VizContext): Response {
    // Plain digits only: Number() would read "" as 0 and "0x5" as 5.
    const whole = (name: string) => {
      const text = url.searchParams.get(name) ?? "";
      return /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    };
    const step = whole("step");
    const steps = whole("steps");
    const page = url.searchParams.get("page") ?? "";
    if (!programSteps().includes(step)) {
      throw new BadRequest(
        `"step" must be one of ${programSteps().join(", ")}.`,
      );
    }
    if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
      throw new BadRequest(
        `"steps" must be a whole number from 1 to ${MAX_STEPS}.`,
      );
    }
    if (!/^[a-z0-9]{1,32}$/.test(page)) {
      throw new BadRequest(
        `"page" must be 1 to 32 lower-case letters or digits.`,
      );
    }
    this.#byPage.get(page)?.();
    if (this.#byPage.size >= MAX_TRAININGS) {
      return text(
        503,
        `The server is already running ${MAX_TRAININGS} trainings: wait for one to finish.`,
      );
    }

    const worker = new Worker(new URL("./train_worker.ts", import.meta.url), {
      type: "module",
    });
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    const stop = () => {
      if (this.#byPage.get(page) !== stop) return;
      this.#byPage.delete(page);
      worker.terminate();
      try {
        controller?.close();
      } catch {
        // Already closed or cancelled by the client.
      }
    };
    this.#byPage.set(page, stop);

    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        const send = (message: unknown) =>
          c.enqueue(new TextEncoder().encode(JSON.stringify(message) + "\n"));
        worker.onmessage = ({ data }) => {
          send(data);
          if (data.type === "done" || data.type === "error") stop();
        };
        worker.onerror = (event) => {
          event.preventDefault();
          send({ type: "error", message: event.message });
          stop();
        };
        const request: TrainRequest = { step, steps, names: ctx.names };
        worker.postMessage(request);
      },
      // The client went away: the page closed, or it aborted the request.
      cancel: stop,
    });
    return new Response(body, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
      },
    });
  }
}
