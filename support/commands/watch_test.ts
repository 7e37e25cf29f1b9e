import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons } from "../manifest.ts";
import { copyKata, removeCopy, solve } from "./_testing.ts";
import {
  debounce,
  isLessonChange,
  keyAction,
  lessonsAt,
  newlyDone,
  Rerunner,
} from "./watch.ts";
import { summarize } from "../journey/lesson_progress.ts";

const event = (kind: Deno.FsEvent["kind"], ...paths: string[]) => ({
  kind,
  paths,
});

Deno.test("isLessonChange() counts saved .ts files, not editors' temporary files", () => {
  assert(isLessonChange(event("modify", "/k/lessons/step1/04_softmax.ts")));
  assert(
    isLessonChange(
      event("rename", "/k/lessons/step1/x~", "/k/lessons/step1/04_softmax.ts"),
    ),
  );
  assert(isLessonChange(event("create", "/k/lessons/step1/04_softmax.ts")));
  assert(!isLessonChange(event("access", "/k/lessons/step1/04_softmax.ts")));
  assert(
    !isLessonChange(event("modify", "/k/lessons/step1/.04_softmax.ts.swp")),
  );
  assert(!isLessonChange(event("create", "/k/lessons/step1/4913")));
  assert(!isLessonChange(event("modify", "/k/lessons/step1/04_softmax.ts~")));
});

Deno.test("keyAction() reruns on Enter or r and quits on q, Ctrl-C or Ctrl-D", () => {
  const keys = ["\r", "\n", "r", "q", "\x03", "\x04", "x", " "];
  assertEquals(keys.map((k) => keyAction(k.charCodeAt(0))), [
    "rerun",
    "rerun",
    "rerun",
    "quit",
    "quit",
    "quit",
    undefined,
    undefined,
  ]);
});

Deno.test("debounce() calls once, after the last of a burst", async () => {
  let calls = 0;
  const debouncer = debounce(30, () => calls++);
  debouncer.trigger();
  debouncer.trigger();
  await new Promise((resolve) => setTimeout(resolve, 10));
  debouncer.trigger();
  assertEquals(calls, 0);
  await new Promise((resolve) => setTimeout(resolve, 80));
  assertEquals(calls, 1);
  debouncer.trigger();
  debouncer.cancel();
  await new Promise((resolve) => setTimeout(resolve, 60));
  assertEquals(calls, 1);
});

Deno.test("Rerunner runs one at a time, folds requests made during a run into one, and stops", async () => {
  let runs = 0;
  let release = () => {};
  const rerunner = new Rerunner(async () => {
    runs++;
    await new Promise<void>((resolve) => (release = resolve));
  });
  rerunner.request();
  rerunner.request();
  rerunner.request();
  assertEquals(runs, 1);
  release();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assertEquals(runs, 2);
  release();
  await rerunner.idle();
  assertEquals(runs, 2);

  // After stop(), a run going on is told to stop, and no other starts.
  let signal: AbortSignal | undefined;
  const stopping = new Rerunner(async (s) => {
    signal = s;
    await new Promise<void>((resolve) => (release = resolve));
  });
  stopping.request();
  stopping.stop();
  assertEquals(signal?.aborted, true);
  release();
  await stopping.idle();

  rerunner.request();
  rerunner.request();
  rerunner.stop();
  rerunner.request();
  release();
  await rerunner.idle();
  assertEquals(runs, 3);
});

Deno.test("Rerunner tells a run that a newer request makes it out of date", async () => {
  const signals: AbortSignal[] = [];
  let release = () => {};
  const rerunner = new Rerunner(async (signal) => {
    signals.push(signal);
    await new Promise<void>((resolve) => (release = resolve));
  });
  rerunner.request();
  assertEquals(signals[0].aborted, false);
  rerunner.request();
  assertEquals(signals[0].aborted, true);
  release();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assertEquals([signals.length, signals[1].aborted], [2, false]);
  release();
  await rerunner.idle();
});

Deno.test("lessonsAt() finds the lessons among saved files", () => {
  const [a, b] = allLessons();
  assertEquals(
    lessonsAt(
      ["/k/lessons/x.ts~", `/k/${b.lessonFile}`, `/k/${a.lessonFile}`],
      "/k/",
    ),
    [a, b],
  );
  assertEquals(lessonsAt([`/k/${a.testFile}`], "/k/"), []);
});

