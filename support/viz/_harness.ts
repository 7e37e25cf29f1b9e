/**
 * Test helpers: start the viz server as `deno task viz` would (on
 * a free port, with an import map), and a headless Chromium to look at it.
 *
 * @module
 */

import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { allLessons } from "../manifest.ts";

/** Debian's Chromium; the browser tests are ignored without it. */
export const CHROMIUM = "/usr/bin/chromium";

/** Whether the browser tests can run here. */
export const HAS_CHROMIUM = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

/** The project root, as a path ending in "/". */
export const ROOT = new URL("../../", import.meta.url).pathname;

/** A running viz server. */
export interface VizServer {
  /** Its base URL, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** Everything it printed on stdout so far. */
  stdout: () => string;
  /** The process, to signal it. */
  process: Deno.ChildProcess;
  /** Stops it (SIGTERM) and waits for it to exit. */
  close(): Promise<Deno.CommandStatus>;
}

/**
 * Which code the server runs: the lessons, the solutions, or a learner's
 * mix (the solutions for whole steps, or for every lesson up to one).
 */
export type Code =
  | "lessons"
  | "solutions"
  | { solvedSteps: number[] }
  | { solvedThrough: string };

/** The offline import map for `code`: the checked-in ones, or a temporary one. */
export async function mapFor(code: Code): Promise<string> {
  if (code === "solutions") return "support/maps/offline_solutions.json";
  if (code === "lessons") return "support/maps/offline.json";
  return await partlySolvedMap(solvedFiles(code));
}

/**
 * Starts the server against `code`, on a free port. Uses the offline maps:
 * the server imports no @std, so they always load.
 */
export async function startServer(code: Code): Promise<VizServer> {
  const map = await mapFor(code);
  const process = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-R",
      "--allow-env",
      "--allow-net=127.0.0.1",
      "--import-map",
      map,
      "support/commands/viz.ts",
      "--port",
      "0",
    ],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let text = "";
  const reader = process.stdout.pipeThrough(new TextDecoderStream())
    .getReader();
  const pump = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      text += value;
    }
  })();
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (url === undefined) {
    url = /http:\/\/127\.0\.0\.1:\d+\//.exec(text)?.[0];
    if (Date.now() > deadline) {
      process.kill();
      throw new Error(`the viz server printed no URL within 30 s: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stdout: () => text,
    process,
    async close() {
      try {
        process.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      const status = await process.status;
      await pump;
      if (typeof code === "object") await Deno.remove(map).catch(() => {});
      return status;
    },
  };
}

/**
 * The lesson files a learner with `code` has solved: those of whole steps,
 * or every lesson up to and including one, in the kata's order.
 */
function solvedFiles(
  code: { solvedSteps: number[] } | { solvedThrough: string },
): string[] {
  const lessons = allLessons();
  if ("solvedSteps" in code) {
    return lessons.filter((e) => code.solvedSteps.includes(e.track.step))
      .map((e) => e.lessonFile);
  }
  const last = lessons.findIndex((e) => e.lesson.id === code.solvedThrough);
  if (last < 0) throw new Error(`no lesson ${code.solvedThrough}`);
  return lessons.slice(0, last + 1).map((e) => e.lessonFile);
}

/**
 * An import map (in a temporary file) that runs the solutions for the
 * lesson files in `solved` and the lessons for the others: a learner who
 * has solved those lessons.
 */
async function partlySolvedMap(solved: string[]): Promise<string> {
  const offline = JSON.parse(
    await Deno.readTextFile(`${ROOT}support/maps/offline.json`),
  ) as { imports: Record<string, string> };
  const mapsDir = new URL("../maps/", import.meta.url);
  const imports: Record<string, string> = {};
  for (const [key, target] of Object.entries(offline.imports)) {
    imports[key] = target.startsWith(".")
      ? new URL(target, mapsDir).href
      : target;
  }
  for (const file of solved) {
    imports[new URL(file, `file://${ROOT}`).href] = new URL(
      file.replace(/^lessons\//, "solutions/"),
      `file://${ROOT}`,
    ).href;
  }
  const file = await Deno.makeTempFile({ prefix: "viz_map_", suffix: ".json" });
  await Deno.writeTextFile(file, JSON.stringify({ imports }));
  return file;
}

/** A headless Chromium that works on this closed network, as root. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await Deno.makeTempDir({ prefix: "viz_chromium_" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      `--user-data-dir=${profile}`,
    ],
  });
  browser.on("disconnected", () => {
    Deno.remove(profile, { recursive: true }).catch(() => {});
  });
  return browser;
}

/** A page that records every console error and uncaught exception. */
export async function openPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, errors };
}

