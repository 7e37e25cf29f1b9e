/**
 * Tests of `deno task viz` over HTTP, each on the command a learner runs:
 * it answers only its own page, refuses bad requests in one sentence,
 * stops the work nobody waits for, names a lesson stuck in a loop while it
 * keeps answering, comes back when the lesson is fixed, and ends every
 * process on Ctrl-C.
 *
 * @module
 */

import { assert, assertEquals, assertLess, assertMatch } from "@std/assert";
import { smoothLoss } from "../train/chart.ts";
import { importMapFor } from "../maps.ts";
import { alive, processTree, startViz, type Viz } from "./_harness.ts";
import { Jobs } from "./jobs.ts";

/** The softmax playground's five logits. */
const LOGITS = { a: 1, b: 2, c: 0, d: 0, e: 0 };

/** One sentence ending with a full stop and a newline. */
const ONE_SENTENCE = /^[^\n]+\.\n$/;

/** A request to `viz`; a body is sent as JSON unless `headers` say otherwise. */
async function ask(
  viz: Viz,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const init = body === undefined ? {} : {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  };
  const response = await fetch(new URL(path, viz.url), { headers, ...init });
  return { status: response.status, text: await response.text() };
}

/** Sends one raw HTTP/1.1 GET (the path and Host exactly as written); its status line and body. */
async function raw(viz: Viz, path: string, host = new URL(viz.url).host) {
  const conn = await Deno.connect({
    hostname: "127.0.0.1",
    port: Number(new URL(viz.url).port),
  });
  await conn.write(new TextEncoder().encode(
    `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
  ));
  const text = await new Response(conn.readable).text();
  return {
    status: text.split("\r\n")[0],
    body: text.split("\r\n\r\n")[1] ?? "",
  };
}

/** The processes viz's server started: the launcher's tree without itself and the server. */
function children(viz: Viz): number[] {
  return alive(processTree(viz.pid).slice(2));
}

/** Waits until `condition()` holds, at most `ms`; returns how long it took. */
async function until(
  condition: () => boolean | Promise<boolean>,
  ms: number,
): Promise<number> {
  const start = performance.now();
  while (!await condition()) {
    if (performance.now() - start > ms) {
      throw new Error(`not within ${ms} ms: ${condition}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - start;
}

/** A widget's status, as the page reads it. */
async function status(viz: Viz, id: string) {
  const { widgets } = JSON.parse((await ask(viz, "/api/widgets")).text);
  return widgets.find((widget: { id: string }) => widget.id === id);
}

/** Asks for a training of step `step`; its stream's reader. */
async function training(viz: Viz, step = 5) {
  const response = await fetch(new URL("/api/train", viz.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ step, steps: 2000 }),
  });
  return response.body!.pipeThrough(new TextDecoderStream()).getReader();
}

/** Starts a training and reads its first line. */
async function startTraining(viz: Viz, step = 5) {
  const reader = await training(viz, step);
  assertMatch((await reader.read()).value ?? "", /"type"/);
  return reader;
}

