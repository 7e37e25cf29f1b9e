import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { allLessons } from "../manifest.ts";
import { copyKata, removeCopy } from "./_testing.ts";
import { isLessonChange, keyAction, onePassAtATime } from "./watch.ts";

Deno.test("isLessonChange() counts saved .ts files and lesson folders, not editors' temporary files", () => {
  const change = (kind: Deno.FsEvent["kind"], ...paths: string[]) =>
    isLessonChange({ kind, paths });
  const lesson = "/k/lessons/step1/04_softmax.ts";
  assert(change("modify", lesson));
  assert(change("rename", "/k/lessons/step1/x~", lesson));
  assert(change("create", lesson));
  for (const kind of ["remove", "rename", "create"] as const) {
    assert(change(kind, "/k/lessons/step1"), kind);
  }
  assert(!change("modify", "/k/lessons/step1"));
  assert(!change("access", lesson));
  assert(!change("modify", "/k/lessons/step1/.04_softmax.ts.swp"));
  assert(!change("create", "/k/lessons/step1/4913"));
  assert(!change("modify", "/k/lessons/step1/04_softmax.ts~"));
});

Deno.test("keyAction() reruns on Enter or r and quits on q, Ctrl-C or Ctrl-D, one action per read", () => {
  const keys = ["\r", "\n", "r", "r\n", "q", "\x03", "\x04", "rq", "x", " "];
  // r for rerun, q for quit, - for nothing.
  const actions = keys.map((key) => keyAction(key)?.[0] ?? "-").join("");
  assertEquals(actions, "rrrrqqqq--");
});

Deno.test("onePassAtATime() tells the pass going on it is out of date, makes one more after it, and stops", async () => {
  const signals: AbortSignal[] = [];
  let release = () => {};
  const passes = onePassAtATime(async (signal) => {
    signals.push(signal);
    await new Promise<void>((resolve) => (release = resolve));
  });
  passes.request();
  await new Promise((resolve) => setTimeout(resolve, 0));
  passes.request();
  passes.request();
  assertEquals(signals.map((s) => s.aborted), [true]);
  release();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assertEquals(signals.map((s) => s.aborted), [true, false]);
  const stopped = passes.stop();
  passes.request();
  assertEquals(signals[1].aborted, true);
  release();
  await stopped;
  assertEquals(signals.length, 2);
});

Deno.test("watch shows the view, reruns on r and on a saved lesson, and quits on q", async () => {
  // Only the first lesson's tests, so that each run is quick.
  const first = allLessons()[0];
  const root = await copyKata({ tests: [first.testFile] });
  const args =
    "run -A --import-map support/maps/offline.json support/commands/watch.ts";
  const child = new Deno.Command(Deno.execPath(), {
    args: args.split(" "),
    cwd: root,
    env: { KATA_OFFLINE: "1", NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  let text = "";
  const read = (async () => {
    for await (
      const chunk of child.stdout.pipeThrough(new TextDecoderStream())
    ) text += chunk;
  })();
  const waitFor = async (what: string, times = 1) => {
    const end = Date.now() + 30_000;
    while (text.split(what).length - 1 < times) {
      if (Date.now() > end) throw new Error(`no "${what}" in:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const keys = child.stdin.getWriter();
  const send = (key: string) => keys.write(new TextEncoder().encode(key));
  try {
    await waitFor("Watching lessons/");
    assertStringIncludes(text, `Next: ${first.lesson.id}`);
    await send("r\n");
    await waitFor("──── run 2 ────");
    await waitFor("Watching lessons/", 2);
    Deno.copyFileSync(root + first.solutionFile, root + first.lessonFile);
    await waitFor(`✓ ${first.lesson.id} passes now. Well done!`);
    await waitFor("Watching lessons/", 3);
    await send("q");
    assertEquals((await child.status).code, 0);
    await read;
    assertStringIncludes(text, "Stopped watching.");
  } finally {
    await keys.close().catch(() => {}); // Its end of stdin quits it too.
    await child.status;
    await removeCopy(root);
  }
});
