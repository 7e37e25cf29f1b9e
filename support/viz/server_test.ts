/**
 * Tests of the viz server's safety, over HTTP (no browser): only page
 * files are served, bad requests get a 400 with one sentence, trainings are
 * bounded and stop when their page goes, Ctrl-C stops the server.
 *
 * @module
 */

import { assert, assertEquals, assertMatch, assertThrows } from "@std/assert";
import { UserError } from "../cli/errors.ts";
import { copyKata, makePipe, removeCopy } from "../commands/_testing.ts";
import { ROOT, startServer, type VizServer } from "./_harness.ts";
import { parseArgs } from "./args.ts";

/** Sends one raw HTTP/1.1 request (paths exactly as written) and reads the status line. */
async function rawStatus(
  server: VizServer,
  path: string,
  host = new URL(server.url).host,
): Promise<string> {
  const { port } = new URL(server.url);
  const conn = await Deno.connect({
    hostname: "127.0.0.1",
    port: Number(port),
  });
  await conn.write(new TextEncoder().encode(
    `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
  ));
  let text = "";
  for await (
    const chunk of conn.readable.pipeThrough(new TextDecoderStream())
  ) {
    text += chunk;
  }
  return text.split("\r\n")[0];
}

/** POSTs a body to a widget; returns the status and the body text. */
async function postText(
  server: VizServer,
  path: string,
  body: string,
): Promise<[number, string]> {
  const response = await fetch(new URL(path, server.url), {
    method: "POST",
    body,
  });
  return [response.status, await response.text()];
}

/** One sentence ending with a full stop and a newline. */
const ONE_SENTENCE = /^[^\n]+\.\n$/;

Deno.test({
  name: "viz server: only the page's own files, no path outside page/",
  sanitizeResources: false,
  async fn() {
    const server = await startServer("solutions");
    try {
      assertEquals(await rawStatus(server, "/"), "HTTP/1.1 200 OK");
      assertEquals(await rawStatus(server, "/page/app.js"), "HTTP/1.1 200 OK");
      for (
        const path of [
          "/page/../server.ts",
          "/page/../../../deno.json",
          "/page/%2e%2e/server.ts",
          "/page/..%2fserver.ts",
          "/support/viz/server.ts",
          "/etc/passwd",
          "//etc/passwd",
        ]
      ) {
        assertMatch(await rawStatus(server, path), /^HTTP\/1\.1 404 /, path);
      }
      const { host } = new URL(server.url);
      for (const foreign of ["evil.example:80", `${host} x`, `${host}.evil`]) {
        assertMatch(
          await rawStatus(server, "/", foreign),
          /^HTTP\/1\.1 400 /,
          `a foreign Host header: ${foreign}`,
        );
      }
    } finally {
      await server.close();
    }
  },
});

Deno.test({
  name: "viz server: bad requests get a 400 with one sentence",
  sanitizeResources: false,
  async fn() {
    const server = await startServer("solutions");
    try {
      const bad: [string, string][] = [
        ["/api/widgets/softmax", "not json"],
        ["/api/widgets/softmax", "[1, 2]"],
        ["/api/widgets/softmax", JSON.stringify({ logits: "2,1" })],
        ["/api/widgets/softmax", JSON.stringify({ logits: [1, "x"] })],
        ["/api/widgets/softmax", JSON.stringify({ logits: Array(28).fill(0) })],
        ["/api/widgets/softmax", JSON.stringify({ logits: [1e308, 0] })],
        ["/api/widgets/tokenizer", JSON.stringify({ name: "Ava!" })],
        ["/api/widgets/tokenizer", JSON.stringify({ name: "a".repeat(33) })],
        [
          "/api/widgets/temperature",
          JSON.stringify({ temperature: 0, prefix: "" }),
        ],
        ["/api/widgets/value-graph", JSON.stringify({ a: 1, b: 2, c: 3 })],
        ...[
          { name: "emma", step: 2, trained: 0 },
          { name: "emma", step: 3, trained: 500 },
          { name: "a".repeat(16), step: 3, trained: 0 },
          { name: "Emma", step: 4, trained: 0 },
        ].map((body) =>
          ["/api/widgets/attention", JSON.stringify(body)] as [string, string]
        ),
        ["/api/widgets/kv-cache", JSON.stringify({ name: "emma", step: 3 })],
        ...[
          { token: 27, pos: 0 },
          { token: 1, pos: 16 },
          { token: 1.5, pos: 0 },
        ].map((body) =>
          [
            "/api/widgets/embeddings",
            JSON.stringify({ ...body, step: 3, trained: 0 }),
          ] as [string, string]
        ),
        ["/api/widgets/ema", JSON.stringify({ beta: 1 })],
        [
          "/api/widgets/softmax",
          JSON.stringify({ logits: [1], pad: "x".repeat(5000) }),
        ],
      ];
      for (const [path, body] of bad) {
        const [status, text] = await postText(server, path, body);
        assertEquals(status, 400, `${path} ${body.slice(0, 40)}: ${text}`);
        assertMatch(text, ONE_SENTENCE);
      }
      const get = await fetch(new URL("/api/widgets/softmax", server.url));
      assertEquals(get.status, 400, "GET where POST is expected");
      assertMatch(await get.text(), ONE_SENTENCE);
      for (
        const query of [
          "step=1&steps=2001&page=p",
          "step=1&steps=0&page=p",
          "step=1&steps=1.5&page=p",
          "step=9&steps=10&page=p",
          "step=1&steps=10&page=../x",
          // Number() reads "" as 0 and "0x5" as 5: neither is a number here.
          "step=&steps=5&page=p",
          "steps=5&page=p",
          "step=1&steps=0x5&page=p",
          "step=1&steps=5e0&page=p",
        ]
      ) {
        const response = await fetch(
          new URL(`/api/train?${query}`, server.url),
        );
        assertEquals(response.status, 400, query);
        assertMatch(await response.text(), ONE_SENTENCE);
      }
      const [, anna] = await postText(
        server,
        "/api/widgets/tokenizer",
        JSON.stringify({ name: "Anna" }),
      );
      assertMatch(anna, /names are lower case/, "an upper-case slip says why");
      const [ok, answer] = await postText(
        server,
        "/api/widgets/softmax",
        JSON.stringify({ logits: [0, 0] }),
      );
      assertEquals([ok, JSON.parse(answer).probs], [200, [0.5, 0.5]]);
    } finally {
      await server.close();
    }
  },
});

Deno.test({
  name:
    "viz server: a model trained for a widget names the lesson it waits for (409)",
  sanitizeResources: false,
  async fn() {
    // Steps 0–4 solved: Step 5's model is Step 4's, but Adam is a stub.
    const server = await startServer({ solvedSteps: [0, 1, 2, 3, 4] });
    try {
      const { widgets } = await (await fetch(
        new URL("/api/widgets", server.url),
      )).json();
      const attention = widgets.find((w: { id: string }) =>
        w.id === "attention"
      );
      assertEquals(
        attention.details.steps.map((s: { state: string }) => s.state),
        ["live", "live", "waiting"],
      );
      const [status, text] = await postText(
        server,
        "/api/widgets/attention",
        JSON.stringify({ name: "emma", step: 5, trained: 200 }),
      );
      assertEquals(status, 409, text);
      assertMatch(text, /^Waits for lesson step5\/\d\d .*\.\n$/);
    } finally {
      await server.close();
    }
  },
});

/** Starts a long Step 2 training for `page` and reads its first line. */
async function startTraining(
  server: VizServer,
  page: string,
): Promise<{ status: number; reader?: ReadableStreamDefaultReader<string> }> {
  const response = await fetch(
    new URL(`/api/train?step=2&steps=2000&page=${page}`, server.url),
  );
  if (!response.ok) {
    await response.body?.cancel();
    return { status: response.status };
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream())
    .getReader();
  assertMatch((await reader.read()).value ?? "", /"type"/);
  return { status: response.status, reader };
}

Deno.test({
  name:
    "viz server: one training per page, at most two in all, stopped when the page goes",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer("solutions");
    try {
      // Page a starts a training, then closes (cancels its request).
      const a = await startTraining(server, "a");
      await a.reader!.cancel();
      // Page b trains, then starts again: its first training is stopped.
      const b1 = await startTraining(server, "b");
      const b2 = await startTraining(server, "b");
      let rest = "";
      while (true) {
        const { value, done } = await b1.reader!.read();
        if (done) break;
        rest += value;
      }
      assert(!rest.includes('"done"'), "the replaced training ends early");
      // Page a's and page b's first trainings are gone: c still has room.
      const c = await startTraining(server, "c");
      assertEquals(c.status, 200, "a closed page's training no longer counts");
      const d = await startTraining(server, "d");
      assertEquals(d.status, 503, "a third training at once is refused");
      await b2.reader!.cancel();
      await c.reader!.cancel();
    } finally {
      await server.close();
    }
  },
});

Deno.test({
  name: "viz server: Ctrl-C stops it cleanly, also while a page is training",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer("solutions");
    const training = await startTraining(server, "a");
    server.process.kill("SIGINT");
    const status = await server.process.status;
    await training.reader!.cancel().catch(() => {});
    assertEquals(status.code, 0);
    await server.close();
    assert(server.stdout().includes("stopped"), server.stdout());
  },
});

Deno.test("viz server: flags --port, --data, --solutions, --help; others refused", () => {
  assertEquals(parseArgs([]), { port: 8018, help: false });
  assertEquals(parseArgs(["--port", "0", "--solutions"]), {
    port: 0,
    help: false,
  });
  assertEquals(parseArgs(["--port=9000", "--data", "x.txt", "-h"]), {
    port: 9000,
    data: "x.txt",
    help: true,
  });
  for (const args of [["--port", "70000"], ["--port"], ["--host", "0.0.0.0"]]) {
    let message = "";
    try {
      parseArgs(args);
    } catch (error) {
      message = (error as Error).message;
    }
    assertMatch(message, /^[^\n]+$/, args.join(" "));
  }
  // The same shape as every other number flag: what is expected, what came.
  assertThrows(
    () => parseArgs(["--port", "70000"]),
    UserError,
    "--port must be a port number from 0 to 65535: received 70000",
  );
});

/**
 * Runs `deno task viz` with `flag` in its own process group; when it has
 * not ended within `ms` (the watcher waiting for a file change), kills the
 * group and says so.
 */
async function runTask(
  flags: string[],
  ms: number,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const task = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)).tasks
    .viz.command as string;
  const child = new Deno.Command("setsid", {
    args: [Deno.execPath(), ...task.split(" ").slice(1), ...flags],
    cwd: ROOT,
    env: { KATA_OFFLINE: "1", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    Deno.kill(-child.pid, "SIGKILL");
  }, ms);
  const { code, stdout, stderr } = await child.output();
  clearTimeout(timer);
  if (hung) {
    throw new Error(
      `deno task viz ${flags.join(" ")} did not end within ${ms} ms`,
    );
  }
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

Deno.test({
  name:
    "deno task viz (under --watch) ends on a bad flag, bad names, a busy port or --help, with the server's own exit code",
  async fn() {
    const bad = await runTask(["--bogus"], 20_000);
    assertEquals(bad.code, 2, bad.stderr);
    assertMatch(bad.stderr, /Unknown flag "--bogus"/);
    const names = await runTask(["--data", "/nonexistent/names.txt"], 20_000);
    assertEquals(names.code, 1, names.stderr);
    assertMatch(names.stderr, /Cannot read data file/);
    // The launcher's check runs before the watcher: nothing of it shows.
    assert(!names.stderr.includes("Watcher"), names.stderr);
    const holder = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    try {
      const port = String((holder.addr as Deno.NetAddr).port);
      const busy = await runTask(["--port", port], 20_000);
      assertEquals(busy.code, 1, busy.stderr);
      assertMatch(
        busy.stderr,
        new RegExp(`port ${port} on 127.0.0.1 is already in use`),
      );
    } finally {
      holder.close();
    }
    const help = await runTask(["--help"], 20_000);
    assertEquals(help.code, 0, help.stderr);
    assertMatch(help.stdout, /^Usage: deno task viz/);
  },
});

Deno.test("deno task viz's check before the watcher refuses a pipe where a lesson should be", async () => {
  const root = await copyKata({ tests: [] });
  try {
    const lesson = `${root}lessons/step1/04_softmax.ts`;
    Deno.removeSync(lesson);
    if (!await makePipe(lesson)) return; // No mkfifo here.
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--import-map",
        "support/maps/offline.json",
        "support/viz/args.ts",
      ],
      cwd: root,
      env: { NO_COLOR: "1" },
      stdin: "null",
      signal: AbortSignal.timeout(30_000),
    }).output();
    assertEquals(code, 1);
    assertMatch(
      new TextDecoder().decode(stderr),
      /^error: lessons\/step1\/04_softmax\.ts is a pipe, expected the lesson's file/,
    );
  } finally {
    await removeCopy(root);
  }
});
