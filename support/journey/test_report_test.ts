import { assertEquals } from "@std/assert";
import {
  followTests,
  loadErrors,
  parseJunit,
  RunWatch,
  type TestOutcome,
} from "./test_report.ts";

const STUB =
  'NotImplementedError: softmax() is not implemented yet: open lessons/step1/04_softmax.ts (lesson step1/04, "Softmax") and write it.';

// Trimmed from a real `deno test --junit-path` report of deno 2.9.6.
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="6" failures="3" errors="0" time="0.011">
    <testsuite name="./tests/a_test.ts" tests="6" disabled="1" errors="0" failures="3">
        <testcase name="passes" classname="./tests/a_test.ts" time="0.000" line="1" col="6">
        </testcase>
        <testcase name="stub &lt;x&gt;" classname="./tests/a_test.ts" time="0.003" line="2" col="6">
            <failure message="Uncaught ${
  STUB.replaceAll('"', "&quot;")
}">NotImplementedError: …</failure>
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
            <failure message="Uncaught AssertionError: 1 &amp; 2">AssertionError</failure>
        </testcase>
    </testsuite>
</testsuites>`;

Deno.test("parseJunit() reads top-level outcomes, their stubs, and folds steps into their test", () => {
  const file = "tests/a_test.ts";
  assertEquals(
    parseJunit(XML),
    [
      { name: "passes", file, status: "passed", message: undefined },
      {
        name: "stub <x>",
        file,
        status: "failed",
        message: `Uncaught ${STUB}`,
        stub: "step1/04",
      },
      {
        name: "steps",
        file,
        status: "failed",
        message: "Uncaught AssertionError: 1 & 2",
      },
      { name: "skipped", file, status: "ignored", message: undefined },
    ].map((o) => ({ stub: undefined, ...o } as TestOutcome)),
  );
  assertEquals(parseJunit(""), []);
});

Deno.test("loadErrors() turns a test file that failed to load into one failed test", () => {
  // As deno 2.9.6 prints it.
  const output = `Uncaught error from ./tests/step1/11_sampling_test.ts FAILED

 ERRORS 

./tests/step1/11_sampling_test.ts (uncaught error)
error: (in promise) ${STUB}
  throw new NotImplementedError(

 FAILURES 

./tests/step1/11_sampling_test.ts (uncaught error)
`;
  assertEquals(loadErrors(output), [{
    name: "(the test file did not load)",
    file: "tests/step1/11_sampling_test.ts",
    status: "failed",
    message: STUB,
    stub: "step1/04",
  }]);
});

// deno 2.9.6's pretty reporter, in colour, cut where a run got stuck: a
// finished file, then a test that prints reporter-like lines in a loop.
const STUCK =
  `\x1b[0m\x1b[38;5;245mrunning 2 tests from ./tests/step1/03_linear_test.ts\x1b[0m
step1/03 linear() takes one dot product per row ... \x1b[0m\x1b[32mok\x1b[0m \x1b[0m\x1b[38;5;245m(1ms)\x1b[0m
step1/03 steps ...
  a step ... \x1b[0m\x1b[32mok\x1b[0m (0ms)
step1/03 steps ... \x1b[0m\x1b[32mok\x1b[0m (2ms)
running 3 tests from ./tests/step1/04_softmax_test.ts
step1/04 softmax() sums to one ...
------- output -------
epoch 1 ... ok (1ms)
running 9 tests from ./elsewhere.ts
epoch 2 ... ok (1ms)
`;

const FILES = [
  "tests/step1/03_linear_test.ts",
  "tests/step1/04_softmax_test.ts",
  "tests/step1/05_mlp_test.ts",
];

Deno.test("RunWatch follows the reporter's files and tests, not what the tests print", () => {
  const watch = new RunWatch();
  const [before, after] = STUCK.split("------- output -------\n");
  // Pieces cut anywhere, even inside a line.
  assertEquals(watch.read(before.slice(0, 30)), false);
  assertEquals(watch.read(before.slice(30)), true);
  assertEquals(watch.read(`------- output -------\n${after}`), false);
  assertEquals(watch.file, FILES[1]);
  assertEquals(watch.test, "step1/04 softmax() sums to one");
  // A test that prints nothing shows its name and waits for its result.
  assertEquals(watch.read("----- output end -----\nstep1/04 y ..."), true);
  assertEquals(watch.test, "step1/04 y");
});

Deno.test("RunWatch.stuck() names the running test's lesson, or the file that is loading", () => {
  const running = new RunWatch();
  running.read(STUCK);
  assertEquals(
    running.stuck(60),
    'tests/step1/04_softmax_test.ts has run 60 s without finishing a test ("step1/04 softmax() sums to one" is running): is a loop in lessons/step1/04_softmax.ts stuck?',
  );
  const loading = new RunWatch();
  loading.read(STUCK.slice(0, STUCK.indexOf("running 3")));
  assertEquals(
    loading.stuck(5, FILES),
    `${
      FILES[1]
    } has run 5 s without finishing loading: is a loop at the top level of lessons/step1/04_softmax.ts or of a file it imports stuck?`,
  );
  assertEquals(
    loading.stuck(5),
    `The tests have run 5 s without another test starting after ${
      FILES[0]
    }: is a loop at the top level of a lesson stuck?`,
  );
  const first = new RunWatch().stuck(5, FILES);
  assertEquals(first.split(" has run")[0], FILES[0]);
});

Deno.test("followTests() echoes every byte and calls stalled once per stall", async () => {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 200));
  const pieces = [STUCK, "----- output end -----\nstep1/04 x ... ok\n"];
  const stdout = ReadableStream.from((async function* () {
    for (const piece of pieces) {
      yield new TextEncoder().encode(piece);
      await pause();
    }
  })());
  const [echoed, stalls]: [number[], unknown[]] = [[], []];
  const text = await followTests(
    stdout,
    0.05,
    (watch) => stalls.push(watch.test),
    (chunk) => echoed.push(...chunk),
  );
  assertEquals(stalls, ["step1/04 softmax() sums to one", undefined]);
  assertEquals([echoed.length, text], [text.length, pieces.join("")]);
});
