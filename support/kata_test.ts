import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, makePipe, removeCopy } from "./commands/_testing.ts";

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

Deno.test("kata.ts refuses a KATA_OFFLINE that is neither 0 nor 1", async () => {
  for (const value of ["yes", "true", "2", " 1"]) {
    const { code, err } = await kata(["bogus"], { KATA_OFFLINE: value });
    assertEquals(code, 2);
    assertStringIncludes(
      err,
      `error: KATA_OFFLINE must be 1 (use the offline stand-ins), 0 (insist on JSR) or unset (decide by trying): received ${
        JSON.stringify(value)
      }`,
    );
  }
});

Deno.test("kata.ts with KATA_OFFLINE=0 and JSR out of reach says so within its time limit", async () => {
  // A proxy that accepts connections and never answers, and an empty cache.
  const proxy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  (async () => {
    for await (const conn of proxy) held.push(conn);
  })();
  const denoDir = Deno.makeTempDirSync({ prefix: "kata_empty_cache_" });
  try {
    const started = Date.now();
    const { code, err } = await kata(["bogus"], {
      KATA_OFFLINE: "0",
      KATA_PROBE_MS: "1500",
      DENO_DIR: denoDir,
      HTTPS_PROXY: `http://127.0.0.1:${proxy.addr.port}`,
      HTTP_PROXY: `http://127.0.0.1:${proxy.addr.port}`,
      NO_PROXY: "",
    });
    assertEquals(code, 2);
    assertStringIncludes(
      err,
      "KATA_OFFLINE=0 insists on JSR, but @std could not be loaded from deno's cache or from jsr.io within 1.5 s",
    );
    assertStringIncludes(err, "set KATA_OFFLINE=1");
    assertEquals(Date.now() - started < 20_000, true, "bounded by a timeout");
  } finally {
    proxy.close();
    for (const conn of held) conn.close();
    Deno.removeSync(denoDir, { recursive: true });
  }
});

Deno.test("kata.ts tells that JSR is out of reach once a day, not before every command", async () => {
  const mark = `${ROOT}.kata/jsr-unreachable`;
  const recent = (() => {
    try {
      return Date.now() - Deno.statSync(mark).mtime!.getTime() < 30 * 60_000;
    } catch {
      return false;
    }
  })();
  // Only where JSR is already known to be out of reach: the test must not
  // change what the launcher remembers on a machine that can reach it.
  if (!recent) return;
  await kata(["bogus"], {});
  const { err } = await kata(["bogus"], {});
  assertEquals(err.includes("JSR"), false, err);
});

Deno.test("kata.ts never writes its JSR marks through a link, nor waits on a pipe there", async () => {
  const root = await copyKata({ tests: [] });
  const user = `${root}user_notes.txt`;
  try {
    Deno.mkdirSync(`${root}.kata`);
    Deno.writeTextFileSync(user, "the learner's own file\n");
    // Old enough that the launcher probes again and writes both marks.
    Deno.utimeSync(user, new Date(0), new Date(0));
    Deno.symlinkSync(user, `${root}.kata/jsr-unreachable`);
    const piped = await makePipe(`${root}.kata/jsr-notice`);
    const { code } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "support/kata.ts", "bogus"],
      cwd: root,
      // Not the KATA_OFFLINE of a launcher running this test: this one
      // must probe, remember and tell.
      clearEnv: true,
      env: {
        ...pick("HOME", "PATH", "DENO_DIR", "XDG_CACHE_HOME"),
        NO_COLOR: "1",
        KATA_PROBE_MS: "1500",
      },
      stdin: "null",
      stdout: "null",
      stderr: "null",
      // A launcher waiting on the pipe would be stopped here, and fail.
      signal: AbortSignal.timeout(30_000),
    }).output();
    assertEquals(code, 2, "the unknown command's usage error");
    assertEquals(Deno.readTextFileSync(user), "the learner's own file\n");
    // A pipe is left as it is: the mark is not written, and nothing waits.
    if (piped) assert(Deno.lstatSync(`${root}.kata/jsr-notice`).isFifo);
  } finally {
    await removeCopy(root);
  }
});

/** The variables of this process among `names` that are set. */
function pick(...names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = Deno.env.get(name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}