Deno.test("newlyDone() names the lessons that pass now and did not before", () => {
  const entries = allLessons();
  const at = (done: number) =>
    summarize({
      outcomes: entries.map((e, i) => ({
        name: "t",
        file: e.testFile,
        status: i < done ? "passed" : "failed",
        notImplemented: false,
      })),
      code: 1,
      output: "",
    });
  assertEquals(newlyDone(undefined, at(1)), []);
  assertEquals(newlyDone(at(1), at(3)), [
    entries[1].lesson.id,
    entries[2].lesson.id,
  ]);
});

/** Reads a child's stdout into `text` as it comes. */
class Output {
  text = "";
  #done: Promise<void>;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#done = (async () => {
      for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
        this.text += chunk;
      }
    })();
  }

  /** Waits until `text` occurs `times` times, or fails after `ms`. */
  async waitFor(text: string, times = 1, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (this.text.split(text).length - 1 < times) {
      if (Date.now() > end) {
        throw new Error(`"${text}" did not appear; output:\n${this.text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  closed(): Promise<void> {
    return this.#done;
  }
}

/** `deno task watch` in the kata copy at `root`, keys on stdin. */
function spawnWatch(root: string, env: Record<string, string> = {}) {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--import-map",
      "support/maps/offline.json",
      "support/commands/watch.ts",
    ],
    cwd: root,
    env: { KATA_OFFLINE: "1", NO_COLOR: "1", ...env },
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
}

Deno.test("watch reruns on r and on a saved lesson, and quits on q", async () => {
  // Only the first lesson's tests, so that each run is quick.
  const first = allLessons()[0];
  const root = await copyKata({ tests: [first.testFile] });
  const child = spawnWatch(root);
  const output = new Output(child.stdout);
  const keys = child.stdin.getWriter();
  const send = (text: string) => keys.write(new TextEncoder().encode(text));
  try {
    await output.waitFor("Watching lessons/");
    assertStringIncludes(output.text, `Next: ${first.lesson.id}`);

    await send("r\n");
    await output.waitFor("Watching lessons/", 2);
    assertStringIncludes(output.text, "──── run 2 ────");

    solve(root, first.lessonFile);
    await output.waitFor(`✓ ${first.lesson.id} passes now`);
    await output.waitFor("Watching lessons/", 3);
    const run3 = output.text.split("──── run 3 ────")[1];
    assertStringIncludes(run3, "1 of ");
    // The saved lesson first, on its own, then the whole view.
    const saved = run3.indexOf(`✓ ${first.lesson.id} · ${first.lesson.title}`);
    assert(saved !== -1, run3);
    assert(saved < run3.indexOf("Running the lesson tests…"), run3);

    await send("q\n");
    const status = await child.status;
    await output.closed();
    assertEquals(status.code, 0);
    assertStringIncludes(output.text, "Stopped watching.");
  } finally {
    await keys.close().catch(() => {});
    try {
      child.kill();
    } catch {
      // It has already exited.
    }
    await child.status;
    await removeCopy(root);
  }
});

Deno.test("watch waits out a stuck lesson's time limit once per save, and says which test file got stuck", async () => {
  const softmax = allLessons().find((e) => e.lesson.id === "step1/04")!;
  const root = await copyKata({ tests: [softmax.testFile] });
  const file = root + softmax.lessonFile;
  const stub = Deno.readTextFileSync(file);
  Deno.writeTextFileSync(
    file,
    stub.replace("  todo(", "  while (logits.length > 0) {}\n  todo("),
  );
  const limit = 4;
  const child = spawnWatch(root, { KATA_TEST_TIME_LIMIT: String(limit) });
  const output = new Output(child.stdout);
  const keys = child.stdin.getWriter();
  const stuck = `${softmax.testFile} did not finish within ${limit} s`;
  try {
    await output.waitFor("Watching lessons/", 1, 60_000);
    assertStringIncludes(output.text, stuck);

    // Saved, still stuck: the saved lesson's own run waits out the limit;
    // the whole view after it reuses that result instead of waiting again.
    Deno.writeTextFileSync(file, Deno.readTextFileSync(file) + "\n// again\n");
    await output.waitFor("Running the lesson tests…", 2, 60_000);
    const started = Date.now();
    await output.waitFor("Watching lessons/", 2, 60_000);
    const seconds = (Date.now() - started) / 1000;
    assert(seconds < limit, `the whole view took ${seconds} s`);
    const view = output.text.slice(
      output.text.lastIndexOf("Running the lesson tests…"),
    );
    assertStringIncludes(view, "The tests could not run:");
    assertStringIncludes(view, stuck);

    await keys.write(new TextEncoder().encode("q\n"));
    assertEquals((await child.status).code, 0);
  } finally {
    await keys.close().catch(() => {});
    try {
      child.kill();
    } catch {
      // It has already exited.
    }
    await child.status;
    await output.closed();
    await removeCopy(root);
  }
});