Deno.test({
  name:
    "viz answers only its own page: other hosts, origins and sites, and bodies that are not JSON, are refused",
  sanitizeResources: false,
  async fn() {
    const viz = await startViz({ solutions: true });
    try {
      const { host } = new URL(viz.url);
      assertEquals((await raw(viz, "/")).status, "HTTP/1.1 200 OK");
      for (
        const path of [
          "/page/../server.ts",
          "/page/%2e%2e/server.ts",
          "/page/..%2fchild.ts",
          "//etc/passwd",
          "/support/viz/server.ts",
        ]
      ) {
        assertMatch((await raw(viz, path)).status, /^HTTP\/1\.1 404 /, path);
      }
      // DNS rebinding: another name that resolves to 127.0.0.1. The refusal
      // shows the Host short, with its invisible characters escaped.
      for (
        const foreign of [
          "evil.example:80",
          `${host}.evil`,
          `x\u202e${"y".repeat(300)}`,
        ]
      ) {
        const { status, body } = await raw(viz, "/", foreign);
        assertMatch(status, /^HTTP\/1\.1 400 /, foreign);
        assertMatch(body, ONE_SENTENCE);
        assertLess(body.length, 200);
        assert(!body.includes("\u202e"), body);
      }
      const refusals: [number, string, unknown, Record<string, string>][] = [
        [403, "/api/boot", undefined, { origin: "https://evil.example" }],
        [403, "/api/widgets/softmax", LOGITS, { origin: "null" }],
        [403, "/api/widgets/softmax", LOGITS, {
          "sec-fetch-site": "cross-site",
        }],
        [403, "/api/boot", undefined, { "sec-fetch-site": "same-site" }],
        // A no-cors POST from another page: text/plain, no preflight.
        [415, "/api/train", '{"step":5,"steps":2000}', {
          "content-type": "text/plain",
        }],
        [415, "/api/widgets/softmax", "{}", {
          "content-type": "application/x-www-form-urlencoded",
        }],
        [405, "/api/widgets/softmax", undefined, {}],
        [
          413,
          "/api/widgets/softmax",
          { ...LOGITS, pad: "x".repeat(5000) },
          {},
        ],
        [400, "/api/widgets/softmax", "not json", {}],
        [400, "/api/widgets/softmax", [1, 2], {}],
        [400, "/api/widgets/softmax", { ...LOGITS, e: "x" }, {}],
        [400, "/api/widgets/tokenizer", { name: "a".repeat(33) }, {}],
        [
          400,
          "/api/widgets/attention",
          { name: "emma", step: 2, trained: 0 },
          {},
        ],
        [400, "/api/widgets/embeddings", {
          token: 1.5,
          pos: 0,
          step: 3,
          trained: 0,
        }, {}],
        [400, "/api/train", { step: 1, steps: 2001 }, {}],
        [404, "/api/widgets/loss-curve", {}, {}],
      ];
      for (const [expected, path, body, headers] of refusals) {
        const { status, text } = await ask(viz, path, body, headers);
        assertEquals(
          status,
          expected,
          `${path} ${JSON.stringify(headers)}: ${text}`,
        );
        assertMatch(text, ONE_SENTENCE);
      }
      assertEquals(
        (await ask(viz, "/api/boot", undefined, {
          origin: viz.url.slice(0, -1),
        })).status,
        200,
      );
      assertEquals(
        (await ask(viz, "/api/boot", undefined, {
          "sec-fetch-site": "same-origin",
        })).status,
        200,
      );
      // As the command line says it: too large, not "got null".
      const huge = await ask(viz, "/api/widgets/ema", '{"beta": 1e309}');
      assertMatch(huge.text, /"beta" is too large: it rounds to infinity/);
      const bidi = await ask(viz, "/api/widgets/tokenizer", {
        name: "a\u202eb",
      });
      assertMatch(bidi.text, /^"\\u202e" is not in the vocabulary/);
      assertMatch(
        (await ask(viz, "/api/widgets/tokenizer", { name: "Anna" })).text,
        /names are lower case/,
      );
    } finally {
      await viz.stop();
    }
  },
});

Deno.test({
  name:
    "viz on the solutions: the widgets' numbers, and a training streamed with the trainer's smoothing",
  sanitizeResources: false,
  async fn() {
    const viz = await startViz({ solutions: true });
    try {
      const json = async (path: string, body: unknown) =>
        JSON.parse((await ask(viz, path, body)).text);
      assertEquals(
        (await json("/api/widgets/softmax", { ...LOGITS, a: 0, b: 0 })).probs,
        [0.2, 0.2, 0.2, 0.2, 0.2],
      );
      assertEquals(
        (await json("/api/widgets/tokenizer", { name: "ava" })).ids,
        [26, 0, 21, 0, 26],
      );
      const { readings } = await json("/api/widgets/kv-cache", {
        name: "mia",
        step: 4,
        trained: 200,
      });
      readings.forEach(
        (
          { heads, keys }: { heads: number[][]; keys: number[][] },
          p: number,
        ) => {
          assertEquals(keys.length, p + 1, "the cache holds positions 0 … p");
          assertEquals(heads.map((row) => row.length), [
            p + 1,
            p + 1,
            p + 1,
            p + 1,
          ]);
          for (const row of heads) {
            assertLess(Math.abs(row.reduce((a, b) => a + b) - 1), 1e-9);
          }
        },
      );
      const embedding = await json("/api/widgets/embeddings", {
        token: 4,
        pos: 7,
        step: 3,
        trained: 0,
      });
      embedding.sum.forEach((x: number, j: number) =>
        assertEquals(x, embedding.wte[j] + embedding.wpe[j])
      );
      const response = await fetch(new URL("/api/train", viz.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ step: 1, steps: 5 }),
      });
      const lines = (await response.text()).trim().split("\n").map((line) =>
        JSON.parse(line)
      );
      const steps = lines.filter((m) => m.type === "step");
      let smoothed = NaN;
      for (const { loss, step, smooth } of steps) {
        assertEquals(smooth, smoothed = smoothLoss(smoothed, loss, step, 5));
      }
      const printed = lines.find((m) =>
        m.type === "line" && m.text.startsWith("step    1 /")
      );
      assertEquals(
        printed.text,
        `step    1 /    5 | loss ${steps[0].loss.toFixed(4)}`,
      );
      assertEquals(lines.at(-1), { type: "done" });
    } finally {
      await viz.stop();
    }
  },
});

