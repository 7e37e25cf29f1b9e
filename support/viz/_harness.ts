/**
 * Test helpers: `deno task viz` started as a learner starts it (through the
 * launcher, offline, on a free port, in a process group of its own so that
 * a Ctrl-C reaches every process), on this checkout or on a throwaway copy
 * whose lessons a test may edit; and a headless Chromium to look at it.
 * Everything they create is removed when the test stops it.
 *
 * @module
 */

import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { allLessons } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

/** Debian's Chromium; the browser test is ignored without it. */
export const CHROMIUM = "/usr/bin/chromium";

/** Whether the browser test can run here. */
export const HAS_CHROMIUM = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

/** A running `deno task viz`. */
export interface Viz {
  /** The page's URL, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** The project it runs in, ending in "/": a copy's lessons may be edited. */
  root: string;
  /** The launcher's process id (it leads the group). */
  pid: number;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Signals the group (Ctrl-C: SIGINT) and waits; removes a copy. */
  stop(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
}

/**
 * Starts `deno task viz` (`--solutions` when `solutions`). With `copy`, in
 * a temporary copy of the kata, its lessons solved up to and including
 * `copy.solvedThrough` (none: "").
 */
export async function startViz(
  options: { solutions?: boolean; copy?: { solvedThrough: string } } = {},
): Promise<Viz> {
  const root = options.copy
    ? await copyKata(options.copy.solvedThrough)
    : ROOT_DIR;
  const task = JSON.parse(await Deno.readTextFile(`${ROOT_DIR}deno.json`))
    .tasks.viz.command as string;
  const args = [...task.split(" ").slice(1), "--port", "0"];
  const process = new Deno.Command("setsid", {
    args: [
      Deno.execPath(),
      ...args,
      ...(options.solutions ? ["--solutions"] : []),
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
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while ((url = /http:\/\/127\.0\.0\.1:\d+\//.exec(text)?.[0]) === undefined) {
    if (Date.now() > deadline) {
      Deno.kill(-process.pid, "SIGKILL");
      throw new Error(`deno task viz printed no URL within 30 s: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    root,
    pid: process.pid,
    output: () => text,
    async stop(signal = "SIGINT") {
      try {
        Deno.kill(-process.pid, signal);
      } catch {
        // Already gone.
      }
      const status = await process.status;
      await Promise.all(pumps);
      if (root !== ROOT_DIR) await Deno.remove(root, { recursive: true });
      return status;
    },
  };
}

/** A copy of the kata (what `deno task viz` reads), lessons solved through `lesson`. */
async function copyKata(lesson: string): Promise<string> {
  const root = `${await Deno.makeTempDir({ prefix: "viz_kata_" })}/`;
  for (const part of ["deno.json", "lessons", "solutions", "support"]) {
    await new Deno.Command("cp", { args: ["-r", ROOT_DIR + part, root] })
      .output();
  }
  const lessons = allLessons();
  const last = lessons.findIndex((entry) => entry.lesson.id === lesson);
  for (const { lessonFile, solutionFile } of lessons.slice(0, last + 1)) {
    await Deno.copyFile(root + solutionFile, root + lessonFile);
  }
  return root;
}

/**
 * The process ids of `pid` and its descendants (`depth` generations, all by
 * default), read from /proc: a test checks that none outlives viz.
 */
export function processTree(pid: number, depth = Infinity): number[] {
  const children = new Map<number, number[]>();
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      const parent = Number(
        stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1],
      );
      children.set(parent, [...children.get(parent) ?? [], Number(entry.name)]);
    } catch {
      // It has just ended.
    }
  }
  const tree = [pid];
  let generation = [pid];
  for (let g = 0; g < depth && generation.length > 0; g++) {
    generation = generation.flatMap((parent) => children.get(parent) ?? []);
    tree.push(...generation);
  }
  return tree;
}

/** Which of `pids` still run (a zombie, ended but not yet reaped, does not). */
export function alive(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      return !/\) Z /.test(Deno.readTextFileSync(`/proc/${pid}/stat`));
    } catch {
      return false;
    }
  });
}

/** A headless Chromium (its profile is removed when it closes) and a page on `url`. */
export async function openBrowser(
  url: string,
): Promise<
  { browser: Browser; page: Page; errors: string[]; close(): Promise<void> }
> {
  const profile = await Deno.makeTempDir({ prefix: "viz_chromium_" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      `--user-data-dir=${profile}`,
    ],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return {
    browser,
    page,
    errors,
    async close() {
      await browser.close();
      await Deno.remove(profile, { recursive: true });
    },
  };
}

/** A widget's data attributes, once it says it is ready. */
export async function widgetData(
  page: Page,
  id: string,
): Promise<Record<string, string>> {
  const selector = `[data-testid="${id}"]`;
  await page.waitForSelector(`${selector}[data-ready="true"]`, {
    timeout: 60_000,
  });
  // Written as a string: this file is type-checked without the DOM's types.
  return await page.evaluate(
    `({ ...document.querySelector(${JSON.stringify(selector)}).dataset })`,
  ) as Record<string, string>;
}
