/**
 * `deno task hint [lesson] [--all | --reset]`: the next hint for the lesson
 * you are on (or the one you name).
 *
 * Hints are graded, from a nudge to nearly the answer; each call shows the
 * next one you have not seen ("hint 2 of 3") and remembers it in
 * .kata/state.json. `--all` shows every hint of the lesson, `--reset` starts
 * its hints again from the first.
 *
 * @module
 */

import { styleText } from "node:util";
import { parseFlags, usageOf } from "../cli/args.ts";
import { EXIT_USAGE, reasonOf, runMain, UserError } from "../cli/errors.ts";
import { wrap } from "../cli/style.ts";
import { hintsSeen, saveHintsSeen } from "../journey/kata_files.ts";
import { currentLesson } from "../journey/lesson_progress.ts";
import { hasSolutions, noSolutions } from "../maps.ts";
import type { LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

const USAGE = usageOf("hint");

/** Hints `from` to `to` (1-based, inclusive) of a lesson, each under its title. */
function renderHints(entry: LessonEntry, from: number, to: number): string {
  const { id, title, hints } = entry.lesson;
  const columns = Deno.stdout.isTerminal() ? Deno.consoleSize().columns : 80;
  return hints.slice(from - 1, to).map((hint, i) => {
    const heading = `Hint ${from + i} of ${hints.length} · ${id} ${title}`;
    return `${styleText("bold", heading)}\n${
      wrap(hint, Math.min(columns, 100), "  ")
    }\n`;
  }).join("\n");
}

/** What to say after showing hints up to `shown`. */
function nextStep(entry: LessonEntry, shown: number): string {
  const { id, hints } = entry.lesson;
  if (shown < hints.length) {
    return `More: run deno task hint ${id} again for hint ${
      shown + 1
    } of ${hints.length}. Your file: ${ROOT_DIR}${entry.lessonFile}`;
  }
  return `That was the last hint. ${
    hasSolutions()
      ? `Still stuck? See the solution: deno task compare ${id}`
      : noSolutions("there is no solution to look at")
  }`;
}

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    command: "hint",
    booleans: ["all", "reset"],
    aliases: { all: "a" },
    maxPositionals: 1,
  });
  const [all, reset] = [args.booleans.has("all"), args.booleans.has("reset")];
  if (all && reset) {
    throw new UserError(
      `Choose one of --all and --reset (usage: ${USAGE})`,
      EXIT_USAGE,
    );
  }
  const entry = await currentLesson(args.positionals[0], "hint");
  const { id, hints } = entry.lesson;
  const seenBy = hintsSeen();
  const seen = Math.min(seenBy[id] ?? 0, hints.length);
  // The next hint; past the last one, the last one again.
  const to = all ? hints.length : Math.min(seen + 1, hints.length);
  let unsaved: string | undefined;
  try {
    saveHintsSeen({ ...seenBy, [id]: reset ? 0 : Math.max(seen, to) });
  } catch (error) {
    unsaved = `.kata/ cannot be written (${reasonOf(error)})`;
  }
  if (reset) {
    if (unsaved) {
      throw new UserError(`Cannot start the hints of ${id} again: ${unsaved}`);
    }
    console.log(
      `Hints for ${id} start again from hint 1: deno task hint ${id}`,
    );
    return 0;
  }
  console.log(renderHints(entry, all ? 1 : to, to));
  console.log(nextStep(entry, to));
  if (unsaved) {
    // The hint is shown; only the memory of it is lost.
    console.error(
      `Note: could not remember that you saw this hint, as ${unsaved}; the next deno task hint shows it again.`,
    );
  }
  return 0;
}

if (import.meta.main) await runMain(main);
