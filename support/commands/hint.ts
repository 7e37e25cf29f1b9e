/**
 * `deno task hint [lesson] [--all] [--reset]`: the next hint for the lesson
 * you are on (or the one you name).
 *
 * Hints are graded, from a nudge to nearly the answer; each call shows the
 * next one you have not seen ("hint 2 of 3") and remembers it in
 * .kata/state.json. `--all` shows every hint of the lesson, `--reset` starts
 * its hints again from the first.
 *
 * @module
 */

import { parseFlags } from "../cli/args.ts";
import { EXIT_USAGE, reasonOf, runMain, UserError } from "../cli/errors.ts";
import {
  fileLink,
  paint,
  stdoutStyle,
  type Style,
  wrap,
} from "../cli/style.ts";
import { loadState, saveState } from "../journey/hints_seen.ts";
import { KATA_DIR } from "../journey/kata_files.ts";
import { currentLesson } from "../journey/lesson_progress.ts";
import { hasSolutions, noSolutions } from "../maps.ts";
import type { LessonEntry } from "../manifest.ts";
import { ROOT_DIR } from "../root.ts";

const USAGE = "deno task hint [lesson] [--all | --reset]";

/** Renders hints `from` to `to` (1-based, inclusive) of a lesson. */
export function renderHints(
  entry: LessonEntry,
  from: number,
  to: number,
  style: Style,
): string {
  const { lesson } = entry;
  const total = lesson.hints.length;
  const width = Math.min(style.columns ?? 80, 100);
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(
      paint(
        style,
        "bold",
        `Hint ${n} of ${total} · ${lesson.id} ${lesson.title}`,
      ),
      wrap(lesson.hints[n - 1], width, "  "),
      "",
    );
  }
  return out.join("\n");
}

/** What to say after showing hints up to `shown`. */
function nextStep(entry: LessonEntry, shown: number, style: Style): string {
  const { lesson } = entry;
  const total = lesson.hints.length;
  const file = fileLink(style, ROOT_DIR + entry.lessonFile);
  if (shown < total) {
    return `More: run deno task hint ${lesson.id} again for hint ${
      shown + 1
    } of ${total}. Your file: ${file}`;
  }
  if (!hasSolutions()) {
    return `That was the last hint. ${
      noSolutions("there is no solution to look at")
    }`;
  }
  return `That was the last hint. Still stuck? See the solution: deno task compare ${lesson.id}`;
}

async function main(): Promise<number> {
  const args = parseFlags(Deno.args, {
    booleans: ["all", "reset"],
    aliases: { all: "a" },
    maxPositionals: 1,
    usage: USAGE,
  });
  if (args.booleans.has("help")) {
    console.log(
      `${USAGE}\n\nShows the next hint for the current lesson, or for the one named (step1/04, 04_softmax, 4, or its file).`,
    );
    return 0;
  }
  if (args.booleans.has("all") && args.booleans.has("reset")) {
    throw new UserError(
      `Choose one of --all and --reset (usage: ${USAGE})`,
      EXIT_USAGE,
    );
  }
  const entry = await currentLesson(
    args.positionals[0],
    "hint",
  );
  const { id, hints } = entry.lesson;
  const style = stdoutStyle();
  const state = loadState();
  const seen = Math.min(state.hintsSeen[id] ?? 0, hints.length);
  if (args.booleans.has("reset")) {
    delete state.hintsSeen[id];
    try {
      saveState(state);
    } catch (error) {
      throw new UserError(
        `Cannot start the hints of ${id} again: ${KATA_DIR}/ cannot be written (${
          reasonOf(error)
        })`,
      );
    }
    console.log(
      `Hints for ${id} start again from hint 1: deno task hint ${id}`,
    );
    return 0;
  }
  // The next hint; past the last one, the last one again.
  const all = args.booleans.has("all");
  const to = all ? hints.length : Math.min(seen + 1, hints.length);
  const from = all ? 1 : to;
  state.hintsSeen[id] = Math.max(seen, to);
  console.log(renderHints(entry, from, to, style));
  console.log(nextStep(entry, to, style));
  try {
    saveState(state);
  } catch (error) {
    // The hint is shown; only the memory of it is lost.
    console.error(
      `Note: could not remember that you saw this hint, as ${KATA_DIR}/ cannot be written (${
        reasonOf(error)
      }); the next deno task hint shows it again.`,
    );
  }
  return 0;
}

if (import.meta.main) await runMain(main);
