/**
 * Browser tests of `deno task viz`: headless Chromium drives the page and
 * checks the numbers each widget shows (its data attributes), not pixels.
 * Ignored, with the reason in their names, when /usr/bin/chromium is
 * missing (`.ci/run` installs it).
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertGreater,
  assertLess,
  assertMatch,
} from "@std/assert";
import {
  HAS_CHROMIUM,
  launchBrowser,
  numbers,
  openPage,
  ROOT,
  setInput,
  startLauncherCopy,
  startServer,
  waitForData,
  widgetData,
} from "./_harness.ts";
import { programOptions, runProgram, trainingNames } from "./trainer_link.ts";

const NO_CHROMIUM = HAS_CHROMIUM
  ? ""
  : " (ignored: no /usr/bin/chromium; .ci/run installs it)";
/** Where the test run saves a screenshot of the whole page. */
const SCREENSHOT = `${ROOT}.kata/viz.png`;
/** Every widget, in page order. */
const WIDGET_IDS = [
  "tokenizer",
  "count-table",
  "softmax",
  "gradient-check",
  "loss-curve",
  "temperature",
  "value-graph",
  "embeddings",
  "attention",
  "kv-cache",
  "ema",
  "all-steps",
];

/**
 * A browser test: the server on `code`, a headless Chromium on its page,
 * both closed afterwards.
 */
function vizTest(
  name: string,
  code: Parameters<typeof startServer>[0],
  fn: (
    opened: Awaited<ReturnType<typeof openPage>>,
    t: Deno.TestContext,
    server: Awaited<ReturnType<typeof startServer>>,
  ) => Promise<void>,
) {
  Deno.test({
    name: `viz: ${name}${NO_CHROMIUM}`,
    ignore: !HAS_CHROMIUM,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn(t) {
      const server = await startServer(code);
      const browser = await launchBrowser();
      try {
        await fn(await openPage(browser, server.url), t, server);
      } finally {
        await browser.close();
        await server.close();
      }
    },
  });
}

