/**
 * A hostile pass over `deno task viz`, for a contributor to run after
 * changing the server (it takes about two minutes; `deno task verify` does
 * not run it): headers, origins, methods, bodies, sizes, numbers, paths,
 * concurrency, and lessons that loop, crash, flood the terminal, eat memory,
 * do not parse or disappear. Each case prints `case → result`; it fails on
 * a stack trace in an answer, an answer that never comes, a child process
 * left behind, or the server growing without bound.
 *
 *     deno run -A --import-map support/maps/offline_solutions.json support/viz/_hostile.ts
 *
 * @module
 */

import { alive, processTree, startViz, type Viz } from "./_harness.ts";

let failures = 0;

/** Runs one case: `fn` returns what happened, or throws what went wrong. */
async function check(name: string, fn: () => Promise<string>): Promise<void> {
  let result: string;
  try {
    result = await Promise.race([
      fn(),
      new Promise<string>((_, reject) =>
        setTimeout(() => reject(new Error("no answer within 60 s")), 60_000)
      ),
    ]);
  } catch (error) {
    failures++;
    result = `FAILED: ${error instanceof Error ? error.message : error}`;
  }
  console.log(`${name} → ${result}`);
}

/** A raw HTTP/1.1 request; its status line and body, checked for a stack trace. */
async function raw(viz: Viz, head: string, body = ""): Promise<string> {
  const conn = await Deno.connect({
    hostname: "127.0.0.1",
    port: Number(new URL(viz.url).port),
  });
  await conn.write(
    new TextEncoder().encode(`${head}\r\nConnection: close\r\n\r\n${body}`),
  );
  const text = await new Response(conn.readable).text();
  return answer(
    text.split("\r\n")[0].replace("HTTP/1.1 ", ""),
    text.split("\r\n\r\n")[1] ?? "",
  );
}

/** A fetch; its status and body, checked for a stack trace. */
async function ask(
  viz: Viz,
  path: string,
  init: RequestInit = {},
): Promise<string> {
  const response = await fetch(new URL(path, viz.url), init);
  return answer(String(response.status), await response.text());
}

function answer(status: string, body: string): string {
  if (/\n\s+at /.test(body)) {
    throw new Error(`a stack trace: ${body.slice(0, 200)}`);
  }
  if (body.length > 600 && /^[45]/.test(status)) {
    throw new Error(`a long refusal (${body.length} characters)`);
  }
  return `${status} ${body.trim().slice(0, 90)}`;
}

/** Expects `got` to start with the status `status`. */
function expect(status: number, got: string): string {
  if (!got.startsWith(String(status))) {
    throw new Error(`expected ${status}, got ${got}`);
  }
  return got;
}

