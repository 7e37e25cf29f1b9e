/**
 * Regenerates docs/viz.png, the README's picture of the page: viz on the
 * solutions, the Steps 3–5 widgets on trained models, every step trained
 * on one chart, the whole page at 1200 px drawn 720 px wide.
 *
 *     deno run -A --import-map support/maps/offline_solutions.json support/viz/_screenshot.ts
 *
 * @module
 */

import { ROOT_DIR } from "../root.ts";
import { openBrowser, startViz, widgetData } from "./_harness.ts";

/** Chooses `value` in widget `id`'s select named `label`, as a user would. */
function choose(id: string, label: string, value: string): string {
  return `(() => {
    const select = document.querySelector('[data-testid="${id}"] select[aria-label="${label}"]');
    select.value = "${value}";
    select.dispatchEvent(new Event("change"));
  })()`;
}

if (import.meta.main) {
  const viz = await startViz({ solutions: true });
  const browser = await openBrowser(viz.url);
  const { page } = browser;
  try {
    await page.evaluate(choose("attention", "step", "4"));
    await page.evaluate(choose("attention", "trained", "1000"));
    await page.evaluate(choose("kv-cache", "trained", "1000"));
    await page.click('[data-testid="all-steps"] button');
    await page.waitForFunction(
      `/Final smoothed losses/.test(document.querySelector('[data-testid="all-steps"]').textContent)`,
      { timeout: 300_000 },
    );
    for (const id of ["attention", "kv-cache"]) {
      await page.waitForFunction(
        `document.querySelector('[data-testid="${id}"] select[aria-label="trained"]').value === "1000" && !document.querySelector('[data-testid="${id}"] .stale')`,
        { timeout: 300_000 },
      );
      await widgetData(page, id);
    }
    await page.setViewport({
      width: 1200,
      height: 900,
      deviceScaleFactor: 0.6,
    });
    await page.screenshot({ path: `${ROOT_DIR}docs/viz.png`, fullPage: true });
    console.log("docs/viz.png written");
  } finally {
    await browser.close();
    await viz.stop();
  }
}
