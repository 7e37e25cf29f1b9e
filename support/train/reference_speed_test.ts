import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { copyKata, removeCopy } from "../commands/_testing.ts";
import { referenceSpeed } from "./reference_speed.ts";

Deno.test("referenceSpeed() measures the solutions' training of every step", async () => {
  const names = ["emma", "olivia", "ava", "isabella", "sophia", "mia"];
  for (const step of [0, 1, 2, 3, 4, 5]) {
    const measure = await referenceSpeed(step, names, { seed: 42, lr: 0.1 });
    assert(measure !== undefined, `Step ${step} has a measurement`);
    const rate = measure(20);
    assert(Number.isFinite(rate) && rate > 0, `Step ${step}: ${rate} steps/s`);
  }
  assert(await referenceSpeed(9, names, { seed: 42, lr: 0.1 }) === undefined);
});

Deno.test({
  name:
    "train in a terminal, in a copy without solutions/, trains without the speed comparison",
  // `script` gives the trainer a terminal, as a learner's shell does.
  ignore: !hasCommand("script"),
  async fn() {
    const root = await copyKata({ tests: [] });
    try {
      Deno.removeSync(`${root}solutions`, { recursive: true });
      cpSolvedStep1(root);
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
    } finally {
      await removeCopy(root);
    }
  },
});

const SOURCE = new URL("../../", import.meta.url).pathname;

/** Every Step 1 lesson solved, from this project's solutions. */
function cpSolvedStep1(root: string): void {
  for (const entry of Deno.readDirSync(`${SOURCE}solutions/step1`)) {
    Deno.copyFileSync(
      `${SOURCE}solutions/step1/${entry.name}`,
      `${root}lessons/step1/${entry.name}`,
    );
  }
}

function hasCommand(name: string): boolean {
  try {
    return new Deno.Command(name, { args: ["--version"] }).outputSync()
      .success;
  } catch {
    return false;
  }
}
