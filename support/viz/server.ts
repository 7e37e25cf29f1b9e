/**
 * `deno task viz`: the guide's "Try it" widgets, driven by the learner's
 * lessons (`--solutions`: by the reference solutions), on a local page.
 *
 *     deno task viz [--port N] [--data FILE] [--solutions]
 *
 * Serves, on 127.0.0.1 only:
 *
 * - `GET /` and `GET /page/…`: the page (the files in `page/`, nothing else);
 * - `GET /api/boot`: `{ boot }`, an id new at every start: `deno task viz`
 *   runs the server under `deno run --watch`, which restarts it when a
 *   lesson is saved, and the page polls this to know when to redraw;
 * - `GET /api/widgets`: every widget, live or waiting for a lesson;
 * - `POST /api/widgets/<id>`: a widget's numbers for a JSON request;
 * - `GET /api/train?step=N&steps=K&page=ID`: a training, streamed as NDJSON.
 *
 * A bad request gets a 400 and one sentence. Ctrl-C stops the server, and
 * every training with it.
 *
 * @module
 */

import { exitCodeOf } from "../cli/errors.ts";
import { parseArgs, portInUse, USAGE } from "./args.ts";
import { WIDGETS } from "./registry.ts";
import { trainingNames } from "./trainer_link.ts";
import { Trainings } from "./training.ts";
import {
  BadRequest,
  describe,
  type Params,
  text,
  type VizContext,
  waitingFor,
  widgetStatus,
} from "./widget.ts";

/** The largest request body the API reads, in bytes. */
const MAX_BODY_BYTES = 4096;
/** This run's id: `--watch` runs this module afresh at every restart. */
const BOOT_ID = crypto.randomUUID().slice(0, 8);

const PAGE_DIR = new URL("./page/", import.meta.url);
const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

/**
 * The files the server may send, by URL path: every file under `page/`
 * with a known type, listed once at start-up. Nothing else is ever read, so
 * no path can reach outside it.
 */
function pageFiles(): Map<string, URL> {
  const files = new Map<string, URL>();
  const walk = (dir: URL, prefix: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.isDirectory) {
        walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      } else if (entry.isFile && extension(entry.name) in TYPES) {
        files.set(`/page/${prefix}${entry.name}`, new URL(entry.name, dir));
      }
    }
  };
  walk(PAGE_DIR, "");
  files.set("/", new URL("index.html", PAGE_DIR));
  return files;
}

function extension(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

/** The server's request handler, for `Deno.serve`. */
function createHandler(
  ctx: VizContext,
  trainings: Trainings,
  port: () => number,
): (request: Request) => Promise<Response> {
  const files = pageFiles();
  return async (request) => {
    try {
      return await route(request);
    } catch (error) {
      if (error instanceof BadRequest) return text(400, error.message);
      const waiting = waitingFor(error);
      if (waiting !== undefined) return text(409, waiting.message);
      return text(500, `The lesson code failed: ${describe(error)}`);
    }
  };

  async function route(request: Request): Promise<Response> {
    // Only the page itself may call: refuses other sites' pages reaching
    // this server through a name that resolves to 127.0.0.1. Checked first:
    // request.url is built from the Host header and fails on a malformed one.
    const host = request.headers.get("host");
    if (host !== `127.0.0.1:${port()}` && host !== `localhost:${port()}`) {
      throw new BadRequest(`Unexpected Host header ${JSON.stringify(host)}.`);
    }
    const url = new URL(request.url);
    const file = files.get(url.pathname);
    if (file !== undefined) {
      requireMethod(request, "GET");
      return new Response(await Deno.readFile(file), {
        headers: {
          "content-type": TYPES[extension(file.pathname)],
          "cache-control": "no-store",
        },
      });
    }
    if (url.pathname === "/api/boot") {
      requireMethod(request, "GET");
      return json({ boot: BOOT_ID });
    }
    if (url.pathname === "/api/widgets") {
      requireMethod(request, "GET");
      const statuses = [];
      for (const widget of WIDGETS) {
        statuses.push(await widgetStatus(widget));
      }
      return json({ source: ctx.source, widgets: statuses });
    }
    if (url.pathname === "/api/train") {
      requireMethod(request, "GET");
      return trainings.start(url, ctx);
    }
    const id = /^\/api\/widgets\/([a-z-]+)$/.exec(url.pathname)?.[1];
    const widget = WIDGETS.find((w) => w.id === id);
    if (widget?.compute !== undefined) {
      requireMethod(request, "POST");
      return json(await widget.compute(await readParams(request), ctx));
    }
    return text(
      404,
      `Nothing here: ${
        url.pathname.slice(0, 80)
      } is not a page file or an API path.`,
    );
  }
}

function requireMethod(request: Request, method: string): void {
  if (request.method !== method) {
    throw new BadRequest(`Use ${method} here, not ${request.method}.`);
  }
}

/** The request's body as a JSON object, at most MAX_BODY_BYTES long. */
async function readParams(request: Request): Promise<Params> {
  const tooLong = new BadRequest(
    `The request body must be at most ${MAX_BODY_BYTES} bytes.`,
  );
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLong;
  // Read chunk by chunk, so a body without a length stops at the limit too.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLong;
    chunks.push(chunk);
  }
  let params: unknown;
  try {
    params = JSON.parse(await new Blob(chunks).text() || "{}");
  } catch {
    throw new BadRequest("The request body must be JSON.");
  }
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new BadRequest("The request body must be a JSON object.");
  }
  return params as Params;
}

function json(value: unknown): Response {
  return new Response(JSON.stringify(value), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
    },
  });
}

/** Runs the server until Ctrl-C; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let options, dataset;
  try {
    options = parseArgs(args);
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    dataset = await trainingNames(options.data);
  } catch (error) {
    return exitCodeOf(error, (text) => console.error(text.trimEnd()));
  }
  const ctx: VizContext = { ...dataset, cache: new Map() };
  const trainings = new Trainings();
  const stopping = new AbortController();
  let port = options.port;
  let server: Deno.HttpServer;
  try {
    server = Deno.serve({
      hostname: "127.0.0.1",
      port,
      signal: stopping.signal,
      onListen: (addr) => {
        port = addr.port;
        console.log(
          `microGPT viz: http://127.0.0.1:${port}/ (names from ${ctx.source}; Ctrl-C stops)`,
        );
      },
    }, createHandler(ctx, trainings, () => port));
  } catch (error) {
    if (!(error instanceof Deno.errors.AddrInUse)) throw error;
    console.error(`error: ${portInUse(port)}`);
    return 1;
  }
  const shutdown = () => {
    trainings.stopAll();
    stopping.abort();
  };
  // Under `deno run --watch` (the launcher's way), a SIGTERM caught here
  // would stop only this run and leave the watcher waiting for a file
  // change: there, the default action ends the whole process instead.
  const signals: Deno.Signal[] = Deno.env.get("KATA_WATCHED") === "1"
    ? ["SIGINT"]
    : ["SIGINT", "SIGTERM"];
  for (const signal of signals) Deno.addSignalListener(signal, shutdown);
  await server.finished;
  for (const signal of signals) Deno.removeSignalListener(signal, shutdown);
  console.log("microGPT viz: stopped.");
  return 0;
}
