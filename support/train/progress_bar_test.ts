import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import {
  formatDuration,
  formatRate,
  renderProgressBar,
  renderSummary,
} from "./progress_bar.ts";

Deno.test("formatDuration() reads like a person would say it", () => {
  assertEquals(formatDuration(0), "0.0 s");
  assertEquals(formatDuration(0.42), "0.4 s");
  assertEquals(formatDuration(12.4), "12 s");
  assertEquals(formatDuration(65), "1 min 05 s");
  assertEquals(formatDuration(NaN), "?");
});

Deno.test("formatRate() groups thousands", () => {
  assertEquals(formatRate(2381.4), "2,381 steps/s");
  assertEquals(formatRate(0.5), "0.5 steps/s");
  assertEquals(formatRate(NaN), "- steps/s");
});

Deno.test("renderProgressBar() shows step, loss, speed and time left", () => {
  const line = renderProgressBar(
    { done: 250, steps: 1000, loss: 2.71828, elapsed: 0.5 },
    100,
  );
  assertStringIncludes(line, "step  250/1000");
  assertStringIncludes(line, "loss 2.7183");
  assertStringIncludes(line, "500 steps/s");
  assertStringIncludes(line, "1.5 s left");
  assert([...line].length <= 100);
});

Deno.test("renderProgressBar() fills the bar in proportion, in eighths", () => {
  const bar = (done: number) =>
    renderProgressBar({ done, steps: 80, loss: 3, elapsed: 1 }, 100)
      .split("▏ step")[0].slice(1);
  assertEquals(bar(0).trim(), "");
  assertEquals(bar(80), "█".repeat(bar(80).length));
  const half = bar(40);
  assertEquals(half.trimEnd(), "█".repeat(half.length / 2));
  assert(/█+[▏▎▍▌▋▊▉]/.test(bar(41)), bar(41));
});

Deno.test("renderProgressBar() drops the bar before the numbers in a narrow terminal", () => {
  const line = renderProgressBar(
    { done: 5, steps: 10, loss: 3, elapsed: 1 },
    55,
  );
  assert(!line.includes("▕"), line);
  assertStringIncludes(line, "step  5/10");
});

Deno.test("renderSummary() reports the mean of the last 100 losses", () => {
  const losses = [...new Array(900).fill(3), ...new Array(100).fill(2)];
  assertEquals(
    renderSummary({ losses, elapsed: 0.5 }),
    "trained 1000 steps in 0.5 s (2,000 steps/s) │ mean loss of the last 100 steps 2.0000",
  );
});