// The functions below run in the page: written as strings, because this
// file is type-checked without the DOM's types.

/** A widget's data attributes, once it says it is ready. */
export async function widgetData(
  page: Page,
  id: string,
): Promise<Record<string, string>> {
  const selector = `[data-testid="${id}"]`;
  await page.waitForSelector(`${selector}[data-ready="true"]`, {
    timeout: 30_000,
  });
  return await page.evaluate(
    `({ ...document.querySelector(${JSON.stringify(selector)}).dataset })`,
  ) as Record<string, string>;
}

/** Sets an input's value as a user would, firing `input`. */
export async function setInput(
  page: Page,
  selector: string,
  value: string,
): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    el.value = ${JSON.stringify(value)};
    el.dispatchEvent(new Event("input"));
  })()`);
}

/** Waits until widget `id`'s data attribute `key` equals `value`. */
export async function waitForData(
  page: Page,
  id: string,
  key: string,
  value: string,
): Promise<void> {
  await page.waitForFunction(
    `document.querySelector('[data-testid="${id}"]')?.dataset[${
      JSON.stringify(key)
    }] === ${JSON.stringify(value)}`,
    { timeout: 30_000 },
  );
}

/** Numbers from a comma-separated data attribute. */
export function numbers(text: string | undefined): number[] {
  return (text ?? "").split(",").filter((x) => x !== "").map(Number);
}

/** `deno task viz` on a copy of the project, as a learner runs it. */
export interface LauncherRun {
  /** The page's URL. */
  url: string;
  /** The copy's root, ending in "/": edit its lessons to restart the server. */
  root: string;
  /** Everything the launcher and the server printed so far. */
  output: () => string;
  /** Ctrl-C, as a terminal sends it (to the launcher and the server); its exit status. */
  stop(): Promise<Deno.CommandStatus>;
}

/**
 * Copies the project (lessons, solutions, support, deno.json) to a
 * temporary directory and runs `deno task viz`'s command there (offline),
 * on a free port: its lessons can be edited without touching this checkout.
 * The launcher leads its own process group, so `stop` reaches the server
 * too, as Ctrl-C in a terminal does.
 */
export async function startLauncherCopy(): Promise<LauncherRun> {
  const root = `${await Deno.makeTempDir({ prefix: "viz_project_" })}/`;
  for (const entry of ["lessons", "solutions", "support", "deno.json"]) {
    await new Deno.Command("cp", {
      args: ["-r", `${ROOT}${entry}`, root],
    }).output();
  }
  // A free port, fixed: --watch restarts the server on the same one.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  const task = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)).tasks
    .viz.command as string;
  const process = new Deno.Command("setsid", {
    args: [
      Deno.execPath(),
      ...task.split(" ").slice(1),
      "--port",
      String(port),
    ],
    cwd: root,
    env: { KATA_OFFLINE: "1", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  const pumps = [process.stdout, process.stderr].map(async (stream) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      text += chunk;
    }
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  while (!text.includes(url)) {
    if (Date.now() > deadline) {
      Deno.kill(-process.pid, "SIGKILL");
      throw new Error(`deno task viz printed no URL within 30 s: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    root,
    output: () => text,
    async stop() {
      try {
        Deno.kill(-process.pid, "SIGINT");
      } catch {
        // Already gone.
      }
      const status = await process.status;
      await Promise.all(pumps);
      await Deno.remove(root, { recursive: true });
      return status;
    },
  };
}
