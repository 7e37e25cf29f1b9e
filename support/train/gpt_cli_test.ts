/**
 * `deno task train --step 3|4|5 --save` and `deno task sample` on the saved
 * models, from the command line: sampling, `--show`, `--attention`.
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import {
  CAN_RUN,
  IGNORED_REASON,
  runCli,
  smallNames,
  withTempDir,
} from "./_run_cli.ts";

/** Trains the solutions' `step` for `steps` steps on a few names, saved to dir/model.json. */
async function trainAndSave(dir: string, step: number, steps: number) {
  const model = `${dir}/model.json`;
  const trained = await runCli("train", [
    "--solutions",
    "--step",
    String(step),
    "--data",
    await smallNames(dir),
    "--steps",
    String(steps),
    "--samples",
    "0",
    "--save",
    model,
  ]);
  return { model, trained };
}

Deno.test({
  name:
    `train --step 5 --save writes a model that sample, --show and --attention read${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    await withTempDir(async (dir) => {
      const { model, trained } = await trainAndSave(dir, 5, 30);
      assertEquals(trained.code, 0, trained.stderr);
      // Step 5 prints every step.
      assertEquals(
        trained.stdout.split("\n").filter((l) => l.startsWith("step")).length,
        30,
      );
      const saved = JSON.parse(await Deno.readTextFile(model));
      assertEquals(saved.step, 5);
      assertEquals(saved.training.lr, 0.01);
      assert("layer0.attnWq" in saved.weights);

      const sample = (...args: string[]) =>
        runCli("sample", ["--solutions", "--model", model, ...args]);
      const [first, again, em, m, attention, tooLong, step1View] = await Promise
        .all([
          sample("--samples", "4", "--seed", "3"),
          sample("--samples", "4", "--seed", "3"),
          sample("--show", "em"),
          sample("--show", "m"),
          sample("--attention", "emma"),
          sample("--attention", "emmaemmaemmaemma"),
          sample("--attention", "emma", "--show", "em"),
        ]);
      assertEquals(first.code, 0, first.stderr);
      assertMatch(first.stdout, /^(sample [ \d]\d: [a-z]*\n){4}$/);
      assertEquals(again.stdout, first.stdout);

      assertEquals(em.code, 0, em.stderr);
      assertMatch(
        em.stdout,
        /^Next character after "em" \(the model reads all 2 characters\), at temperature 0\.5/,
      );
      // A GPT reads the whole prefix: "em" and "m" give other bars.
      const bars = (text: string) => text.split("\n").slice(1).join("\n");
      assert(bars(em.stdout) !== bars(m.stdout), "--show em equals --show m");

      assertEquals(attention.code, 0, attention.stderr);
      const lines = attention.stdout.trimEnd().split("\n");
      assertMatch(lines[0], /^Attention over "emma"/);
      assertEquals(lines.filter((l) => /^head [1-4]$/.test(l)).length, 4);
      assertEquals(
        lines.filter((l) => l.trim().startsWith("BOS     e     m     m     a"))
          .length,
        4,
      );

      assertEquals(tooLong.code, 2);
      assertMatch(tooLong.stderr, /at most 15 characters .* received 16/);
      assertEquals(tooLong.stdout, "");
      assertEquals(step1View.code, 0);
    });
  },
});

Deno.test({
  name: `sample --attention is refused for a bigram model${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    await withTempDir(async (dir) => {
      const { model, trained } = await trainAndSave(dir, 1, 3);
      assertEquals(trained.code, 0, trained.stderr);
      const result = await runCli("sample", [
        "--solutions",
        "--model",
        model,
        "--attention",
        "em",
      ]);
      assertEquals(result.code, 2);
      assertMatch(
        result.stderr,
        /^error: --attention is not offered for a Step 1 model/,
      );
    });
  },
});

Deno.test({
  name:
    `sample --show with --attention draws both, --show's chart first${IGNORED_REASON}`,
  ignore: !CAN_RUN,
  fn: async () => {
    await withTempDir(async (dir) => {
      const { model, trained } = await trainAndSave(dir, 3, 2);
      assertEquals(trained.code, 0, trained.stderr);
      const sample = (...args: string[]) =>
        runCli("sample", ["--solutions", "--model", model, ...args]);
      const [show, attention, both, bothReversed] = await Promise.all([
        sample("--show", "em"),
        sample("--attention", "emma"),
        sample("--show", "em", "--attention", "emma"),
        sample("--attention", "emma", "--show", "em"),
      ]);
      for (const result of [show, attention, both, bothReversed]) {
        assertEquals(result.code, 0, result.stderr);
      }
      const expected = `${show.stdout}\n${attention.stdout}`;
      assertEquals(both.stdout, expected);
      assertEquals(bothReversed.stdout, expected);
    });
  },
});
