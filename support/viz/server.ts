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
 * - `POST /api/train`: a training (`{ step, steps }`), streamed as NDJSON.
 *
 * It imports no lesson: the lessons run in child processes (`jobs.ts`), so a
 * lesson stuck in a loop never stops it from answering, and Ctrl-C always
 * stops it and every child. A refusal is an HTTP status and one sentence.
 *
 * @module
 */

import { parseFlags, parseInteger } from "../cli/args.ts";
import { EXIT_USAGE, UserError } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import { loadDataset } from "../data.ts";
import { hasSolutions, importMapFor, isOffline } from "../maps.ts";
import { projectPath, ROOT_DIR } from "../root.ts";
import { Jobs } from "./jobs.ts";
import { BadRequest, type Params, parseParams, Refusal } from "./params.ts";

/** The port `deno task viz` listens on without `--port`. */
const DEFAULT_PORT = 8018;

/**
 * The command line: `--port`, `--data`, `--solutions` (`--help` shows
 * `support/help/viz.txt` and ends).
 *
 * @throws {UserError} For an unknown flag or a bad port, in one sentence.
 * @throws {ShowHelp} For `--help`.
 *
 * @example Usage
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { parseArgs } from "./server.ts";
 *
 * assertEquals(parseArgs(["--port=9000", "--data=x.txt"]), { port: 9000, data: "x.txt", solutions: false });
 * assertThrows(() => parseArgs(["--port", "70000"]), Error, "--port must be a port number from 0 to 65535: received 70000");
 * ```
 */
export function parseArgs(args: string[]) {
  const flags = parseFlags(args, {
    values: ["port", "data"],
    booleans: ["solutions"],
    command: "viz",
  });
  const text = flags.values.get("port") ?? String(DEFAULT_PORT);
  const port = parseInteger("--port", text, 0);
  if (port > 65535) {
    const problem =
      `--port must be a port number from 0 to 65535: received ${port}`;
    throw new UserError(problem, EXIT_USAGE);
  }
  return {
    port,
    data: flags.values.get("data"),
    solutions: flags.booleans.has("solutions"),
  };
}

/** The largest request body the API reads, in bytes. */
const MAX_BODY_BYTES = 4096;

/**
 * The page's files, by URL path: letters and hyphens, in `page/` or
 * `page/widgets/`. Nothing else is ever read, so no path reaches outside.
 * Each is served as `text/<its extension>` (JavaScript's is "javascript").
 */
const PAGE_FILE = /^\/page\/(widgets\/)?[a-z-]+\.(html|js|css)$/;

/** Answers one request, or refuses it with a status and one sentence. */
async function route(
  request: Request,
  jobs: Jobs,
  port: number,
): Promise<Response> {
  checkSender(request, port);
  const { pathname } = new URL(request.url);
  const { signal } = request;
  const page = pathname === "/" ? "/page/index.html" : pathname;
  const extension = PAGE_FILE.exec(page)?.[2];
  const widget = jobs.widgets.find((id) => pathname === `/api/widgets/${id}`);
  const posted = widget !== undefined || pathname === "/api/train";
  const got = extension !== undefined ||
    ["/api/boot", "/api/widgets"].includes(pathname);
  if (posted || got) requireMethod(request, posted ? "POST" : "GET");
  if (widget !== undefined) {
    return json(await jobs.compute(widget, await readParams(request), signal));
  }
  if (posted) return jobs.train(await readParams(request), signal);
  if (pathname === "/api/boot") return json({ boot: jobs.boot });
  if (pathname === "/api/widgets") {
    const widgets = await jobs.statuses();
    return json({ source: jobs.dataset.source, widgets });
  }
  const path = visible(pathname, { max: 80 });
  const missing = new Refusal(
    404,
    `Nothing here: ${path} is not a page file or an API path.`,
  );
  // Only a page file: nothing else is ever read.
  if (extension === undefined) throw missing;
  const url = new URL(`.${page}`, import.meta.url);
  const text = await Deno.readFile(url).catch(() => Promise.reject(missing));
  const type = `text/${extension === "js" ? "javascript" : extension}`;
  return new Response(text, {
    headers: { "content-type": `${type}; charset=utf-8` },
  });
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
    const shown = visible(host, { quote: true, max: 40 });
    throw new BadRequest(
      `Unexpected Host header ${shown}: this server answers only at http://127.0.0.1:${port}/.`,
    );
  }
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  let sender;
  if (origin !== null && !own.some((o) => origin === `http://${o}`)) {
    sender = `a page of ${visible(origin, { quote: true, max: 40 })}`;
  } else if (site !== null && site !== "same-origin" && site !== "none") {
    sender = `a ${visible(site, { quote: true, max: 20 })} request`;
  } else return;
  throw new Refusal(
    403,
    `Refused ${sender}: this server answers only its own page.`,
  );
}

