import { assertEquals, assertStringIncludes } from "@std/assert";
import { parseJunit, whereStopped } from "./test_report.ts";

// Trimmed from a real `deno test --junit-path` report of deno 2.9.6.
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="6" failures="3" errors="0" time="0.011">
    <testsuite name="./tests/a_test.ts" tests="6" disabled="1" errors="0" failures="3">
        <testcase name="passes" classname="./tests/a_test.ts" time="0.000" line="1" col="6">
        </testcase>
        <testcase name="stub &lt;x&gt;" classname="./tests/a_test.ts" time="0.003" line="2" col="6">
            <failure message="Uncaught NotImplementedError: softmax() is not implemented yet">NotImplementedError: …</failure>
        </testcase>
        <testcase name="steps" classname="./tests/a_test.ts" time="0.001" line="3" col="6">
            <failure message="1 test step failed">1 test step failed.</failure>
        </testcase>
        <testcase name="skipped" classname="./tests/a_test.ts" time="0.000" line="4" col="6">
            <skipped/>
        </testcase>
        <testcase name="steps &gt; inner ok" classname="./tests/a_test.ts" time="0.000" line="3" col="47">
        </testcase>
        <testcase name="steps &gt; inner bad" classname="./tests/a_test.ts" time="0.000" line="3" col="83">
            <failure message="Uncaught NotImplementedError: mlp() &amp; more">NotImplementedError</failure>
        </testcase>
    </testsuite>
</testsuites>`;

Deno.test("parseJunit() reads top-level outcomes and folds steps into their test", () => {
  assertEquals(parseJunit(XML), [
    {
      name: "passes",
      file: "tests/a_test.ts",
      status: "passed",
      message: undefined,
      notImplemented: false,
    },
    {
      name: "stub <x>",
      file: "tests/a_test.ts",
      status: "failed",
      message: "Uncaught NotImplementedError: softmax() is not implemented yet",
      notImplemented: true,
    },
    {
      name: "steps",
      file: "tests/a_test.ts",
      status: "failed",
      message: "Uncaught NotImplementedError: mlp() & more",
      notImplemented: true,
    },
    {
      name: "skipped",
      file: "tests/a_test.ts",
      status: "ignored",
      message: undefined,
      notImplemented: false,
    },
  ]);
});

Deno.test("parseJunit() of an empty report is empty", () => {
  assertEquals(parseJunit(""), []);
});

Deno.test("a failing deno task test ends without a Rust backtrace, even with RUST_BACKTRACE set", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kata_backtrace_" });
  const failing = `${dir}/fails_test.ts`;
  await Deno.writeTextFile(
    failing,
    'Deno.test("fails", () => {\n  throw new Error("on purpose");\n});\n',
  );
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "support/kata.ts", "test", failing],
    cwd: new URL("../", import.meta.url).pathname,
    env: { KATA_OFFLINE: "1", NO_COLOR: "1", RUST_BACKTRACE: "1" },
    stdin: "null",
  }).output().finally(() => Deno.remove(dir, { recursive: true }));
  const text = new TextDecoder();
  const output = text.decode(stdout) + text.decode(stderr);
  assertEquals(code, 1, output);
  assertStringIncludes(output, "error: Test failed");
  assertEquals(output.includes("Stack backtrace"), false, output);
});

// As deno 2.9.6's pretty reporter prints it, cut where a run was killed.
const STARTED = `running 2 tests from ./tests/a_test.ts
a one ... ok (1ms)
a two ...
  a step ... ok (0ms)
a two ... FAILED (3ms)
running 3 tests from ./tests/b_test.ts
b one ... ok (2ms)
b loops ...`;

Deno.test("whereStopped() names the file and the test that had started and not ended", () => {
  const paths = ["tests/a_test.ts", "tests/b_test.ts", "tests/c_test.ts"];
  assertEquals(whereStopped(STARTED, paths, 60), {
    file: "tests/b_test.ts",
    test: "b loops",
    finished: ["tests/a_test.ts"],
    seconds: 60,
  });
});

Deno.test("whereStopped() names the next file when one hangs while loading (no test of it started)", () => {
  const paths = ["tests/a_test.ts", "tests/b_test.ts"];
  const loading = STARTED.slice(0, STARTED.indexOf("running 3"));
  assertEquals(whereStopped(loading, paths, 5), {
    file: "tests/b_test.ts",
    finished: ["tests/a_test.ts"],
    seconds: 5,
  });
  // Folders: the next file cannot be told.
  assertEquals(whereStopped(loading, ["tests/"], 5).file, undefined);
  assertEquals(whereStopped("", paths, 5).file, "tests/a_test.ts");
});

Deno.test("whereStopped() counts a file that failed to load as over", () => {
  const paths = ["tests/a_test.ts", "tests/b_test.ts"];
  const output = "./tests/a_test.ts (uncaught error)\nerror: Error: boom\n";
  assertEquals(whereStopped(output, paths, 5), {
    file: "tests/b_test.ts",
    finished: ["tests/a_test.ts"],
    seconds: 5,
  });
});
