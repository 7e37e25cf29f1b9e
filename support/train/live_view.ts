/**
 * The live view of `deno task train` in a terminal: the reference program's
 * lines scroll on stdout as usual, and below them a region on stderr is
 * redrawn in place while training runs, with the loss curve growing and a
 * progress bar. When training ends the final curve stays on screen with a
 * summary, and the samples follow.
 *
 * Everything it needs from the outside (writing, the terminal's size, the
 * clock) comes through a {@linkcode Terminal}, so tests can drive it with a
 * fake one. Redraws are throttled (20 per second): drawing costs
 * far less than training even when a step takes microseconds. The lines
 * printed while training (Step 5 prints one per step) are held until the
 * next frame and written together above it, so a fast run is not slowed by
 * a redraw per line.
 *
 * Running the learner's lessons, the summary also compares their speed with
 * the reference solutions', measured on this machine in the same run (see
 * `reference_speed.ts`). Colours go through `styleText`, which leaves them
 * out when NO_COLOR is set or stderr is not a terminal.
 *
 * @module
 */

import { renderLossChart, smoothLoss } from "./chart.ts";
import {
  formatRate,
  renderProgressBar,
  renderSummary,
} from "./progress_bar.ts";
import type { ReferenceSpeed } from "./reference_speed.ts";
import { type ProgramOutput, type StepEvent } from "./step_program.ts";

/** What the live view draws on. */
export interface Terminal {
  /** Writes to stdout (the reference program's lines). */
  out(text: string): void;
  /** Writes to stderr (the live region). */
  err(text: string): void;
  /** The terminal's size. */
  size(): { columns: number; rows: number };
  /** A clock in milliseconds. */
  now(): number;
}

/** The real terminal: stdout, stderr, their size and `performance.now()`. */
export function denoTerminal(): Terminal {
  const encoder = new TextEncoder();
  const write = (stream: typeof Deno.stdout, text: string) => {
    const bytes = encoder.encode(text);
    let written = 0;
    while (written < bytes.length) {
      written += stream.writeSync(bytes.subarray(written));
    }
  };
  return {
    out: (text) => write(Deno.stdout, text),
    err: (text) => write(Deno.stderr, text),
    // The live view draws only when stdout and stderr are terminals.
    // A pseudo-terminal may not know its width (0): take the usual 80.
    size: () => {
      const { columns, rows } = Deno.consoleSize();
      return { columns: columns || 80, rows: rows || 24 };
    },
    now: () => performance.now(),
  };
}

/** The least time between two redraws, in ms (20 per second). */
const FRAME_INTERVAL = 50;

/** The live view: a {@linkcode ProgramOutput} that draws as it goes. */
export class LiveView implements ProgramOutput {
  #terminal: Terminal;
  #reference?: ReferenceSpeed;
  #regionLines = 0;
  #training = false;
  #steps = 0;
  #vocabSize = 0;
  #started = 0;
  #lastFrame = -Infinity;
  #losses: number[] = [];
  #smoothed: number[] = [];
  #pending: string[] = [];

  /**
   * @param terminal Where to draw.
   * @param reference Measures the reference solutions' speed, for the
   *   summary (none when the run is the solutions').
   */
  constructor(terminal: Terminal, reference?: ReferenceSpeed) {
    this.#terminal = terminal;
    this.#reference = reference;
  }

  line(text: string): void {
    if (!this.#training) {
      this.#terminal.out(`${text}\n`);
      return;
    }
    this.#pending.push(text);
    if (this.#due()) this.#redraw();
  }

  startTraining(info: { steps: number; vocabSize: number }): void {
    this.#training = true;
    this.#steps = info.steps;
    this.#vocabSize = info.vocabSize;
    this.#started = this.#terminal.now();
    this.#redraw();
  }

  step(event: StepEvent): void {
    const step = this.#losses.length;
    const previous = this.#smoothed[step - 1];
    this.#smoothed.push(smoothLoss(previous, event.loss, step, this.#steps));
    this.#losses.push(event.loss);
    if (this.#due()) this.#redraw();
  }

  async endTraining(): Promise<void> {
    this.close();
    if (this.#losses.length === 0) return;
    const elapsed = (this.#terminal.now() - this.#started) / 1000;
    // The final curve and the summary stay on screen, above the samples.
    const lines = [
      ...this.#chartLines(),
      renderSummary({ losses: this.#losses, elapsed }),
    ];
    this.#terminal.err(lines.map((line) => `${line}\n`).join(""));
    // The learner's speed beside the solutions', measured now for a tenth
    // of the training time (0.1 to 0.5 s).
    const budget = Math.min(500, Math.max(100, 100 * elapsed));
    const reference = elapsed > 0 ? await this.#reference?.(budget) : undefined;
    if (reference === undefined) return;
    const yours = formatRate(this.#losses.length / elapsed);
    this.#terminal.err(
      `your lessons: ${yours}; the reference solutions run about ${
        formatRate(reference)
      } on this machine\n`,
    );
  }

  /** Removes the live region and writes the held lines (after an error, or when done). */
  close(): void {
    this.#training = false;
    this.#redraw();
  }

  /** Whether the last frame is old enough to draw another. */
  #due(): boolean {
    return this.#terminal.now() - this.#lastFrame >= FRAME_INTERVAL;
  }

  /**
   * A new frame: the region drawn last is erased (up to its start, and
   * cleared from there on), the held lines and `note` are written, and
   * while training the region is drawn again below them: the chart, sized
   * to the terminal, and the progress bar.
   */
  #redraw(note = ""): void {
    const terminal = this.#terminal;
    const n = this.#regionLines;
    terminal.err(n === 0 ? note : `\x1b[${n}F\x1b[J${note}`);
    if (this.#pending.length > 0) {
      terminal.out(this.#pending.map((line) => `${line}\n`).join(""));
    }
    this.#pending = [];
    this.#regionLines = 0;
    if (!this.#training) return;
    const { columns } = terminal.size();
    const elapsed = (terminal.now() - this.#started) / 1000;
    const done = this.#losses.length;
    // No loss until the first step has finished.
    const loss = this.#smoothed.at(-1);
    const lines = [
      ...this.#chartLines(),
      renderProgressBar(
        { done, steps: this.#steps, loss, elapsed },
        Math.min(columns - 1, 100),
      ),
    ];
    terminal.err(lines.map((line) => `${line}\n`).join(""));
    this.#regionLines = lines.length;
    this.#lastFrame = terminal.now();
  }

  /** The chart, sized to the terminal; none when it is too small. */
  #chartLines(): string[] {
    const { columns, rows } = this.#terminal.size();
    const height = Math.min(12, rows - 10);
    if (height < 3 || columns < 40) return [];
    return [
      "",
      ...renderLossChart(this.#smoothed, {
        width: Math.min(columns - 1, 100),
        height,
        steps: this.#steps,
        vocabSize: this.#vocabSize,
      }),
    ];
  }
}
