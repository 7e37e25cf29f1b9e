import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, journey, removeCopy } from "./commands/_testing.ts";
import { hasSolutions } from "./maps.ts";

Deno.test("a copy without solutions/ says so once, in every command that needs them", async (t) => {
  const root = await copyKata({ tests: ["tests/step0/01_tokenizer_test.ts"] });
  try {
    assert(hasSolutions(root));
    await Deno.remove(`${root}solutions`, { recursive: true });
    assert(!hasSolutions(root));
    const sentence = "This copy of the kata has no solutions/ folder";
    const once = (text: string) => {
      assertEquals(text.split(sentence).length - 1, 1, text);
      assert(!text.includes("    at "), `no stack trace: ${text}`);
    };

    await t.step("compare", async () => {
      const { code, out, err } = await journey(root, "compare", ["step0/01"]);
      assertEquals([code, out], [1, ""]);
      once(err);
      assertStringIncludes(err, "deno task hint --all");
    });

    await t.step(
      "hint: the last one does not send you to a solution",
      async () => {
        const { code, out, err } = await journey(root, "hint", [
          "step0/01",
          "--all",
        ]);
        assertEquals(code, 0, err);
        once(out);
        assert(!out.includes("deno task compare"), out);
      },
    );

    await t.step("verify", async () => {
      const { code, out, err } = await journey(root, "verify");
      assertEquals([code, out], [1, ""]);
      once(err);
    });

    await t.step(
      "--solutions of the trainer, checked by the launcher",
      async () => {
        for (const command of ["train", "sample", "viz"]) {
          const { code, stdout, stderr } = await new Deno.Command(
            Deno.execPath(),
            {
              args: ["run", "-A", "support/kata.ts", command, "--solutions"],
              cwd: root,
              env: { KATA_OFFLINE: "1", NO_COLOR: "1" },
              stdin: "null",
            },
          ).output();
          const err = new TextDecoder().decode(stderr);
          assertEquals([code, stdout.length], [1, 0], err);
          once(err);
          assertStringIncludes(err, "--solutions cannot be used");
        }
      },
    );
  } finally {
    await removeCopy(root);
  }
});
