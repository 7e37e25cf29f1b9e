/**
 * `deno task progress [--list]`: where you are in the kata.
 *
 * Runs the lesson tests and shows a bar per track (lessons done, tests
 * passed) and, for the first unfinished lesson, its file, its guide page,
 * its first failing test and how to get a hint. With `--list`, every lesson
 * with its state. Progress comes from the tests, so it always agrees with
 * `deno test`.
 *
 * @module
 */

import { isOffline, ROOT_DIR } from "../mode.ts";
import { parseCommandArgs, runMain, stdoutStyle, type Style } from "./cli.ts";
import { loadState } from "./state.ts";
import { checkProgress, type Progress } from "./status.ts";
import { renderProgress } from "./view.ts";

const USAGE = "deno task progress [--list]";

/** The first line of `file` (from the project root) that calls todo(). */
export function firstTodoLine(file: string): number | undefined {
  try {
    const lines = Deno.readTextFileSync(ROOT_DIR + file).split("\n");
    const index = lines.findIndex((line) => /\btodo\(/.test(line));
    return index === -1 ? undefined : index + 1;
  } catch {
    return undefined;
  }
}

/** Renders `progress` for this project (hints seen, offline mode, paths). */
export function viewOf(
  progress: Progress,
  style: Style,
  extra: { list?: boolean; footer?: string[] } = {},
): string {
  const state = loadState();
  return renderProgress(progress, {
    style,
    root: ROOT_DIR,
    offline: isOffline(),
    hintsSeen: (id) => state.hintsSeen[id] ?? 0,
    lineOf: firstTodoLine,
    ...extra,
  });
}

async function main(): Promise<number> {
  const args = parseCommandArgs(Deno.args, {
    flags: { list: ["--list", "-l"], help: ["--help", "-h"] },
    maxPositionals: 0,
    usage: USAGE,
  });
  if (args.flags.has("help")) {
    console.log(
      `${USAGE}\n\nRuns the lesson tests and shows where you are; --list shows every lesson.`,
    );
    return 0;
  }
  const progress = await checkProgress();
  const footer = progress.current === undefined ? [] : [
    "Rerun whenever you save: deno task watch · every lesson: deno task progress --list",
  ];
  console.log(
    viewOf(progress, stdoutStyle(), { list: args.flags.has("list"), footer }),
  );
  return progress.problems.length > 0 ? 1 : 0;
}

if (import.meta.main) await runMain(main);
