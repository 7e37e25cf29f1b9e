import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, edit, removeCopy } from "./_testing.ts";

const SOFTMAX_TEST = "tests/step1/04_softmax_test.ts";

/** `deno <args>` in `root`, its stdout and stderr kept as they come. */
function spawn(root: string, args: string, env: Record<string, string>) {
  const child = new Deno.Command(Deno.execPath(), {
    args: args.split(" "),
    cwd: root,
    env: { KATA_OFFLINE: "1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const seen = { out: "", err: "" };
  const read = async (
    stream: ReadableStream<Uint8Array>,
    key: "out" | "err",
  ) => {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      seen[key] += text;
    }
  };
  const done = Promise.all([
    read(child.stdout, "out"),
    read(child.stderr, "err"),
  ]);
  return { child, seen, done };
}

Deno.test("deno task test is deno test with the right map: the learner's arguments in, deno's own bytes out", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const args = `${SOFTMAX_TEST} --filter positive`;
  // Colours on (deno keeps them on a pipe), and a backtrace asked for.
  const env = { RUST_BACKTRACE: "1", NO_COLOR: "" };
  const launched = spawn(root, `run -A support/kata.ts test ${args}`, env);
  const map = "--import-map support/maps/offline.json";
  const plain = spawn(root, `test ${map} ${args}`, env);
  const [a, b] = await Promise.all([launched, plain].map(async (run) => {
    await run.done;
    return { ...run.seen, code: (await run.child.status).code };
  }));
  // Only the times differ from one run to the next.
  const times = /\(\d+(\.\d+)?m?s\)/g;
  assertEquals(a.out.replaceAll(times, "(t)"), b.out.replaceAll(times, "(t)"));
  assertStringIncludes(a.out, "\x1b[");
  assertStringIncludes(
    a.out,
    "step1/04 softmax() gives positive probabilities",
  );
  assertEquals(a.code, 1);
  assertStringIncludes(a.err, "Test failed");
  assert(!a.err.includes("Stack backtrace"), a.err);
});

Deno.test("deno task test --help is the kata's help, not deno test's", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const run = spawn(root, "run -A support/kata.ts test --help", {});
  await run.done;
  assertEquals((await run.child.status).code, 0);
  assertStringIncludes(run.seen.out, "Usage: deno task test [files]");
});

Deno.test("deno task test says which lesson's test has run too long without finishing, and stops", async () => {
  const root = await copyKata({ tests: [SOFTMAX_TEST] });
  edit(
    root,
    "lessons/step1/04_softmax.ts",
    (text) => text.replace("  todo(", "  while (logits) {}\n  todo("),
  );
  // Unchecked (a learner's flag, passed through): a type check says nothing
  // on stdout, and the limit here is short.
  const args = `run -A support/kata.ts test --no-check ${SOFTMAX_TEST}`;
  const run = spawn(root, args, {
    KATA_TEST_TIME_LIMIT: "2",
    NO_COLOR: "1",
  });
  try {
    const status = await run.child.status;
    assertEquals(status.code, 1);
    assertStringIncludes(
      run.seen.err,
      `${SOFTMAX_TEST} has run 2 s without finishing a test ("step1/04 `,
    );
    assertStringIncludes(
      run.seen.err,
      ` is running): is a loop in lessons/step1/04_softmax.ts stuck? The run is stopped (KATA_TEST_TIME_LIMIT=120 allows 120 s).\n`,
    );
  } finally {
    try {
      run.child.kill("SIGTERM"); // Passed on to every process of the chain.
    } catch {
      // It has ended.
    }
    await run.done;
    await removeCopy(root);
  }
});
