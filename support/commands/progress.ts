/**
 * `deno task progress [--list] [--step N]`: where you are in the kata (see
 * journey/lesson_progress.ts for how it is worked out, progress_view.ts for
 * what it shows).
 *
 * @module
 */

import { parseFlags, usageOf } from "../cli/args.ts";
import { EXIT_USAGE, runMain, UserError } from "../cli/errors.ts";
import { visible } from "../cli/style.ts";
import { checkProgress } from "../journey/lesson_progress.ts";
import { renderProgress } from "../journey/progress_view.ts";
import { TRACKS } from "../manifest.ts";

const USAGE = usageOf("progress");

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    command: "progress",
    values: ["step"],
    booleans: ["list"],
    aliases: { list: "l" },
  });
  const text = args.values.get("step");
  const track = TRACKS.find((t) => String(t.step) === text);
  if (text !== undefined && track === undefined) {
    throw new UserError(
      `--step must be one of ${
        TRACKS.map((t) => t.step).join(", ")
      }: received ${visible(text, { quote: true, max: 40 })} (usage: ${USAGE})`,
      EXIT_USAGE,
    );
  }
  const progress = await checkProgress(undefined, { track });
  const footer = progress.current === undefined ? [] : [
    "Rerun whenever you save: deno task watch · every lesson: deno task progress --list",
  ];
  const list = args.booleans.has("list");
  console.log(renderProgress(progress, { list, footer }));
  return progress.problem === undefined ? 0 : 1;
}

if (import.meta.main) await runMain(main);
