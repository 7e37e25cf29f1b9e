/**
 * `deno task viz`: the guide's "Try it" widgets, driven by the learner's
 * lessons (`--solutions`: by the reference solutions), on a local page.
 *
 *     deno task viz [--port N] [--data FILE] [--solutions]
 *
 * Serves, on 127.0.0.1 only, and only to its own page:
 *
 * - `GET /` and `GET /page/…`: the page (the files in `page/`, nothing else);
 * - `GET /api/boot`: `{ boot }`, an id that changes whenever a lesson is
 *   saved (the server watches `lessons/` and `solutions/`): the page polls
 *   it to know when to redraw;
 * - `GET /api/widgets`: every widget, live, waiting for a lesson, or broken;
 * - `POST /api/widgets/<id>`: a widget's numbers for a JSON request;
 * - `POST /api/train`: a training (`{ step, steps, page }`), streamed as NDJSON.
 *
 * It imports no lesson: the lessons run in child processes (`jobs.ts`), so a
 * lesson stuck in a loop never stops it from answering, and Ctrl-C always
 * stops it and every child. A refusal is an HTTP status and one sentence.
 *
 * @module
 */

import { parseFlags, parseInteger } from "../cli/args.ts";
import { EXIT_USAGE, exitCodeOf, UserError } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import { loadDataset } from "../data.ts";
import { importMapFor, isOffline } from "../maps.ts";
import { projectPath, ROOT_DIR } from "../root.ts";
import { Jobs, WIDGETS } from "./jobs.ts";
import { BadRequest, type Params, parseParams, Refusal } from "./params.ts";

/** The port `deno task viz` listens on without `--port`. */
const DEFAULT_PORT = 8018;

/** `deno task viz --help`. */
export const USAGE = `Usage: deno task viz [flags]

  --port N       the port to listen on, on 127.0.0.1 (default ${DEFAULT_PORT};
                 0 picks a free one)
  --data FILE    names to learn from (default: data/names.txt if it exists,
                 else the npm list the trainer uses)
  --solutions    run the reference solutions instead of your lessons
  --help, -h     show this help`;

/**
 * The command line: `--port`, `--data`, `--solutions`, `--help`.
 *
 * @throws {UserError} For an unknown flag or a bad port, in one sentence.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { parseArgs } from "./server.ts";
 *
 * assertEquals(parseArgs(["--port=9000", "--solutions"]), { port: 9000, solutions: true, help: false });
 * assertThrows(() => parseArgs(["--port", "70000"]), Error, "--port must be a port number from 0 to 65535: received 70000");
 * ```
 */
export function parseArgs(
  args: string[],
): { port: number; data?: string; solutions: boolean; help: boolean } {
  const flags = parseFlags(args, {
    values: ["port", "data"],
    booleans: ["solutions"],
    usage: "deno task viz [--port N] [--data FILE] [--solutions]",
  });
  const text = flags.values.get("port");
  const port = text === undefined
    ? DEFAULT_PORT
    : parseInteger("--port", text, 0);
  if (port > 65535) {
    throw new UserError(
      `--port must be a port number from 0 to 65535: received ${port}`,
      EXIT_USAGE,
    );
  }
  const data = flags.values.get("data");
  return {
    port,
    ...(data !== undefined && { data }),
    solutions: flags.booleans.has("solutions"),
    help: flags.booleans.has("help"),
  };
}

/** The largest request body the API reads, in bytes. */
const MAX_BODY_BYTES = 4096;

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
  const files = new Map<string, URL>([["/", new URL("index.html", PAGE_DIR)]]);
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
  return files;
}

