import { assertEquals, assertStringIncludes } from "@std/assert";

const ROOT = new URL("../", import.meta.url).pathname;

async function kata(args: string[], env: Record<string, string>) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-run",
      "--allow-read",
      "--allow-env",
      "support/kata.ts",
      ...args,
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0", ...env },
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return { code, out: text.decode(stdout), err: text.decode(stderr) };
}

Deno.test("kata.ts rejects an unknown command in one sentence", async () => {
  const { code, err } = await kata(["bogus"], { KATA_OFFLINE: "1" });
  assertEquals(code, 2);
  assertStringIncludes(
    err,
    'Unknown command "bogus": expected one of test, verify, train',
  );
  assertEquals(err.includes("    at "), false, "no stack trace");
});

Deno.test("kata.ts test runs deno test on the lessons with the offline map", async () => {
  const { code, out } = await kata(
    [
      "test",
      "--filter",
      "step1/03 linear() takes",
      "tests/step1/03_linear_test.ts",
    ],
    { KATA_OFFLINE: "1" },
  );
  // Against the stubs this test fails; against solutions it passes. Either
  // way it ran, which proves the offline map was used (JSR is not needed).
  assertStringIncludes(out, "step1/03 linear() takes one dot product per row");
  assertEquals(code === 0 || code === 1, true);
});