vizTest(
  "on the solutions, every widget shows the lessons' numbers",
  "solutions",
  async ({ page, errors }, t) => {
    await t.step("every widget is live", async () => {
      for (const id of WIDGET_IDS) {
        const state = await page.evaluate(
          `document.querySelector('[data-testid="${id}"]').dataset.state`,
        );
        assertEquals(
          state,
          "live",
          `widget ${id} is ${state}, expected live`,
        );
        // Live means implemented, not tested: each card says so.
        const caveat = await page.evaluate(
          `document.querySelector('[data-testid="${id}"] .caveat')?.textContent`,
        );
        assertMatch(String(caveat), /deno task progress/, id);
      }
      const header = await page.evaluate(
        `document.querySelector("header").textContent`,
      ) as string;
      assertMatch(header, /are implemented/);
      assert(!/needs pass/.test(header), header);
    });

    await t.step("tokenizer: ava is BOS a v a BOS", async () => {
      const data = await widgetData(page, "tokenizer");
      const bos = Number(data.vocabSize) - 1;
      const ids = numbers(data.ids);
      assertEquals(ids.length, 5, `token ids of "ava": ${data.ids}`);
      assertEquals([ids[0], ids[4]], [bos, bos], "BOS at both ends");
      assertEquals(ids[1], ids[3], "both a's get the same id");
      if (bos === 26) assertEquals(ids, [26, 0, 21, 0, 26]);
      await setInput(page, '[data-testid="tokenizer"] input', "bob");
      await waitForData(
        page,
        "tokenizer",
        "ids",
        bos === 26 ? "26,1,14,1,26" : "",
      );
    });

    await t.step(
      "count table: a row's probabilities are (count + 1) / (row sum + vocab)",
      async () => {
        await page.click(
          '[data-testid="count-table"] rect[data-row="0"][data-col="3"]',
        );
        await waitForData(page, "count-table", "row", "a");
        const data = await widgetData(page, "count-table");
        const counts = numbers(data.rowCounts);
        const probs = numbers(data.rowProbs);
        const total = counts.reduce((a, b) => a + b, 0) + counts.length;
        counts.forEach((c, j) =>
          assertAlmostEquals(probs[j], (c + 1) / total, 1e-12, `P(${j} | a)`)
        );
        assertGreater(
          Number(data.total),
          1000,
          "bigrams counted over the dataset",
        );
      },
    );

    await t.step(
      "softmax: probabilities are exp(logit − max) / sum",
      async () => {
        const logits = [3, 1, 0, -2, 0.5];
        for (const [i, x] of logits.entries()) {
          await setInput(
            page,
            `[data-testid="softmax"] input[data-logit="${i}"]`,
            String(x),
          );
        }
        await waitForData(page, "softmax", "logits", logits.join(","));
        const probs = numbers((await widgetData(page, "softmax")).probs);
        const exps = logits.map((x) => Math.exp(x - 3));
        const sum = exps.reduce((a, b) => a + b, 0);
        exps.forEach((e, i) =>
          assertAlmostEquals(probs[i], e / sum, 1e-12, `p[${i}]`)
        );
      },
    );

    await t.step("gradient check: 3,184 points on the diagonal", async () => {
      const data = await widgetData(page, "gradient-check");
      assertEquals(Number(data.count), 3184, "one point per parameter");
      assertLess(
        Number(data.maxDiff),
        1e-6,
        "largest |numerical − analytic|",
      );
      assertAlmostEquals(
        Number(data.lossNumerical),
        Number(data.lossAnalytic),
        1e-12,
      );
    });

    await t.step(
      "loss curve: the first point is the trainer's first printed loss",
      async () => {
        await page.waitForSelector(
          '[data-testid="loss-curve"][data-training="done"]',
          { timeout: 60_000 },
        );
        const data = await widgetData(page, "loss-curve");
        const { names } = await trainingNames();
        const printed: string[] = [];
        const losses: number[] = [];
        await runProgram(
          1,
          names,
          programOptions(1, { steps: 1000, samples: 0 }),
          {
            line: (text) => printed.push(text),
            startTraining: () => {},
            step: ({ loss }) => losses.push(loss),
            endTraining: () => {},
          },
        );
        const firstLine = printed.find((line) =>
          line.startsWith("step    1 /")
        );
        assertEquals(
          `step    1 / 1000 | loss ${Number(data.firstLoss).toFixed(4)}`,
          firstLine,
          "the page's first loss, printed as the trainer prints it, against the trainer's first step line",
        );
        assertEquals(Number(data.firstLoss), losses[0], "first loss");
        assertEquals(Number(data.lastLoss), losses[999], "last loss");
        assertEquals(Number(data.stepsDone), 1000);
        assertAlmostEquals(Number(data.lnVocab), Math.log(27), 1e-12);
      },
    );

    await t.step(
      "temperature: probabilities sum to 1 and sharpen as it goes down",
      async () => {
        const slider = '[data-testid="temperature"] input[type="range"]';
        await widgetData(page, "temperature");
        await setInput(page, slider, "1.5");
        await waitForData(page, "temperature", "temperature", "1.5");
        const warm = await widgetData(page, "temperature");
        await setInput(page, slider, "0.3");
        await waitForData(page, "temperature", "temperature", "0.3");
        const cold = await widgetData(page, "temperature");
        for (const data of [warm, cold]) {
          assertAlmostEquals(
            Number(data.sum),
            1,
            1e-9,
            "probabilities sum to 1",
          );
        }
        assertGreater(
          Number(cold.maxProb),
          Number(warm.maxProb),
          "T = 0.3 is sharper than T = 1.5",
        );
        assertEquals(numbers(cold.probs).length, 27);
        assertEquals(cold.samples.split(",").length, 10);
      },
    );

    await t.step(
      "value graph: data and grad of e = a·b, d = e + c, g = d², L = g·f",
      async () => {
        await widgetData(page, "value-graph");
        await setInput(
          page,
          '[data-testid="value-graph"] input[data-leaf="a"]',
          "2",
        );
        await page.waitForSelector(
          '[data-testid="value-graph"] g[data-label="L"]',
        );
        const nodes = Object.fromEntries(
          (await page.evaluate(
            `[...document.querySelectorAll('[data-testid="value-graph"] g.node')].map((g) => [g.dataset.label, [Number(g.dataset.data), Number(g.dataset.grad)]])`,
          )) as [string, [number, number]][],
        );
        // a = 2, b = -3, c = 10, f = -2: d = 4, L = -32; dL/da = 2d·f·b.
        assertEquals(nodes, {
          a: [2, 48],
          b: [-3, -32],
          c: [10, -16],
          f: [-2, 16],
          e: [-6, -16],
          d: [4, -16],
          g: [16, -2],
          L: [-32, 1],
        });
      },
    );

    await t.step(
      "loss curve: offers every step, Steps 3–5 included",
      async () => {
        const options = await page.evaluate(
          `[...document.querySelectorAll('[data-testid="loss-curve"] select option')].filter((o) => !o.disabled).map((o) => o.value).join(",")`,
        );
        assertEquals(options, "0,1,2,3,4,5");
      },
    );

    await t.step(
      "embeddings: a position's input is wte[token] + wpe[pos]",
      async () => {
        await widgetData(page, "embeddings");
        await setInput(
          page,
          '[data-testid="embeddings"] input[type="range"]',
          "7",
        );
        await waitForData(page, "embeddings", "pos", "7");
        const data = await widgetData(page, "embeddings");
        const [wte, wpe, sum] = [data.wte, data.wpe, data.sum].map(numbers);
        assertEquals([wte.length, wpe.length, sum.length], [16, 16, 16]);
        sum.forEach((x, j) =>
          assertAlmostEquals(x, wte[j] + wpe[j], 1e-15, `x[${j}]`)
        );
      },
    );

    await t.step(
      "attention: every row sums to 1, nothing above the diagonal",
      async () => {
        const check = async (heads: number) => {
          const data = await widgetData(page, "attention");
          const weights = JSON.parse(data.weights) as number[][][];
          assertEquals(weights.length, heads, "one heatmap per head");
          const positions = data.name.length + 1; // BOS and each character
          for (const [h, rows] of weights.entries()) {
            assertEquals(
              rows.length,
              positions,
              `head ${h}: one row per position`,
            );
            for (const [p, row] of rows.entries()) {
              assertEquals(
                row.length,
                p + 1,
                `head ${h}, row ${p}: sees positions 0 … ${p}`,
              );
              const sum = row.reduce((a, b) => a + b, 0);
              assertAlmostEquals(
                sum,
                1,
                1e-9,
                `head ${h}, row ${p} sums to ${sum}`,
              );
            }
          }
          // The drawn cells: the same weights, and none above the diagonal.
          const cells = (await page.evaluate(
            `[...document.querySelectorAll('[data-testid="attention"] rect[data-head]')].map((r) => [+r.dataset.head, +r.dataset.row, +r.dataset.col, +r.dataset.weight])`,
          )) as [number, number, number, number][];
          assertEquals(
            cells.length,
            heads * positions * (positions + 1) / 2,
            "one cell per weight, lower triangle only",
          );
          for (const [h, p, t, w] of cells) {
            assert(t <= p, `head ${h}: row ${p} has a cell at column ${t}`);
            assertEquals(w, weights[h][p][t], `head ${h}, cell ${p},${t}`);
          }
        };
        const select = (label: string, value: string) =>
          page.select(
            `[data-testid="attention"] select[aria-label="${label}"]`,
            value,
          );
        await check(4);
        await select("step", "3");
        await waitForData(page, "attention", "step", "3");
        await check(1);
        await select("trained", "200");
        await waitForData(page, "attention", "trained", "200");
        await check(1);
      },
    );

    await t.step(
      "kv cache: after position p it holds p + 1 keys and values",
      async () => {
        const data = await widgetData(page, "kv-cache");
        const positions = Number(data.positions);
        assertEquals(positions, data.name.length + 1);
        for (let p = 0; p < positions; p++) {
          await setInput(
            page,
            '[data-testid="kv-cache"] input[type="range"]',
            String(p),
          );
          await waitForData(page, "kv-cache", "position", String(p));
          const at = await widgetData(page, "kv-cache");
          assertEquals(
            [Number(at.cacheKeys), Number(at.cacheValues)],
            [p + 1, p + 1],
            `cache sizes after position ${p}`,
          );
          const [row] = JSON.parse(at.weights) as number[][];
          assertEquals(row.length, p + 1, `weights of position ${p}`);
          assertAlmostEquals(row.reduce((a, b) => a + b, 0), 1, 1e-9);
        }
      },
    );

    await t.step(
      "ema: the first average is (1 − β)·x₀, bias-corrected it is x₀",
      async () => {
        await widgetData(page, "ema");
        await setInput(
          page,
          '[data-testid="ema"] input[type="range"]',
          "0.9",
        );
        await waitForData(page, "ema", "beta", "0.9");
        const data = await widgetData(page, "ema");
        const [x0] = numbers(data.gradient);
        assertAlmostEquals(numbers(data.ema)[0], (1 - 0.9) * x0, 1e-12);
        assertAlmostEquals(numbers(data.corrected)[0], x0, 1e-12);
      },
    );

    await t.step(
      "all steps: each curve starts at the trainer's first printed loss",
      async () => {
        await widgetData(page, "all-steps");
        await setInput(
          page,
          '[data-testid="all-steps"] input[type="number"]',
          "5",
        );
        await page.click('[data-testid="all-steps"] button');
        await page.waitForSelector(
          '[data-testid="all-steps"][data-training="done"]',
          { timeout: 60_000 },
        );
        const data = await widgetData(page, "all-steps");
        const first = new Map(
          data.firstLosses.split(",").map((pair) =>
            pair.split(":").map(Number) as [number, number]
          ),
        );
        assertEquals([...first.keys()], [0, 1, 2, 3, 4, 5]);
        const { names } = await trainingNames();
        for (const [step, loss] of first) {
          const printed: string[] = [];
          await runProgram(
            step,
            names,
            programOptions(step, { steps: 5, samples: 0 }),
            {
              line: (text) => printed.push(text),
              startTraining: () => {},
              step: () => {},
              endTraining: () => {},
            },
          );
          assertEquals(
            `step    1 /    5 | loss ${loss.toFixed(4)}`,
            printed.find((line) => line.startsWith("step    1 /")),
            `Step ${step}: the page's first loss against the trainer's first step line`,
          );
        }
      },
    );

    await t.step(
      "words a newcomer reads: singulars, axis titles, the uniform loss, a big heatmap, a blank box",
      async () => {
        const text = (selector: string) =>
          page.evaluate(
            `document.querySelector(${JSON.stringify(selector)}).textContent`,
          ) as Promise<string>;
        // An empty name is BOS BOS: one prediction, one key, one value.
        await setInput(page, '[data-testid="tokenizer"] input', "");
        await waitForData(page, "tokenizer", "ids", "26,26");
        assertMatch(await text('[data-testid="tokenizer"]'), /1 prediction:/);
        assertMatch(
          await text('[data-testid="tokenizer"]'),
          /Names are lower case/,
        );
        await setInput(
          page,
          '[data-testid="kv-cache"] input[type="range"]',
          "0",
        );
        await waitForData(page, "kv-cache", "position", "0");
        assertMatch(
          await text('[data-testid="kv-cache"]'),
          /holds 1 key and 1 value,/,
        );
        // Both loss charts say what their axes are.
        for (const id of ["loss-curve", "all-steps"]) {
          const titles = await page.evaluate(
            `[...document.querySelectorAll('[data-testid="${id}"] svg text.title')].map((t) => t.textContent).join(" | ")`,
          );
          assertMatch(titles as string, /^training step \| loss/, id);
        }
        assertMatch(
          await text('[data-testid="loss-curve"]'),
          /guesses uniformly among the 27 tokens/,
        );
        // One head of "isabella" fills a good part of the card.
        const width = await page.evaluate(
          `document.querySelector('[data-testid="attention"] .multiples svg').getBoundingClientRect().width`,
        ) as number;
        assertGreater(width, 300, "the one-head heatmap's width in px");
        // A blank autograd box is refused, not read as 0.
        await setInput(
          page,
          '[data-testid="value-graph"] input[data-leaf="a"]',
          "",
        );
        await page.waitForSelector('[data-testid="value-graph"] p.error');
        assertMatch(
          await text('[data-testid="value-graph"] p.error'),
          /blank box is not 0/,
        );
      },
    );

    await t.step(
      "the page shows no error in the console; screenshot saved",
      async () => {
        await Deno.mkdir(`${ROOT}.kata`, { recursive: true });
        await page.screenshot({
          path: SCREENSHOT as `${string}.png`,
          fullPage: true,
        });
        assertEquals(errors, []);
      },
    );
  },
);