const json = (
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

/** The children of viz's server now, and the server's resident memory in MB. */
function children(viz: Viz): number[] {
  return alive(processTree(viz.pid).slice(2));
}
function serverMb(viz: Viz): number {
  const status = Deno.readTextFileSync(
    `/proc/${processTree(viz.pid)[1]}/status`,
  );
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function until(condition: () => boolean, ms: number): Promise<number> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Math.round(performance.now() - start);
}

const viz = await startViz({ copy: { solvedThrough: "step5/03" } });
const { host, port } = new URL(viz.url);
const mbBefore = serverMb(viz);
try {
  // Headers: the Host, the Origin, the fetching site.
  const get = (path: string, headers: string[] = []) =>
    raw(viz, [`GET ${path} HTTP/1.1`, ...headers].join("\r\n"));
  await check("no Host header (HTTP/1.0)", () => raw(viz, "GET / HTTP/1.0"));
  for (
    const value of [
      "evil.example",
      "127.0.0.1",
      `${host}.evil`,
      `127.0.0.1:${Number(port) + 1}`,
      `x\u202e${"y".repeat(500)}`,
    ]
  ) {
    await check(
      `Host ${JSON.stringify(value.slice(0, 30))}`,
      async () => expect(400, await get("/", [`Host: ${value}`])),
    );
  }
  await check(
    "Host localhost:port",
    async () =>
      expect(200, await get("/api/boot", [`Host: localhost:${port}`])),
  );
  await check(
    "two Host headers",
    () => get("/", [`Host: ${host}`, "Host: evil.example"]),
  );
  for (
    const origin of [
      "https://evil.example",
      "null",
      `http://127.0.0.1:${Number(port) + 1}`,
      `http://${host}.evil`,
      "x".repeat(1000),
    ]
  ) {
    await check(
      `Origin ${origin.slice(0, 30)}`,
      async () =>
        expect(403, await ask(viz, "/api/boot", { headers: { origin } })),
    );
  }
  await check(
    "own Origin",
    async () =>
      expect(
        200,
        await ask(viz, "/api/boot", {
          headers: { origin: viz.url.slice(0, -1) },
        }),
      ),
  );
  for (const site of ["cross-site", "same-site", "x"]) {
    await check(
      `Sec-Fetch-Site ${site}`,
      async () =>
        expect(
          403,
          await ask(viz, "/api/widgets", {
            headers: { "sec-fetch-site": site },
          }),
        ),
    );
  }
  await check(
    "Sec-Fetch-Site same-origin",
    async () =>
      expect(
        200,
        await ask(viz, "/api/boot", {
          headers: { "sec-fetch-site": "same-origin" },
        }),
      ),
  );
  await check(
    "an <img> starting a training",
    async () =>
      expect(
        403,
        await ask(viz, "/api/train?step=5&steps=2000&page=x", {
          headers: { "sec-fetch-site": "cross-site" },
        }),
      ),
  );

  // Methods.
  for (
    const [method, path] of [
      ["PUT", "/api/boot"],
      ["DELETE", "/api/widgets/softmax"],
      ["OPTIONS", "/api/train"],
      ["PATCH", "/"],
      ["GET", "/api/train"],
      ["HEAD", "/api/widgets/softmax"],
    ]
  ) {
    await check(
      `${method} ${path}`,
      async () => expect(405, await ask(viz, path, { method })),
    );
  }

  // Content types and bodies.
  for (
    const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "",
      "application/jsonx",
    ]
  ) {
    await check(
      `POST as ${JSON.stringify(type)}`,
      async () =>
        expect(
          415,
          await ask(viz, "/api/train", {
            method: "POST",
            headers: { "content-type": type },
            body: '{"step":5,"steps":2000,"page":"x"}',
          }),
        ),
    );
  }
  await check(
    "POST as application/json; charset=utf-8",
    async () =>
      expect(
        200,
        await ask(
          viz,
          "/api/widgets/softmax",
          json({ logits: [1] }, {
            "content-type": "application/json; charset=utf-8",
          }),
        ),
      ),
  );
  for (
    const [label, body] of [
      ["empty", ""],
      ["null", "null"],
      ["an array", "[]"],
      ["a string", '"x"'],
      ["NaN", '{"beta": NaN}'],
      ["invalid UTF-8", "\xff\xfe{"],
      ["nested 2000 deep", `{"logits":${"[".repeat(2000)}${"]".repeat(2000)}}`],
      ["__proto__", '{"__proto__":{"logits":[1]}}'],
      ["duplicate keys", '{"logits":[1],"logits":"x"}'],
    ] as const
  ) {
    await check(
      `body ${label}`,
      async () =>
        expect(400, await ask(viz, "/api/widgets/softmax", json(body))),
    );
  }
  await check(
    "body of 4097 bytes",
    async () =>
      expect(
        413,
        await ask(
          viz,
          "/api/widgets/softmax",
          json({ logits: [1], pad: "x".repeat(4080) }),
        ),
      ),
  );
  await check("body of 1 MB without a length", async () => {
    const stream = ReadableStream.from([new Uint8Array(1 << 20).fill(32)]);
    return expect(
      413,
      await ask(viz, "/api/widgets/softmax", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
      }),
    );
  });

  // Numbers and words.
  const refused: [string, string, unknown][] = [
    ["beta 1e309", "/api/widgets/ema", '{"beta": 1e309}'],
    ["beta -1e309", "/api/widgets/ema", '{"beta": -1e309}'],
    ["a logit 1e309", "/api/widgets/softmax", '{"logits": [1e309]}'],
    ['steps "0x10"', "/api/train", { step: 1, steps: "0x10", page: "p" }],
    ["steps 2000.5", "/api/train", { step: 1, steps: 2000.5, page: "p" }],
    ["step -1", "/api/train", { step: -1, steps: 5, page: "p" }],
    ["page with a slash", "/api/train", { step: 1, steps: 5, page: "a/b" }],
    ["page of 33 letters", "/api/train", {
      step: 1,
      steps: 5,
      page: "a".repeat(33),
    }],
    ["temperature 0", "/api/widgets/temperature", {
      temperature: 0,
      prefix: "",
    }],
    ["prefix \\u0000", "/api/widgets/temperature", {
      temperature: 1,
      prefix: "\u0000",
    }],
    ["token 27", "/api/widgets/embeddings", {
      token: 27,
      pos: 0,
      step: 3,
      trained: 0,
    }],
    ["pos 16", "/api/widgets/embeddings", {
      token: 1,
      pos: 16,
      step: 3,
      trained: 0,
    }],
    ["trained 500", "/api/widgets/attention", {
      name: "emma",
      step: 3,
      trained: 500,
    }],
    ["a 16-letter name", "/api/widgets/attention", {
      name: "a".repeat(16),
      step: 4,
      trained: 0,
    }],
    ["a name with an emoji", "/api/widgets/kv-cache", {
      name: "em😀",
      step: 4,
      trained: 0,
    }],
    ["a name with a bidi override", "/api/widgets/tokenizer", {
      name: "a\u202eb",
    }],
    ["28 logits", "/api/widgets/softmax", { logits: Array(28).fill(0) }],
    ["a logit of 1e308", "/api/widgets/softmax", { logits: [1e308] }],
    ["a leaf of 101", "/api/widgets/value-graph", { a: 101, b: 1, c: 1, f: 1 }],
  ];
  for (const [label, path, body] of refused) {
    await check(label, async () => {
      const got = expect(400, await ask(viz, path, json(body)));
      if (/[\u0000\u202e]/.test(got)) {
        throw new Error(`raw characters echoed: ${got}`);
      }
      return got;
    });
  }
  await check(
    "beta 1e-400 (rounds to 0)",
    async () =>
      expect(200, await ask(viz, "/api/widgets/ema", json('{"beta": 1e-400}'))),
  );
  await check("step 5.0 (is 5)", async () => {
    const response = await fetch(
      new URL("/api/train", viz.url),
      json({ step: 5.0, steps: 3, page: "five" }),
    );
    return answer(
      String(response.status),
      (await response.text()).split("\n")[0],
    );
  });

  // Paths.
  for (
    const path of [
      "/page/../server.ts",
      "/page/%2e%2e/server.ts",
      "/page/..%2f..%2fdeno.json",
      "/PAGE/app.js",
      "/page/app.js%00",
      "/api/widgets/SOFTMAX",
      "/api/widgets/",
      "/api/widgets/waiting",
      "/api/widgets/__proto__",
      `/${"a".repeat(10_000)}`,
      "/page/widgets/missing.js",
      "/.kata/",
      "/page/index.html/",
    ]
  ) {
    await check(
      `GET ${path.slice(0, 40)}`,
      async () => expect(404, await get(path, [`Host: ${host}`])),
    );
  }
  await check(
    "GET /page/widgets/../app.js (is /page/app.js)",
    async () =>
      expect(200, await get("/page/widgets/../app.js", [`Host: ${host}`])),
  );
  await check(
    "GET /page/style.css?x=1",
    async () =>
      expect(200, await get("/page/style.css?x=1", [`Host: ${host}`])),
  );

  // Concurrency: the running work stays bounded, whatever the clients do.
  await check("40 computations at once", async () => {
    let most = 0;
    const watch = setInterval(
      () => most = Math.max(most, children(viz).length),
      20,
    );
    const answers = await Promise.all(
      Array.from(
        { length: 40 },
        (_, i) => ask(viz, "/api/widgets/softmax", json({ logits: [i, 0] })),
      ),
    );
    clearInterval(watch);
    if (answers.some((a) => !a.startsWith("200"))) {
      throw new Error("a computation failed");
    }
    if (most > 2) throw new Error(`${most} children at once`);
    return `all 200, at most ${most} children at once`;
  });
  await check("30 trainings started and dropped", async () => {
    let most = 0;
    const watch = setInterval(
      () => most = Math.max(most, children(viz).length),
      20,
    );
    for (let i = 0; i < 30; i++) {
      const response = await fetch(
        new URL("/api/train", viz.url),
        json({ step: 5, steps: 2000, page: `drop${i}` }),
      );
      await response.body?.cancel();
    }
    const gone = await until(() => children(viz).length === 0, 5000);
    clearInterval(watch);
    if (most > 2) throw new Error(`${most} children at once`);
    return `at most ${most} running, none ${gone} ms after the last left`;
  });
  await check("20 computations aborted mid-flight", async () => {
    const aborts = Array.from(
      { length: 20 },
      (_, i) =>
        fetch(new URL("/api/widgets/gradient-check", viz.url), {
          ...json({ i }),
          signal: AbortSignal.timeout(300),
        }).catch(() => {}),
    );
    await Promise.all(aborts);
    return `no child ${await until(
      () => children(viz).length === 0,
      3000,
    )} ms later`;
  });
  await check("500 boot polls at once", async () => {
    const answers = await Promise.all(
      Array.from({ length: 500 }, () => ask(viz, "/api/boot")),
    );
    return `${
      answers.filter((a) => a.startsWith("200")).length
    } of 500 answered`;
  });
  await check("a third training at once", async () => {
    const a = await fetch(
      new URL("/api/train", viz.url),
      json({ step: 5, steps: 2000, page: "one" }),
    );
    const b = await fetch(
      new URL("/api/train", viz.url),
      json({ step: 5, steps: 2000, page: "two" }),
    );
    const c = expect(
      503,
      await ask(
        viz,
        "/api/train",
        json({ step: 5, steps: 2000, page: "three" }),
      ),
    );
    await a.body?.cancel();
    await b.body?.cancel();
    return c;
  });

  // Lessons: each saved, then put back; the server keeps answering.
  const edits: [string, string, (text: string) => string, string][] = [
    [
      "a loop in softmax",
      "lessons/step1/04_softmax.ts",
      (t) =>
        t.replace(
          /(export function softmax\([^{]*\{)/,
          "$1\n  while (logits.length > 0) {}",
        ),
      "softmax",
    ],
    [
      "a loop at the top of ema's lesson",
      "lessons/step5/01_ema.ts",
      (t) => `${t}\nwhile (Date.now() > 0) {}\n`,
      "ema",
    ],
    [
      "a syntax error",
      "lessons/step5/01_ema.ts",
      (t) => `${t}\nexport const = ;\n`,
      "ema",
    ],
    [
      "Deno.exit(3) at the top of a lesson",
      "lessons/step5/01_ema.ts",
      (t) => `${t}\nDeno.exit(3);\n`,
      "ema",
    ],
    [
      "a lesson printing escapes in a loop",
      "lessons/step1/04_softmax.ts",
      (t) =>
        t.replace(
          /(export function softmax\([^{]*\{)/,
          '$1\n  for (let i = 0; i < 2000; i++) console.log("\\x1b[2J\\u202e flood");',
        ),
      "softmax",
    ],
    [
      "a lesson eating memory",
      "lessons/step1/04_softmax.ts",
      (t) =>
        t.replace(
          /(export function softmax\([^{]*\{)/,
          "$1\n  const heap = []; while (true) heap.push(new Array(1e6).fill(1));",
        ),
      "softmax",
    ],
    [
      "a lesson throwing a string",
      "lessons/step1/04_softmax.ts",
      (t) =>
        t.replace(
          /(export function softmax\([^{]*\{)/,
          '$1\n  throw "not an Error";',
        ),
      "softmax",
    ],
    ["a lesson deleted", "lessons/step5/01_ema.ts", () => "", "ema"],
    [
      "a folder where a lesson was",
      "lessons/step5/01_ema.ts",
      () => "folder",
      "ema",
    ],
  ];
  const read = async (path: string) =>
    await (await fetch(new URL(path, viz.url))).json();
  const bootOf = async () => (await read("/api/boot")).boot;
  /** Waits for a boot other than `boot`; returns it. */
  const nextBoot = async (boot: string) => {
    await until(() => !viz.output().endsWith("redraws.\n"), 0).catch(() => {});
    const start = performance.now();
    let now = boot;
    while ((now = await bootOf()) === boot) {
      if (performance.now() - start > 10_000) throw new Error("no new boot");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return now;
  };
  for (const [label, file, edit, id] of edits) {
    await check(label, async () => {
      const path = viz.root + file;
      const text = Deno.readTextFileSync(path);
      let boot = await bootOf();
      try {
        const after = edit(text);
        Deno.removeSync(path);
        if (after === "folder") Deno.mkdirSync(path);
        else if (after !== "") Deno.writeTextFileSync(path, after);
        boot = await nextBoot(boot);
        // While the cards are being probed, the server answers at once.
        const statuses = read("/api/widgets");
        const started = performance.now();
        await bootOf();
        const answered = Math.round(performance.now() - started);
        const card = (await statuses).widgets.find((w: { id: string }) =>
          w.id === id
        );
        const message = (card.message ?? "").split("\n")[0].slice(0, 110);
        return `${card.state}: ${message} (/api/boot in ${answered} ms meanwhile)`;
      } finally {
        try {
          Deno.removeSync(path, { recursive: true });
        } catch {
          // The case deleted it.
        }
        Deno.writeTextFileSync(path, text);
        await nextBoot(boot);
        const back = (await read("/api/widgets")).widgets.find((
          w: { id: string },
        ) => w.id === id);
        if (back.state !== "live") throw new Error(`not back: ${back.message}`);
      }
    });
  }
  await check("no child left, and the server's memory", async () => {
    await until(() => children(viz).length === 0, 5000);
    const mb = serverMb(viz);
    if (mb > mbBefore + 150) {
      throw new Error(`${mbBefore.toFixed(0)} → ${mb.toFixed(0)} MB`);
    }
    return `no child; server ${mbBefore.toFixed(0)} → ${mb.toFixed(0)} MB`;
  });
} finally {
  const tree = processTree(viz.pid);
  const { code } = await viz.stop();
  await check(
    "Ctrl-C at the end",
    async () =>
      `exit ${code}, ${alive(tree).length} of ${tree.length} processes left`,
  );
}
console.log(failures === 0 ? "no failure" : `${failures} failed`);
Deno.exit(failures === 0 ? 0 : 1);
