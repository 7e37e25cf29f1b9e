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
/** Every widget for Steps 0–2. */
const STEP_0_TO_2 = [
  "tokenizer",
  "count-table",
  "softmax",
  "gradient-check",
  "loss-curve",
  "temperature",
  "value-graph",
];

Deno.test({
  name:
    `viz: on the solutions, every Step 0–2 widget shows the lessons' numbers${NO_CHROMIUM}`,
  ignore: !HAS_CHROMIUM,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const server = await startServer("solutions");
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(browser, server.url);

      await t.step("every Step 0–2 widget is live", async () => {
        for (const id of STEP_0_TO_2) {
          const state = await page.evaluate(
            `document.querySelector('[data-testid="${id}"]').dataset.state`,
          );
          assertEquals(
            state,
            "live",
            `widget ${id} is ${state}, expected live`,
          );
        }
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
    } finally {
      await browser.close();
      await server.close();
    }
  },
});

Deno.test({
  name:
    `viz: on untouched lessons, every widget names the lesson it waits for, with no console error${NO_CHROMIUM}`,
  ignore: !HAS_CHROMIUM,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = await startServer("lessons");
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(browser, server.url);
      const widgets = (await page.evaluate(
        `[...document.querySelectorAll("section")].map((s) => ({ ...s.dataset, text: s.textContent }))`,
      )) as Record<string, string>[];
      assertEquals(widgets.length, 11, "every widget has its section");
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
    } finally {
      await browser.close();
      await server.close();
    }
  },
});

Deno.test({
  name:
    `viz: with Step 0 solved, Step 0's widgets come alive and the others still wait${NO_CHROMIUM}`,
  ignore: !HAS_CHROMIUM,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = await startServer({ solvedSteps: [0] });
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(browser, server.url);
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
          "gradient-check": "waiting step1/02",
          "loss-curve": "live ",
          "temperature": "waiting step1/01",
          "value-graph": "waiting step2/01",
          "attention": "waiting step3/…",
          "kv-cache": "waiting step3/…",
          "ema": "waiting step5/…",
          "all-steps": "waiting step3/…",
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
    } finally {
      await browser.close();
      await server.close();
    }
  },
});

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