vizTest(
  "on untouched lessons, every widget names the lesson it waits for, with no console error",
  "lessons",
  async ({ page, errors }) => {
    const widgets = (await page.evaluate(
      `[...document.querySelectorAll("section")].map((s) => ({ ...s.dataset, text: s.textContent }))`,
    )) as Record<string, string>[];
    assertEquals(
      widgets.length,
      WIDGET_IDS.length,
      "every widget has its section",
    );
    const untouched = lessonsUntouched();
    for (const widget of widgets) {
      if (!untouched && widget.state === "live") continue;
      assertEquals(
        widget.state,
        "waiting",
        `${widget.testid}: ${widget.text}`,
      );
      assertMatch(widget.lesson, /^step\d\/(\d\d|…)$/);
      assert(
        widget.text.includes("deno task"),
        `${widget.testid} names a command: ${widget.text}`,
      );
    }
    const tokenizer = widgets.find((w) => w.testid === "tokenizer");
    if (untouched) {
      assertEquals(tokenizer?.lesson, "step0/01");
      assert(
        tokenizer?.text.includes(
          "deno task test tests/step0/01_tokenizer_test.ts",
        ),
      );
    }
    assertEquals(errors, []);
  },
);

vizTest(
  "with Step 0 solved, Step 0's widgets come alive and the others still wait",
  { solvedSteps: [0] },
  async ({ page, errors }) => {
    const states = Object.fromEntries(
      (await page.evaluate(
        `[...document.querySelectorAll("section")].map((s) => [s.dataset.testid, s.dataset.state + " " + (s.dataset.lesson ?? "")])`,
      )) as [string, string][],
    );
    if (lessonsUntouched()) {
      assertEquals(states, {
        "tokenizer": "live ",
        "count-table": "live ",
        "softmax": "waiting step1/04",
        "gradient-check": "waiting step1/01",
        "loss-curve": "live ",
        "temperature": "waiting step1/01",
        "value-graph": "waiting step2/01",
        // Each widget names the earliest unfinished lesson of its range
        // (embeddings: step3/02 to step3/02), not the first stub it meets.
        "embeddings": "waiting step3/02",
        "attention": "waiting step3/01",
        "kv-cache": "waiting step3/01",
        "ema": "waiting step5/01",
        "all-steps": "waiting step1/01",
      });
    }
    // Only Step 0 can train: the loss curve starts from ln 27, as counting does.
    await page.waitForSelector(
      '[data-testid="loss-curve"][data-training="done"]',
      { timeout: 60_000 },
    );
    const data = await widgetData(page, "loss-curve");
    assertAlmostEquals(
      Number(data.firstLoss),
      Math.log(27),
      1e-12,
      "Step 0's first loss",
    );
    assertEquals(errors, []);
  },
);

