import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { ROOT_DIR } from "../root.ts";
import { referenceSpeed } from "./reference_speed.ts";

Deno.test("referenceSpeed() times the solutions' own step programs in a child process", async () => {
  const names = ["emma", "olivia", "ava", "isabella", "sophia", "mia"];
  const rates = await Promise.all(
    [0, 1, 5].map((step) =>
      referenceSpeed(
        Promise.resolve({ step, given: { steps: 100_000 }, names }),
      )!(
        100,
      )
    ),
  );
  for (const rate of rates) assert(rate! > 0, `${rates} steps/s`);
});

Deno.test({
  name:
    "train in a terminal, in a copy without solutions/, trains without the speed comparison, and never suggests --solutions",
  // `script` gives the trainer a terminal, as a learner's shell does.
  ignore: !hasCommand("script"),
  async fn() {
    const root = await Deno.makeTempDir({ prefix: "kata_no_solutions_" });
    try {
      for (const part of ["support", "lessons", "deno.json"]) {
        await Deno.copyFile(`${ROOT_DIR}${part}`, `${root}/${part}`).catch(
          () => copyFolder(`${ROOT_DIR}${part}`, `${root}/${part}`),
        );
      }
      // Step 1 solved, as a learner who finished it has it.
      await copyFolder(`${ROOT_DIR}solutions/step1`, `${root}/lessons/step1`);
      const command = [
        Deno.execPath(),
        "run",
        "-A",
        "--import-map",
        "support/maps/offline.json",
        "support/commands/train.ts",
        "--steps",
        "3",
        "--samples",
        "1",
      ].join(" ");
      const { code, stdout } = await new Deno.Command("script", {
        args: ["-qec", command, "/dev/null"],
        cwd: root,
        env: { NO_COLOR: "1", KATA_OFFLINE: "1" },
        stdin: "null",
        signal: AbortSignal.timeout(60_000),
      }).output();
      const text = new TextDecoder().decode(stdout);
      assertEquals(code, 0, text);
      assertStringIncludes(text, "trained 3 steps");
      assert(!text.includes("reference solutions"), text);
      // Step 2 unwritten: no advice to run the solutions this copy lacks.
      const unwritten = await new Deno.Command(Deno.execPath(), {
        args: [...command.split(" ").slice(1), "--step", "2"],
        cwd: root,
        env: { NO_COLOR: "1", KATA_OFFLINE: "1" },
        stdin: "null",
      }).output();
      const said = new TextDecoder().decode(unwritten.stderr);
      assertEquals(unwritten.code, 1, said);
      assertStringIncludes(said, "The trainer stopped: ");
      assert(!said.includes("--solutions"), said);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

async function copyFolder(from: string, to: string): Promise<void> {
  const { success } = await new Deno.Command("cp", {
    args: ["-RT", from, to],
  }).output();
  assert(success, `cp ${from} ${to}`);
}

function hasCommand(name: string): boolean {
  try {
    return new Deno.Command(name, { args: ["--version"] }).outputSync()
      .success;
  } catch {
    return false;
  }
}
