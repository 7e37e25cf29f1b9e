import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { LiveView, type Terminal } from "./live_view.ts";

/** A terminal that records what is written, with a clock the test moves. */
class FakeTerminal implements Terminal {
  stdout = "";
  stderr = "";
  time = 0;
  columns = 100;
  rows = 40;
  out(text: string) {
    this.stdout += text;
  }
  err(text: string) {
    this.stderr += text;
  }
  size() {
    return { columns: this.columns, rows: this.rows };
  }
  now() {
    return this.time;
  }
  /** How many times the progress bar was drawn. */
  frames() {
    return this.stderr.split("▕").length - 1;
  }
}

/** Runs a fake training of `steps` steps, `msPerStep` apart. */
async function train(
  view: LiveView,
  terminal: FakeTerminal,
  steps: number,
  msPerStep: number,
) {
  view.line("num docs: 8");
  view.startTraining({ steps, vocabSize: 27 });
  for (let step = 0; step < steps; step++) {
    terminal.time += msPerStep;
    const loss = 3.3 - step / steps;
    view.step({ step, steps, loss, lr: 1 - step / steps });
    if (step < 2) view.line(`step ${step + 1}`);
  }
  await view.endTraining();
  view.line("sample  1: ava");
}

Deno.test("LiveView writes the reference lines to stdout unchanged", async () => {
  const terminal = new FakeTerminal();
  await train(new LiveView(terminal), terminal, 100, 1);
  assertEquals(
    terminal.stdout,
    "num docs: 8\nstep 1\nstep 2\nsample  1: ava\n",
  );
});

Deno.test("LiveView redraws at most once per frame interval", async () => {
  const fast = new FakeTerminal();
  await train(new LiveView(fast), fast, 1000, 0.1); // 100 ms of training
  // A first frame, one per 50 ms, and one per step line.
  assert(fast.frames() <= 6, `${fast.frames()} frames`);
  const slow = new FakeTerminal();
  await train(new LiveView(slow), slow, 100, 100); // 10 s of training
  assert(slow.frames() >= 100, `${slow.frames()} frames`);
});

Deno.test("LiveView erases its region before writing lines below it", () => {
  const terminal = new FakeTerminal();
  const view = new LiveView(terminal);
  view.startTraining({ steps: 10, vocabSize: 27 });
  const drawn = terminal.stderr.split("\n").length - 1;
  terminal.time += 50;
  view.line("step 1");
  assertStringIncludes(terminal.stderr, `\x1b[${drawn}F\x1b[J`);
  assertEquals(terminal.stdout, "step 1\n");
  view.close();
});

Deno.test("LiveView holds the lines printed between two frames and writes them together", async () => {
  const terminal = new FakeTerminal();
  const view = new LiveView(terminal);
  view.startTraining({ steps: 100, vocabSize: 27 });
  // Step 5 prints a line per step: 100 steps in 10 ms make no new frame...
  for (let step = 0; step < 100; step++) {
    terminal.time += 0.1;
    view.step({ step, steps: 100, loss: 3, lr: 0.01 });
    view.line(`step ${step + 1}`);
  }
  assertEquals(terminal.frames(), 1);
  assertEquals(terminal.stdout, "");
  // ...and the lines come out, in order, when training ends.
  await view.endTraining();
  assertEquals(
    terminal.stdout,
    Array.from({ length: 100 }, (_, s) => `step ${s + 1}\n`).join(""),
  );
});

Deno.test("LiveView writes the held lines when a run stops early", () => {
  const terminal = new FakeTerminal();
  const view = new LiveView(terminal);
  view.startTraining({ steps: 10, vocabSize: 27 });
  view.line("step 1");
  view.close();
  assertEquals(terminal.stdout, "step 1\n");
});

Deno.test("LiveView compares the learner's speed with the reference solutions'", async () => {
  const terminal = new FakeTerminal();
  let budget = 0;
  const view = new LiveView(terminal, (ms) => {
    budget = ms;
    return Promise.resolve(812.4);
  });
  await train(view, terminal, 200, 200); // 40 s: 5 steps/s
  assertEquals(budget, 500);
  assertStringIncludes(
    terminal.stderr,
    "trained 200 steps in 40 s (5.0 steps/s)",
  );
  assertStringIncludes(
    terminal.stderr,
    "your lessons: 5.0 steps/s; the reference solutions run about 812 steps/s on this machine\n",
  );
});

Deno.test("LiveView leaves the final curve and a summary on screen", async () => {
  const terminal = new FakeTerminal();
  terminal.time = 1000;
  await train(new LiveView(terminal), terminal, 200, 2); // 0.4 s
  const end = terminal.stderr.slice(terminal.stderr.lastIndexOf("\x1b[J"));
  assertStringIncludes(end, "ln 27 = 3.296");
  assertStringIncludes(
    end,
    "trained 200 steps in 0.4 s (500 steps/s) │ mean loss of the last 100 steps",
  );
  assert(!end.includes("▕"), "the progress bar is gone");
});

Deno.test("LiveView draws only the bar in a small terminal", () => {
  const terminal = new FakeTerminal();
  terminal.rows = 10;
  const view = new LiveView(terminal);
  view.startTraining({ steps: 10, vocabSize: 27 });
  assertEquals(terminal.stderr.split("\n").length - 1, 1);
  assert(!terminal.stderr.includes("┈"));
  view.close();
});