/** Whether every lesson is still a stub (a learner's clone may not be). */
function lessonsUntouched(): boolean {
  for (const dir of Deno.readDirSync(`${ROOT}lessons`)) {
    for (const file of Deno.readDirSync(`${ROOT}lessons/${dir.name}`)) {
      const text = Deno.readTextFileSync(
        `${ROOT}lessons/${dir.name}/${file.name}`,
      );
      if (!text.includes("todo(")) return false;
    }
  }
  return true;
}

/** Each section's state, first stub and last lesson needed, by widget. */
async function cardStates(
  page: Awaited<ReturnType<typeof openPage>>["page"],
): Promise<Record<string, Record<string, string>>> {
  return Object.fromEntries(
    (await page.evaluate(
      `[...document.querySelectorAll("section")].map((s) => [s.dataset.testid, { ...s.dataset, text: s.textContent }])`,
    )) as [string, Record<string, string>][],
  );
}

/** The options of a widget's select: value, enabled, label and tooltip. */
async function options(
  page: Awaited<ReturnType<typeof openPage>>["page"],
  id: string,
  label: string,
): Promise<
  { value: string; disabled: boolean; text: string; title: string }[]
> {
  return await page.evaluate(
    `[...document.querySelectorAll('[data-testid="${id}"] select[aria-label="${label}"] option')].map((o) => ({ value: o.value, disabled: o.disabled, text: o.textContent, title: o.title }))`,
  ) as { value: string; disabled: boolean; text: string; title: string }[];
}

