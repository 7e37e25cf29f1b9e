/**
 * The browser journey of `deno task viz`: a headless Chromium on the page
 * of a learner who has solved Steps 0–4. Every card draws (its numbers are
 * tested over HTTP, in server_test.ts), Momentum waits for its lesson, a
 * training streams its loss curve, and saving the lesson redraws the page
 * with Momentum live. Ignored, with the reason in its name, when
 * /usr/bin/chromium is missing (`.ci/run` installs it).
 *
 * @module
 */

import { assertEquals, assertMatch } from "@std/assert";
import { HAS_CHROMIUM, openBrowser, startViz, widgetData } from "./_harness.ts";

const NO_CHROMIUM = HAS_CHROMIUM
  ? ""
  : " (ignored: no /usr/bin/chromium; .ci/run installs it)";

Deno.test({
  name:
    `viz in a browser: the cards draw, one waits, a training streams, a save redraws${NO_CHROMIUM}`,
  ignore: !HAS_CHROMIUM,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const viz = await startViz({ copy: { solvedThrough: "step4/04" } });
    const browser = await openBrowser(viz.url);
    const { page, errors } = browser;
    const read = (script: string) => page.evaluate(script) as Promise<string>;
    try {
      const cards = JSON.parse(
        await read(
          `JSON.stringify([...document.querySelectorAll("section")].map((s) => [s.dataset.testid, s.dataset.state]))`,
        ),
      );
      const live = [
        "tokenizer",
        "count-table",
        "softmax",
        "gradient-check",
        "loss-curve",
        "temperature",
        "value-graph",
      ];
      assertEquals(Object.fromEntries(cards), {
        ...Object.fromEntries(live.map((id) => [id, "live"])),
        embeddings: "live",
        attention: "live",
        "kv-cache": "live",
        ema: "waiting",
        "all-steps": "live",
      });
      for (const [id] of cards) if (id !== "ema") await widgetData(page, id);
      const ema = '[data-testid="ema"]';
      assertMatch(
        await read(`document.querySelector('${ema}').textContent`),
        /deno task test tests\/step5\/01_ema_test\.ts/,
      );

      // The loss curve trains Step 1 as the page opens, streamed step by
      // step; the names it invents say it is done.
      const loss = `document.querySelector('[data-testid="loss-curve"]')`;
      await page.waitForFunction(`/Invented: /.test(${loss}.textContent)`, {
        timeout: 60_000,
      });
      assertMatch(await read(`${loss}.textContent`), /step 1000 \/ 1000 \|/);

      // The learner writes the lesson and saves: the page redraws by itself.
      const lesson = "lessons/step5/01_ema.ts";
      Deno.copyFileSync(
        `${viz.root}${lesson.replace("lessons/", "solutions/")}`,
        viz.root + lesson,
      );
      await page.waitForFunction(
        `document.querySelector('${ema}')?.dataset.ready === "true"`,
        { timeout: 30_000 },
      );
      // Said once every card is drawn again.
      await page.waitForFunction(
        `/Lessons changed at/.test(document.getElementById("server").textContent)`,
        { timeout: 30_000 },
      );
      assertEquals(errors, []);
    } finally {
      await browser.close();
      await viz.stop();
    }
  },
});