function extension(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

/** The server's request handler, for `Deno.serve`. */
function createHandler(
  jobs: Jobs,
  source: string,
  port: () => number,
): (request: Request) => Promise<Response> {
  const files = pageFiles();
  return async (request) => {
    try {
      return await route(request);
    } catch (error) {
      if (error instanceof Refusal) return text(error.status, error.message);
      // The client left: nobody reads the answer.
      if (request.signal.aborted) return text(499, "The client has gone.");
      const problem = `The viz server failed: ${error}`;
      console.error(visible(problem, { max: 500 }));
      return text(500, problem);
    }
  };

  async function route(request: Request): Promise<Response> {
    checkSender(request, port());
    const { pathname } = new URL(request.url);
    const file = files.get(pathname);
    if (file !== undefined) {
      requireMethod(request, "GET");
      const type = TYPES[extension(file.pathname)];
      return new Response(await Deno.readFile(file), {
        headers: { "content-type": type, "cache-control": "no-store" },
      });
    }
    if (pathname === "/api/boot") {
      requireMethod(request, "GET");
      return json({ boot: jobs.boot });
    }
    if (pathname === "/api/widgets") {
      requireMethod(request, "GET");
      const statuses = await jobs.statuses();
      const widgets = WIDGETS.map((id, i) => ({ id, ...statuses[i] }));
      return json({ source, widgets });
    }
    if (pathname === "/api/train") {
      requireMethod(request, "POST");
      return jobs.train(await readParams(request));
    }
    const id = /^\/api\/widgets\/([a-z-]+)$/.exec(pathname)?.[1];
    if (id !== undefined && (WIDGETS as readonly string[]).includes(id)) {
      requireMethod(request, "POST");
      const params = await readParams(request);
      return json(await jobs.compute(id, params, request.signal));
    }
    throw new Refusal(
      404,
      `Nothing here: ${
        visible(pathname, { max: 80 })
      } is not a page file or an API path.`,
    );
  }
}

/**
 * Refuses a request that does not come from this server's own page: another
 * Host (another site's page reaching 127.0.0.1 through a name of its own),
 * another Origin, or a browser's `Sec-Fetch-Site` saying another site sent it.
 * Checked first: `request.url` is built from the Host header.
 */
function checkSender(request: Request, port: number): void {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = request.headers.get("host") ?? "";
  if (!own.includes(host)) {
    throw new BadRequest(
      `Unexpected Host header ${
        visible(host, { quote: true, max: 40 })
      }: this server answers only at http://127.0.0.1:${port}/.`,
    );
  }
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const sender = origin !== null && !own.some((o) => origin === `http://${o}`)
    ? `a page of ${visible(origin, { quote: true, max: 40 })}`
    : site !== null && site !== "same-origin" && site !== "none"
    ? `a ${visible(site, { quote: true, max: 20 })} request`
    : undefined;
  if (sender !== undefined) {
    throw new Refusal(
      403,
      `Refused ${sender}: this server answers only its own page.`,
    );
  }
}

function requireMethod(request: Request, method: string): void {
  if (request.method !== method) {
    throw new Refusal(
      405,
      `Use ${method} here, not ${visible(request.method, { max: 20 })}.`,
    );
  }
}

/** The request's body: a JSON object, sent as JSON, at most MAX_BODY_BYTES long. */
async function readParams(request: Request): Promise<Params> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new Refusal(
      415,
      `The request body must be JSON, sent with Content-Type: application/json, not ${
        visible(type, { quote: true, max: 40 })
      }.`,
    );
  }
  const tooLong = new Refusal(
    413,
    `The request body must be at most ${MAX_BODY_BYTES} bytes.`,
  );
  if (Number(request.headers.get("content-length")) > MAX_BODY_BYTES) {
    throw tooLong;
  }
  // Read chunk by chunk, so a body without a length stops at the limit too.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLong;
    chunks.push(chunk);
  }
  return parseParams(await new Blob(chunks).text());
}

/** A refusal or a failure: `status` and one sentence, as plain text. */
function text(status: number, sentence: string): Response {
  return new Response(`${sentence}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

function json(value: unknown): Response {
  return new Response(JSON.stringify(value), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
    },
  });
}

/**
 * Watches the lessons (and the solutions) and calls `changed` with the
 * file after a save: a save is several events, so it waits for them to
 * settle. A deleted or restored lesson is a change too.
 */
async function watchLessons(changed: (file: string) => void): Promise<void> {
  const dirs = ["lessons", "solutions"].map((dir) => ROOT_DIR + dir)
    .filter((dir) => {
      try {
        return Deno.statSync(dir).isDirectory;
      } catch {
        return false; // A copy without solutions/.
      }
    });
  let timer: ReturnType<typeof setTimeout> | undefined;
  for await (const event of Deno.watchFs(dirs)) {
    const file = event.paths.find((path) => path.endsWith(".ts"));
    if (file === undefined) continue;
    clearTimeout(timer);
    timer = setTimeout(() => changed(projectPath(`file://${file}`)), 100);
  }
}

/** Runs the server until Ctrl-C (or SIGTERM, SIGHUP); returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let options, dataset;
  try {
    options = parseArgs(args);
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    dataset = await loadDataset(options.data);
  } catch (error) {
    return exitCodeOf(error, (text) => console.error(text.trimEnd()));
  }
  const map = importMapFor(
    isOffline(),
    options.solutions ? "solutions" : "lessons",
  );
  const jobs = new Jobs(dataset.names, map);
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
          `microGPT viz: http://127.0.0.1:${port}/ (names from ${dataset.source}; Ctrl-C stops)`,
        );
      },
    }, createHandler(jobs, dataset.source, () => port));
  } catch (error) {
    if (!(error instanceof Deno.errors.AddrInUse)) throw error;
    console.error(
      `error: port ${port} on 127.0.0.1 is already in use (is another deno task viz running?): stop it, or pick another with --port N (0 picks a free one)`,
    );
    return 1;
  }
  watchLessons((file) => {
    jobs.restart();
    console.log(`microGPT viz: ${visible(file)} changed: the page redraws.`);
  });
  const shutdown = () => {
    jobs.restart();
    stopping.abort();
  };
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) Deno.addSignalListener(signal, shutdown);
  await server.finished;
  for (const signal of signals) Deno.removeSignalListener(signal, shutdown);
  console.log("microGPT viz: stopped.");
  return 0;
}