vizTest(
  "after step3/02, token + position draws Step 3's embeddings; what waits is disabled and names its last lesson",
  { solvedThrough: "step3/02" },
  async ({ page, errors }) => {
    // Live on what it draws: wte and wpe are step3/02's, nothing more.
    const cards = await cardStates(page);
    assertEquals(cards.embeddings.state, "live", cards.embeddings.text);
    const data = await widgetData(page, "embeddings");
    assertEquals(data.step, "3");
    assertEquals(numbers(data.sum).length, 16, "x = wte + wpe drawn");
    const steps = await options(page, "embeddings", "step");
    assertEquals(steps.map((o) => [o.value, o.disabled]), [
      ["3", false],
      ["4", true],
      ["5", true],
    ]);
    assertMatch(steps[1].text, /step4\/02/);
    assertMatch(steps[2].title, /Needs lessons step4\/01 to step5\/03\./);
    const trained = await options(page, "embeddings", "trained");
    assertEquals(trained.map((o) => o.disabled), [false, true, true]);
    assertMatch(trained[1].text, /step3\/06/);
    assertMatch(trained[2].title, /^Needs lessons step3\/01 to step3\/06\./);
    // The waiting cards name the whole range, up to its last lesson.
    for (
      const [id, last] of [["attention", "step3/05"], ["all-steps", "step3/07"]]
    ) {
      assertEquals(cards[id].state, "waiting", id);
      assertEquals(cards[id].needsTo, last, id);
      assert(
        cards[id].text.includes(`Needs lessons step3/01 to ${last}.`),
        cards[id].text,
      );
    }
    assertEquals(errors, []);
  },
);

