/**
 * The progress line of the live view and the summary after training: pure
 * functions from numbers to text, so they can be tested without a terminal
 * or a clock.
 *
 * @module
 */

import process from "node:process";
import { styleText } from "node:util";
import { bar } from "./distribution.ts";

/**
 * A duration for people: "0.4 s", "12 s", "3 min 05 s".
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatDuration } from "./progress_bar.ts";
 *
 * assertEquals(formatDuration(0.42), "0.4 s");
 * assertEquals(formatDuration(185), "3 min 05 s");
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - 60 * minutes);
  return `${minutes} min ${String(rest).padStart(2, "0")} s`;
}

/**
 * A rate for people: "2,381 steps/s", or "0.5 steps/s" below 10.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatRate } from "./progress_bar.ts";
 *
 * assertEquals([2381.4, 0.52, NaN].map(formatRate), ["2,381 steps/s", "0.5 steps/s", "- steps/s"]);
 * ```
 */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return "- steps/s";
  const text = rate < 10
    ? rate.toFixed(1)
    : Math.round(rate).toLocaleString("en-US");
  return `${text} steps/s`;
}

/**
 * The progress line: a bar, the step, the loss, the speed and the time
 * left, fitted into `width` characters (the bar shrinks first).
 *
 * @param progress The steps done and in the run, the loss to show (the
 *   smoothed one) and the seconds since training started.
 * @param width The line's width in characters.
 * @returns The line (no newline).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderProgressBar } from "./progress_bar.ts";
 *
 * const line = renderProgressBar({ done: 500, steps: 1000, loss: 2.5, elapsed: 0.5 }, 80);
 * assertEquals(line, "▕██████████          ▏ step  500/1000 │ loss 2.5000 │ 1,000 steps/s │ 0.5 s left");
 * // In a narrow terminal the bar goes first.
 * const narrow = renderProgressBar({ done: 5, steps: 10, loss: 3, elapsed: 1 }, 55);
 * assertEquals(narrow, "step  5/10 │ loss 3.0000 │ 5.0 steps/s │ 1.0 s left");
 * ```
 */
export function renderProgressBar(
  { done, steps, loss, elapsed }: {
    done: number;
    steps: number;
    loss?: number;
    elapsed: number;
  },
  width: number,
): string {
  const rate = elapsed > 0 ? done / elapsed : NaN;
  const left = done >= steps ? 0 : (steps - done) / rate;
  const stepText = `step ${
    String(done).padStart(String(steps).length)
  }/${steps}`;
  const info = ` ${stepText} │ loss ${loss?.toFixed(4) ?? "–"} │ ${
    formatRate(rate)
  } │ ${formatDuration(left)} left`;
  const barWidth = Math.max(0, Math.min(40, width - info.length - 2));
  if (barWidth < 5) return info.trim().slice(0, width);
  const drawn = bar(done / steps, barWidth);
  return `▕${styleText("green", drawn, { stream: process.stderr })}▏${info}`;
}

/**
 * The summary line after training: the mean loss of the last 100 steps (a
 * steadier number than any single step's), the time and the speed.
 *
 * @param summary The raw loss of every step, and the seconds training took.
 * @returns The line (no newline).
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderSummary } from "./progress_bar.ts";
 *
 * assertEquals(
 *   renderSummary({ losses: [3, 2, 1], elapsed: 0.5 }),
 *   "trained 3 steps in 0.5 s (6.0 steps/s) │ mean loss of the last 3 steps 2.0000",
 * );
 * ```
 */
export function renderSummary(
  { losses, elapsed }: { losses: readonly number[]; elapsed: number },
): string {
  const last = losses.slice(-100);
  const mean = last.reduce((sum, loss) => sum + loss, 0) / last.length;
  const rate = elapsed > 0 ? losses.length / elapsed : NaN;
  return `trained ${losses.length} steps in ${formatDuration(elapsed)} (${
    formatRate(rate)
  }) │ mean loss of the last ${last.length} steps ${mean.toFixed(4)}`;
}