Deno.test({
  name:
    "viz for a learner through step3/05: a waiting card names its range, the lesson to write and its test",
  sanitizeResources: false,
  async fn() {
    const viz = await startViz({ copy: { solvedThrough: "step3/05" } });
    try {
      const ema = await status(viz, "ema");
      assertEquals([ema.state, ema.lesson, ema.command], [
        "waiting",
        "step5/01",
        "deno task test tests/step5/01_ema_test.ts",
      ]);
      assertMatch(
        ema.message,
        /^Needs lesson step5\/01\. Next to write: lesson step5\/01 ".*" \(guide .*\): open lessons\/step5\/01_ema\.ts/,
      );
      // Steps 0–2 train without waiting for Step 3.
      const steps = (await status(viz, "all-steps")).details.steps;
      assertEquals(steps.map((s: { state: string }) => s.state), [
        "live",
        "live",
        "live",
        "waiting",
        "waiting",
        "waiting",
      ]);
      assertEquals(steps[3].lesson, "step3/06");
      assertMatch(
        steps[3].message,
        /^Needs the lessons of Step 3 and those it builds on\. Next to write: lesson step3\/06 /,
      );
      const attention = (await status(viz, "attention")).details.steps[0];
      assertEquals([attention.state, attention.trained.state], [
        "live",
        "waiting",
      ]);
      const trained = await ask(viz, "/api/widgets/attention", {
        name: "emma",
        step: 3,
        trained: 200,
      });
      assertEquals(trained.status, 409, trained.text);
      assertMatch(trained.text, /^Waits for lesson step3\/06 /);
    } finally {
      await viz.stop();
    }
  },
});

Deno.test({
  name:
    "viz stops the work nobody waits for: a training whose client left; two run at once, a third waits its turn",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const viz = await startViz({ solutions: true });
    try {
      const a = await startTraining(viz);
      await a.cancel();
      const left = await until(() => children(viz).length === 0, 5000);
      console.log(
        `a training whose client left ended in ${left.toFixed(0)} ms`,
      );
      const [b, c] = [await startTraining(viz), await startTraining(viz)];
      const d = await training(viz);
      const third = d.read();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assertEquals(children(viz).length, 2, "a third training waits");
      await b.cancel();
      assertMatch((await third).value ?? "", /"type"/, "its turn comes");
      await c.cancel();
      await d.cancel();
      await until(() => children(viz).length === 0, 5000);
    } finally {
      await viz.stop();
    }
  },
});

Deno.test({
  name:
    "viz: a training that waits its turn and whose client leaves (its stream cancelled) never starts",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    // A client that resets its connection cancels the response's stream,
    // but leaves the request's signal as it was: this one never aborts.
    const signal = new AbortController().signal;
    const names = ["emma", "olivia", "ava", "isabella", "sophia", "mia"];
    const jobs = new Jobs(
      { names, source: "test" },
      importMapFor(true, "solutions"),
    );
    const start = () =>
      jobs.train({ step: 5, steps: 2000 }, signal).body!.getReader();
    const [a, b] = [start(), start()];
    await Promise.all([a.read(), b.read()]); // both run
    const c = start();
    c.read().catch(() => {}); // it waits its turn
    await new Promise((resolve) => setTimeout(resolve, 500));
    const running = new Set(jobChildren());
    c.cancel().catch(() => {}); // and leaves
    await Promise.all([a.cancel(), b.cancel()]);
    try {
      const since = performance.now();
      while (performance.now() - since < 1500) {
        const started = jobChildren().filter((pid) => !running.has(pid));
        assertEquals(
          started,
          [],
          "a training that left while it waited never starts",
        );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      jobs.restart();
    }
  },
});

