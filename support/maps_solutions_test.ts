import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, journey, removeCopy } from "./commands/_testing.ts";
import { hasSolutions } from "./maps.ts";

Deno.test("a copy without solutions/ says so once, in every command that needs them", async () => {
  const root = await copyKata({ tests: [] });
  try {
    assert(hasSolutions(root));
    await Deno.remove(`${root}solutions`, { recursive: true });
    assert(!hasSolutions(root));
    const launch = (command: string) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "support/kata.ts", command, "--solutions"],
        cwd: root,
        env: { KATA_OFFLINE: "1", NO_COLOR: "1" },
        stdin: "null",
      }).output().then(({ code, stdout, stderr }) => ({
        code,
        out: new TextDecoder().decode(stdout),
        err: new TextDecoder().decode(stderr),
      }));
    const [compare, hint, verify, ...launched] = await Promise.all([
      journey(root, "compare", ["step0/01"]),
      journey(root, "hint", ["step0/01", "--all"]),
      journey(root, "verify"),
      // --solutions of the trainer and viz, checked by the launcher.
      ...["train", "sample", "viz"].map(launch),
    ]);
    const sentence = "This copy of the kata has no solutions/ folder";
    const once = (text: string) => {
      assertEquals(text.split(sentence).length - 1, 1, text);
      assert(!text.includes("    at "), `no stack trace: ${text}`);
    };
    for (const refused of [compare, verify, ...launched]) {
      assertEquals([refused.code, refused.out], [1, ""], refused.err);
      once(refused.err);
    }
    assertStringIncludes(compare.err, "deno task hint --all");
    for (const { err } of launched) {
      assertStringIncludes(err, "--solutions cannot be used");
    }
    // The last hint does not send the learner to a solution.
    assertEquals(hint.code, 0, hint.err);
    once(hint.out);
    assert(!hint.out.includes("deno task compare"), hint.out);
  } finally {
    await removeCopy(root);
  }
});
