import { assertEquals } from "@std/assert";
import { loadErrors, parseJunit, type TestOutcome } from "./test_report.ts";

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