/**
 * The children this test process started for its own Jobs (other test
 * files may run beside it, with processes of their own).
 */
function jobChildren(): number[] {
  return alive(processTree(Deno.pid, 1).slice(1)).filter((pid) => {
    try {
      const command = Deno.readTextFileSync(`/proc/${pid}/cmdline`);
      return command.includes("support/viz/widgets.ts");
    } catch {
      return false; // It has just ended.
    }
  });
}

/** Writes `text` to the copy's lesson `file`, or deletes it (undefined). */
function save(viz: Viz, file: string, text?: string): void {
  if (text === undefined) Deno.removeSync(viz.root + file);
  else Deno.writeTextFileSync(viz.root + file, text);
}

/** Waits for the server to see a save (a new boot id); returns the new one. */
async function nextBoot(viz: Viz, boot: string): Promise<string> {
  let now = boot;
  await until(
    async () =>
      (now = JSON.parse((await ask(viz, "/api/boot")).text).boot) !== boot,
    10_000,
  );
  return now;
}

Deno.test({
  name:
    "viz names a lesson stuck in a loop while it keeps answering, stops the call when its client leaves, and comes back when the lesson is fixed, restored or parses again",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const viz = await startViz({ copy: { solvedThrough: "step5/01" } });
    const softmax = "lessons/step1/04_softmax.ts";
    const ema = "lessons/step5/01_ema.ts";
    const solved = {
      softmax: Deno.readTextFileSync(viz.root + softmax),
      ema: Deno.readTextFileSync(viz.root + ema),
    };
    try {
      let boot = JSON.parse((await ask(viz, "/api/boot")).text).boot;
      // softmax() with a first line of the test's own.
      const first = (line: string) =>
        solved.softmax.replace(
          /(export function softmax\([^{]*\{)/,
          `$1\n  ${line}`,
        );
      save(viz, softmax, first("while (logits.length > 0) {}"));
      boot = await nextBoot(viz, boot);
      const statuses = ask(viz, "/api/widgets");
      const started = performance.now();
      await ask(viz, "/api/boot");
      assertLess(
        performance.now() - started,
        1000,
        "/api/boot answers while a lesson loops",
      );
      const cards = JSON.parse((await statuses).text).widgets;
      // Five cards call the loop, through three calls: each call is waited
      // for once (3 s), not once per card.
      const looped = cards.filter((card: { message?: string }) =>
        card.message?.includes("get stuck in a loop")
      ).length;
      const took = performance.now() - started;
      console.log(`${looped} cards stuck in ${took.toFixed(0)} ms`);
      assertLess(
        took,
        (looped * 3 - 1) * 1000,
        "a stuck call is waited for once",
      );
      const stuck = await status(viz, "softmax");
      assertEquals(stuck.state, "broken");
      assertEquals(
        stuck.message,
        `Did softmax() get stuck in a loop? ${softmax} has not returned within 3 s.`,
      );
      assertEquals(
        stuck.command,
        "deno task test tests/step1/04_softmax_test.ts",
      );
      assertMatch(viz.output(), /Did softmax\(\) get stuck in a loop\?/);
      // A computation whose client leaves is killed at once, not at its time limit.
      await fetch(new URL("/api/widgets/softmax", viz.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(LOGITS),
        signal: AbortSignal.timeout(1000),
      }).catch(() => {});
      const left = await until(() =>
        children(viz).length === 0, 3000);
      console.log(
        `a stuck computation whose client left ended ${
          left.toFixed(0)
        } ms after it left`,
      );

      save(viz, softmax, first('throw new Error("bad \\x1b[2J\\u202e end");'));
      boot = await nextBoot(viz, boot);
      assertEquals(
        (await status(viz, "softmax")).message,
        "Your lesson code failed: bad \\u001b[2J\\u202e end",
        "a lesson's error reaches the page escaped",
      );
      save(viz, softmax, solved.softmax);
      boot = await nextBoot(viz, boot);
      assertEquals(
        (await status(viz, "softmax")).state,
        "live",
        "a saved fix brings it back",
      );

      save(viz, ema, `${solved.ema}\nwhile (Date.now() > 0) {}\n`);
      boot = await nextBoot(viz, boot);
      const loading =
        `${ema} did not finish loading within 3 s: does it run a loop at its top level, outside any function?`;
      assertEquals(
        (await status(viz, "tokenizer")).message,
        loading,
        "a top-level loop stops every card, named",
      );
      save(viz, ema, `${solved.ema}\nexport const = ;\n`);
      boot = await nextBoot(viz, boot);
      const parse = await status(viz, "ema");
      assertEquals(parse.state, "broken");
      assertMatch(
        parse.message,
        /01_ema\.ts:\d+:\d+/,
        "deno's error, with the file and line",
      );
      assertEquals(
        (await status(viz, "tokenizer")).state,
        "live",
        "other lessons' cards still draw",
      );
      save(viz, ema);
      boot = await nextBoot(viz, boot);
      assertMatch(
        (await status(viz, "ema")).message,
        /01_ema\.ts/,
        "a deleted lesson is named",
      );
      save(viz, ema, solved.ema);
      await nextBoot(viz, boot);
      assertEquals(
        (await status(viz, "ema")).state,
        "live",
        "a restored lesson brings it back",
      );
    } finally {
      await viz.stop();
    }
  },
});

Deno.test({
  name:
    "viz ends every process of its own on Ctrl-C, also with trainings and a stuck call running; on SIGTERM; and when the server itself is killed",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    for (const signal of ["SIGINT", "SIGTERM", "SIGKILL"] as const) {
      const viz = await startViz({ copy: { solvedThrough: "step5/03" } });
      let stopped = false;
      try {
        const lesson = "lessons/step1/04_softmax.ts";
        const text = Deno.readTextFileSync(viz.root + lesson);
        const loop = "$1\n  while (logits.length > 0) {}";
        save(
          viz,
          lesson,
          text.replace(/(export function softmax\([^{]*\{)/, loop),
        );
        await until(() => /changed/.test(viz.output()), 10_000);
        const a = await startTraining(viz);
        const b = await startTraining(viz, 2);
        const stuck = ask(viz, "/api/widgets/softmax", LOGITS).catch(
          () => {},
        );
        await until(() => children(viz).length >= 3, 30_000);
        // The stuck call's child has loaded the lessons and loops by now.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const tree = processTree(viz.pid);
        // Ctrl-C in a terminal reaches the whole group; SIGTERM only the
        // launcher; SIGKILL here hits the server alone (tree[1]), which can
        // stop nothing: its children must end by themselves.
        if (signal !== "SIGINT") {
          Deno.kill(tree[signal === "SIGTERM" ? 0 : 1], signal);
        }
        const { code } = await viz.stop(
          signal === "SIGINT" ? signal : "SIGCONT",
        );
        stopped = true;
        // Their connections are closed: cancelling them may fail, as it may.
        const streams = [a.cancel(), b.cancel(), stuck];
        await Promise.all(streams.map((done) => done?.catch(() => {})));
        assertEquals(code, signal === "SIGKILL" ? 137 : 0);
        await until(() => alive(tree).length === 0, 3000);
      } finally {
        if (!stopped) await viz.stop("SIGKILL");
      }
    }
  },
});

Deno.test("deno task viz refuses a bad flag, a busy port; --help", async () => {
  const run = async (...args: string[]) => {
    const task = JSON.parse(
      Deno.readTextFileSync(new URL("../../deno.json", import.meta.url)),
    ).tasks.viz.command;
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [...task.split(" ").slice(1), ...args],
      cwd: new URL("../../", import.meta.url),
      env: { KATA_OFFLINE: "1", NO_COLOR: "1" },
      signal: AbortSignal.timeout(20_000),
    }).output();
    return {
      code,
      text: new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr),
    };
  };
  const bad = await run("--bogus");
  assertEquals(bad.code, 2);
  assertMatch(bad.text, /Unknown flag "--bogus"/);
  const holder = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const busy = await run(
      "--port",
      String((holder.addr as Deno.NetAddr).port),
    );
    assertEquals(busy.code, 1);
    assertMatch(busy.text, /already in use/);
  } finally {
    holder.close();
  }
  const help = await run("--help");
  assertEquals(help.code, 0);
  assertMatch(help.text, /Usage: deno task viz/);
});