vizTest(
  "after step3/05, the attention card is live but its trained models wait, in grey when asked anyway",
  { solvedThrough: "step3/05" },
  async ({ page, errors }) => {
    await widgetData(page, "attention");
    const trained = await options(page, "attention", "trained");
    assertEquals(trained.map((o) => o.disabled), [false, true, true]);
    // A page that asks anyway (say, an old tab) gets the wait, not an error.
    await page.evaluate(`(() => {
      const select = document.querySelector('[data-testid="attention"] select[aria-label="trained"]');
      select.value = "200";
      select.dispatchEvent(new Event("change"));
    })()`);
    await page.waitForSelector('[data-testid="attention"] p.waiting', {
      timeout: 30_000,
    });
    const text = await page.evaluate(
      `document.querySelector('[data-testid="attention"] p.waiting').textContent`,
    ) as string;
    assertMatch(text, /step3\/06/);
    assertEquals(
      await page.$('[data-testid="attention"] .error'),
      null,
      "no red error",
    );
    // Its browser logs the 409 as a failed resource: nothing else.
    assertEquals(errors.filter((e) => !e.includes("409")), []);
  },
);

/** Sets a control's value (a checkbox: ticks it) and fires its events. */
async function change(
  page: Awaited<ReturnType<typeof openPage>>["page"],
  selector: string,
  value: string | boolean,
): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    el[el.type === "checkbox" ? "checked" : "value"] = ${JSON.stringify(value)};
    el.dispatchEvent(new Event("input"));
    el.dispatchEvent(new Event("change"));
  })()`);
}

vizTest(
  "a redraw (every save restarts the server) keeps what each widget's controls were set to",
  "solutions",
  async ({ page }) => {
    const set: [string, string | boolean][] = [
      ['[data-testid="tokenizer"] input', "bob"],
      ['[data-testid="temperature"] input[aria-label="temperature"]', "1.5"],
      ['[data-testid="attention"] input[aria-label="name"]', "jo"],
      ['[data-testid="attention"] input[aria-label="even"]', true],
      ['[data-testid="loss-curve"] input[aria-label="steps"]', "20"],
      ['[data-testid="loss-curve"] select[aria-label="step"]', "0"],
      ['[data-testid="all-steps"] input[aria-label="steps"]', "20"],
    ];
    for (const [selector, value] of set) await change(page, selector, value);
    await waitForData(page, "attention", "name", "jo");
    await waitForData(page, "loss-curve", "training", "done");
    // The page draws every widget afresh, as after a restart.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    for (const [selector, value] of set) {
      const now = await page.evaluate(
        `(() => { const el = document.querySelector(${
          JSON.stringify(selector)
        }); return el.type === "checkbox" ? el.checked : el.value; })()`,
      );
      assertEquals(now, value, `${selector} after a redraw`);
    }
    // And the widgets drew what the controls say.
    await waitForData(page, "tokenizer", "ids", "26,1,14,1,26");
    await waitForData(page, "temperature", "temperature", "1.5");
    await waitForData(page, "attention", "name", "jo");
    await waitForData(page, "loss-curve", "stepsDone", "20");
  },
);

vizTest(
  "an error clears what was about the last good input; a model in training dims the old drawing; cut names, softmax and final losses are said",
  "solutions",
  async ({ page }) => {
    const text = (selector: string) =>
      page.evaluate(
        `document.querySelector(${
          JSON.stringify(selector)
        })?.textContent ?? ""`,
      ) as Promise<string>;
    const tokenizer = '[data-testid="tokenizer"]';
    await setInput(page, `${tokenizer} input`, "Anna");
    await page.waitForSelector(`${tokenizer} .error`);
    assert(!/prediction/.test(await text(tokenizer)), await text(tokenizer));

    const temperature = '[data-testid="temperature"]';
    await setInput(page, `${temperature} input[aria-label="prefix"]`, "em");
    await waitForData(page, "temperature", "ready", "true");
    await page.waitForFunction(
      `document.querySelector('${temperature}').textContent.includes("“em”")`,
    );
    await setInput(page, `${temperature} input[aria-label="prefix"]`, "emX");
    await page.waitForSelector(`${temperature} .error`);
    assert(
      !/P\(next character/.test(await text(temperature)),
      await text(temperature),
    );

    // Asked for a trained model: the untrained one's heatmap dims at once.
    const plot = '[data-testid="attention"] .multiples';
    const dimmed = await page.evaluate(`(() => {
      const trained = document.querySelector('[data-testid="attention"] select[aria-label="trained"]');
      trained.value = "200";
      trained.dispatchEvent(new Event("change"));
      return document.querySelector('${plot}').classList.contains("stale");
    })()`);
    assert(dimmed, "the old heatmap is dimmed while the model trains");
    await waitForData(page, "attention", "trained", "200");
    assert(
      !await page.evaluate(
        `document.querySelector('${plot}').classList.contains("stale")`,
      ),
      "the new heatmap is not dimmed",
    );

    // A name longer than the model's 16 positions: cut, and said so.
    await setInput(
      page,
      '[data-testid="attention"] input[aria-label="name"]',
      "abcdefghijklmnopqrs",
    );
    await waitForData(page, "attention", "name", "abcdefghijklmno");
    assertMatch(
      await text('[data-testid="attention"] [data-cut]'),
      /16 positions.*“abcdefghijklmno”/,
    );

    assertMatch(await text('[data-testid="softmax"]'), /always sum to 1/);

    // Every step: the last line says what its numbers are; no two colours alike.
    await setInput(page, '[data-testid="all-steps"] input[type="number"]', "3");
    await page.click('[data-testid="all-steps"] button');
    await page.waitForSelector(
      '[data-testid="all-steps"][data-training="done"]',
      { timeout: 60_000 },
    );
    assertMatch(
      await text('[data-testid="all-steps"] .controls + div + p'),
      /^Final smoothed losses .*Step 0: \d\.\d{3}/,
    );
    const colors = await page.evaluate(
      `[...document.querySelectorAll('[data-testid="all-steps"] .controls label[style]')].map((l) => getComputedStyle(l).color.match(/\\d+/g).map(Number))`,
    ) as number[][];
    assertEquals(colors.length, 6, "a colour per step");
    for (let i = 0; i < colors.length; i++) {
      for (let j = i + 1; j < colors.length; j++) {
        const distance = Math.hypot(
          ...colors[i].map((c, k) => c - colors[j][k]),
        );
        assertGreater(
          distance,
          70,
          `Steps ${i} and ${j}: rgb ${colors[i]} and ${colors[j]}`,
        );
      }
    }
  },
);

vizTest(
  "a server that stops is said wherever the page is scrolled, and a widget's request says so too",
  "solutions",
  async ({ page }, _t, server) => {
    // A learner at the last cards, far below the header.
    await page.evaluate(`window.scrollTo(0, document.body.scrollHeight)`);
    await server.close();
    await page.waitForFunction(
      `document.getElementById("server").dataset.state === "down"`,
      { timeout: 10_000 },
    );
    const banner = await page.evaluate(
      `(() => { const r = document.getElementById("server").getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height, scrollY, innerHeight }; })()`,
    ) as Record<string, number>;
    assertGreater(banner.scrollY, 500, "the page is scrolled down");
    assertGreater(banner.height, 0, "the banner is shown");
    assert(
      banner.top >= 0 && banner.bottom <= banner.innerHeight,
      `the banner is in the window: ${JSON.stringify(banner)}`,
    );
    // A widget asked now: a sentence about the server, not "Failed to fetch".
    await setInput(page, '[data-testid="tokenizer"] input', "bo");
    await page.waitForFunction(
      `document.querySelector('[data-testid="tokenizer"] .error')`,
      { timeout: 10_000 },
    );
    const text = await page.evaluate(
      `document.querySelector('[data-testid="tokenizer"] .error').textContent`,
    ) as string;
    assertMatch(text, /server is not answering/);
  },
);

Deno.test({
  name:
    `viz: deno task viz restarts when a lesson is saved, and the page follows; a lesson that does not parse is named${NO_CHROMIUM}`,
  ignore: !HAS_CHROMIUM,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const run = await startLauncherCopy();
    const browser = await launchBrowser();
    const lesson = `${run.root}lessons/step5/01_ema.ts`;
    const solved = await Deno.readTextFile(
      `${run.root}solutions/step5/01_ema.ts`,
    );
    const ema = `document.querySelector('[data-testid="ema"]')?.dataset.state`;
    const server = `document.getElementById("server").dataset.state`;
    const until = (condition: string) =>
      page.waitForFunction(condition, { timeout: 30_000 });
    const { page } = await openPage(browser, run.url);
    try {
      assertEquals(await page.evaluate(ema), "waiting");
      // The learner solves the lesson and saves: no restart, no reload.
      await Deno.writeTextFile(lesson, solved);
      await until(`${ema} === "live"`);
      // A lesson that does not parse: Deno names it, the page says why.
      await Deno.writeTextFile(lesson, `${solved}\nexport const = ;\n`);
      await until(`${server} === "down"`);
      assertMatch(run.output(), /lessons\/step5\/01_ema\.ts:\d+:\d+/);
      assert(!run.output().includes("Stack backtrace"), run.output());
      // Fixed and saved: the server comes back, the page redraws.
      await Deno.writeTextFile(lesson, solved);
      await until(`${server} === "restarted" && ${ema} === "live"`);
      // All is well again: the notice leaves the cards uncovered.
      await until(`document.getElementById("server").hidden`);
    } finally {
      await browser.close();
      const status = await run.stop();
      assertEquals(status.code, 0, run.output());
    }
  },
});