function requireMethod(request: Request, method: string): void {
  if (request.method !== method) {
    const used = visible(request.method, { max: 20 });
    throw new Refusal(405, `Use ${method} here, not ${used}.`);
  }
}

/**
 * The request's body: JSON (so declared), at most MAX_BODY_BYTES long, as
 * its Content-Length says (the HTTP server reads no more than that).
 */
async function readParams(request: Request): Promise<Params> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    const shown = visible(type, { quote: true, max: 40 });
    throw new Refusal(
      415,
      `The request body must be JSON, sent with Content-Type: application/json, not ${shown}.`,
    );
  }
  const length = Number(request.headers.get("content-length") ?? NaN);
  if (!(length <= MAX_BODY_BYTES)) {
    throw new Refusal(
      413,
      `The request body must be at most ${MAX_BODY_BYTES} bytes, sent with its Content-Length.`,
    );
  }
  return parseParams(await request.text());
}

/** An answer of the API: JSON, never cached (it changes with the lessons). */
function json(body: unknown): Response {
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}

/** A refusal: one sentence, as plain text. */
function sentence(text: string, status: number): Response {
  const headers = { "content-type": "text/plain; charset=utf-8" };
  return new Response(`${text}\n`, { status, headers });
}

/**
 * Watches the lessons (and the solutions) and calls `changed` with the
 * file after a save; a save is several events, so it waits for them to
 * settle. A deleted or restored lesson is a change too.
 */
async function watchLessons(changed: (file: string) => void): Promise<void> {
  const dirs = [`${ROOT_DIR}lessons`];
  if (hasSolutions()) dirs.push(`${ROOT_DIR}solutions`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  for await (const { paths } of Deno.watchFs(dirs)) {
    const file = paths.find((path) => path.endsWith(".ts"));
    if (file === undefined) continue;
    clearTimeout(timer);
    timer = setTimeout(() => changed(projectPath(`file://${file}`)), 100);
  }
}

/**
 * Runs the server until Ctrl-C (or SIGTERM, SIGHUP); returns the exit code.
 *
 * @throws {UserError} For a bad command line, data file or busy port.
 */
export async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  const dataset = await loadDataset(options.data);
  const code = options.solutions ? "solutions" : "lessons";
  const jobs = new Jobs(dataset, importMapFor(isOffline(), code));
  // Watching from the start: a save while the server starts is seen too.
  watchLessons((file) => {
    jobs.restart();
    console.log(`microGPT viz: ${visible(file)} changed: the page redraws.`);
  });
  let port = options.port;
  let server: Deno.HttpServer;
  const handler = async (request: Request) => {
    try {
      return await route(request, jobs, port);
    } catch (error) {
      if (error instanceof Refusal) {
        return sentence(error.message, error.status);
      }
      // The client left (maybe halfway through its body): nobody reads.
      if (request.signal.aborted || error instanceof Deno.errors.BadResource) {
        return sentence("The client has gone.", 499);
      }
      const problem = visible(`The viz server failed: ${error}`, { max: 500 });
      console.error(problem);
      return sentence(problem, 500);
    }
  };
  try {
    server = Deno.serve({
      hostname: "127.0.0.1",
      port,
      onListen: (addr) => {
        port = addr.port;
        console.log(
          `microGPT viz: http://127.0.0.1:${port}/ (names from ${dataset.source}; Ctrl-C stops)`,
        );
      },
    }, handler);
  } catch (error) {
    if (!(error instanceof Deno.errors.AddrInUse)) throw error;
    throw new UserError(
      `port ${port} on 127.0.0.1 is already in use (is another deno task viz running?): stop it, or pick another with --port N (0 picks a free one)`,
    );
  }
  const shutdown = () => {
    jobs.restart();
    server.shutdown();
  };
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) Deno.addSignalListener(signal, shutdown);
  // A launcher killed outright (kill -9) passes nothing on: stop with it.
  const parent = Deno.ppid;
  const orphaned = setInterval(() => Deno.ppid !== parent && shutdown(), 1000);
  await server.finished;
  clearInterval(orphaned);
  console.log("microGPT viz: stopped.");
  return 0;
}
