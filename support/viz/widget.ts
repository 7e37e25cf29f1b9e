/**
 * What a widget is, on the server side, and how the page learns whether it
 * can come alive yet.
 *
 * A widget makes one idea of the guide visible. Its server half (a module in
 * `widgets/`) calls the learner's lesson functions; its page half (a module
 * in `page/widgets/`, same name) draws what they return. A widget is live
 * when its `probe` (the lessons on a tiny input) runs without a
 * NotImplementedError; otherwise the page shows the lesson it waits for.
 *
 * @module
 */

import { countTodos } from "../journey/stub.ts";
import { allLessons, type LessonEntry } from "../manifest.ts";

/** What every widget may use: the dataset, and a cache for slow results. */
export interface VizContext {
  /** The names the trainer would learn from, in file order. */
  names: string[];
  /** Where they came from, e.g. "data/names.txt". */
  source: string;
  /** Results worth keeping between requests (a trained model), by key. */
  cache: Map<string, Promise<unknown>>;
}

/**
 * `ctx.cache`'s result for `key`, made by `make` the first time. A failure
 * is not kept: the next request tries again.
 */
export function cached<T>(
  ctx: VizContext,
  key: string,
  make: () => Promise<T>,
): Promise<T> {
  if (!ctx.cache.has(key)) {
    const made = make();
    made.catch(() => ctx.cache.delete(key));
    ctx.cache.set(key, made);
  }
  return ctx.cache.get(key) as Promise<T>;
}

/**
 * The lessons a widget (or one of its options) needs, from the first to the
 * last in the kata's order, e.g. step3/01 to step3/05. Declared by hand: a
 * probe only sees the first stub it meets, so it cannot say how far the
 * learner still has to go (support/viz/needs_test.ts checks every range
 * against a learner who solves the lessons in order).
 */
export interface Needs {
  from: string;
  to: string;
}

/** `needs` in words: "lesson step5/01", or "lessons step3/01 to step3/05". */
export function needsText({ from, to }: Needs): string {
  return from === to ? `lesson ${to}` : `lessons ${from} to ${to}`;
}

/** The server half of a widget. */
export interface Widget {
  /** Its `data-testid`, its page module's name and its API path. */
  id: string;
  /** A heading for the page. */
  title: string;
  /** The guide page(s) it illustrates, e.g. "1.3 Linear & softmax". */
  guide: string;
  /** The lessons its probe needs: what its first drawing calls. */
  needs: Needs;
  /**
   * Calls the lessons it needs on a tiny input, and throws what they throw
   * (a NotImplementedError while one is a stub). May return details for
   * the page, such as which steps can train.
   */
  probe(): unknown | Promise<unknown>;
  /** Answers the page: a JSON object in, a JSON value out. */
  compute?(params: Params, ctx: VizContext): unknown | Promise<unknown>;
}

/** A request's JSON object. */
export type Params = Record<string, unknown>;

/** A request the server refuses with a 400 and this one-sentence message. */
export class BadRequest extends Error {
  override name = "BadRequest";
}

/** A refusal or a failure: `status` and one sentence, as plain text. */
export function text(status: number, sentence: string): Response {
  return new Response(`${sentence}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/** Where a widget stands: live, waiting for a lesson, or broken. */
export type WidgetStatus =
  & { id: string; title: string; guide: string; needs: Needs }
  & (
    | { state: "live"; details?: unknown }
    | {
      state: "waiting";
      /** The earliest unfinished lesson of `needs`, in lesson order. */
      lesson: string;
      message: string;
      command: string;
    }
    | {
      state: "broken";
      message: string;
      /** The test of the lesson that threw, else of every lesson it runs. */
      command: string;
    }
  );

/**
 * Probes a widget and says where it stands.
 *
 * @returns Live (with the probe's details), waiting (naming the lessons it
 * needs, the earliest one still to write and the command that checks it), or broken
 * (the lesson threw something else).
 */
export async function widgetStatus(widget: Widget): Promise<WidgetStatus> {
  const { id, title, guide, needs } = widget;
  const head = { id, title, guide, needs };
  try {
    return { ...head, state: "live", details: await widget.probe() };
  } catch (error) {
    const waiting = waitingFor(error, needs);
    if (waiting !== undefined) return { ...head, state: "waiting", ...waiting };
    return {
      ...head,
      state: "broken",
      message: describe(error),
      command: testCommand(error, needs),
    };
  }
}

/** One option of a widget (a step it can show): its status, and its step. */
export type StepStatus = WidgetStatus & { step: number };

/**
 * Every step of `steps` as a widget's options: live when `probe(step)` runs
 * on the lessons, else waiting for `needs(step)` (or broken).
 */
export function stepStatuses(
  steps: readonly number[],
  probe: (step: number) => unknown,
  needs: (step: number) => Needs,
  title: (step: number) => string = (step) => `Step ${step}`,
): Promise<StepStatus[]> {
  return Promise.all(steps.map(async (step) => {
    const status = await widgetStatus({
      id: `step${step}`,
      title: title(step),
      guide: `Step ${step}`,
      needs: needs(step),
      probe: () => probe(step),
    });
    return { ...status, step };
  }));
}

/**
 * `statuses`, when one of them is live. When none is, a card would have
 * nothing to draw: throws what the first one's probe throws, so the card
 * waits for the first step's lessons instead of going live empty.
 */
export async function someLive<T extends StepStatus>(
  statuses: T[],
  probe: (step: number) => unknown,
): Promise<T[]> {
  if (statuses.length > 0 && !statuses.some((s) => s.state === "live")) {
    await probe(statuses[0].step);
  }
  return statuses;
}

/**
 * What an error means for a widget that needs `needs`, if it is a stub's
 * NotImplementedError (its message names the lesson: "… (lesson step1/04,
 * …"): the lessons it needs, and the earliest of them still to write.
 */
export function waitingFor(
  error: unknown,
  needs?: Needs,
): { lesson: string; message: string; command: string } | undefined {
  if (!(error instanceof Error) || error.name !== "NotImplementedError") {
    return undefined;
  }
  const met = /\(lesson (step\d+\/\d+)/.exec(error.message)?.[1];
  const entry = nextToWrite(met, needs);
  if (entry === undefined) {
    return {
      lesson: "unknown",
      message: `Waits for a lesson: ${error.message}`,
      command: "deno task progress",
    };
  }
  const { lesson, lessonFile, testFile } = entry;
  const stub =
    `lesson ${lesson.id} "${lesson.title}" (guide ${lesson.guide}): open ${lessonFile} and make its tests pass.`;
  // The range first: it stays put while the next lesson moves on.
  return {
    lesson: lesson.id,
    message: needs === undefined
      ? `Waits for ${stub}`
      : `Needs ${needsText(needs)}. Next to write: ${stub}`,
    command: `deno task test ${testFile}`,
  };
}

/**
 * The lesson to write next for `needs`: the earliest unfinished one in
 * lesson order, as `deno task progress` names it. The probe only sees the
 * first stub the code happens to call (`met`), often a later one; a lesson
 * file that still calls todo() is unfinished too. Both signals only ever
 * name unfinished lessons, so the earliest of them is the one to write.
 */
export function nextToWrite(
  met: string | undefined,
  needs?: Needs,
): LessonEntry | undefined {
  const lessons = allLessons();
  const index = (id: string | undefined) =>
    lessons.findIndex((e) => e.lesson.id === id);
  const unfinished = needs === undefined ? [] : lessons
    .slice(index(needs.from), index(needs.to) + 1)
    .filter(hasStub);
  const candidates = [...unfinished, lessons[index(met)]]
    .filter((e) => e !== undefined);
  return candidates.sort((a, b) => index(a.lesson.id) - index(b.lesson.id))[0];
}

/**
 * Whether the lesson file the server runs (the import map may send
 * `lessons/` elsewhere, as the tests do) still calls todo().
 */
function hasStub(entry: LessonEntry): boolean {
  const url = import.meta.resolve(
    new URL(`../../${entry.lessonFile}`, import.meta.url).href,
  );
  try {
    return countTodos(Deno.readTextFileSync(new URL(url))) > 0;
  } catch {
    // Unreadable (no permission, moved): only the probe can tell.
    return false;
  }
}

/**
 * The command that tests what a lesson threw: the test file of the lesson
 * its stack names (the learner's file, or the one an import map ran in its
 * place), else those of every step `needs` spans, e.g. `deno task test
 * tests/step3/`.
 */
export function testCommand(error: unknown, needs: Needs): string {
  const stack = error instanceof Error ? error.stack ?? "" : "";
  const thrower = allLessons().find(({ lessonFile }) =>
    stack.includes(lessonFile.replace(/^lessons\//, "/lessons/")) ||
    stack.includes(lessonFile.replace(/^lessons\//, "/solutions/"))
  );
  if (thrower !== undefined) return `deno task test ${thrower.testFile}`;
  const step = (id: string) => Number(/^step(\d+)/.exec(id)?.[1]);
  const dirs = [];
  for (let n = step(needs.from); n <= step(needs.to); n++) {
    dirs.push(`tests/step${n}/`);
  }
  return `deno task test ${dirs.join(" ")}`;
}

/** An error as one line for the page. */
export function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}

/**
 * A number from the request, within [min, max].
 *
 * @throws {BadRequest} When it is missing, not a finite number, or out of range.
 */
export function numberParam(
  params: Params,
  key: string,
  min: number,
  max: number,
): number {
  const value = params[key];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new BadRequest(
      `"${key}" must be a number, got ${JSON.stringify(value)}.`,
    );
  }
  if (value < min || value > max) {
    throw new BadRequest(
      `"${key}" must be between ${min} and ${max}, got ${value}.`,
    );
  }
  return value;
}

/**
 * A number from the request that must be one of `allowed`.
 *
 * @throws {BadRequest} For anything else.
 */
export function oneOf(
  params: Params,
  key: string,
  allowed: readonly number[],
): number {
  const value = params[key];
  if (typeof value !== "number" || !allowed.includes(value)) {
    throw new BadRequest(
      `"${key}" must be one of ${allowed.join(", ")}, got ${
        JSON.stringify(value)
      }.`,
    );
  }
  return value;
}

/**
 * A string from the request, at most `maxLength` characters.
 *
 * @throws {BadRequest} When it is missing, not a string or too long.
 */
export function stringParam(
  params: Params,
  key: string,
  maxLength: number,
): string {
  const value = params[key];
  if (typeof value !== "string") {
    throw new BadRequest(
      `"${key}" must be a string, got ${JSON.stringify(value)}.`,
    );
  }
  if (value.length > maxLength) {
    throw new BadRequest(
      `"${key}" must be at most ${maxLength} characters long, got ${value.length}.`,
    );
  }
  return value;
}

/**
 * Refuses characters of `text` outside the vocabulary `chars`.
 *
 * @throws {BadRequest} Naming the first unknown character.
 */
export function knownCharacters(text: string, chars: readonly string[]): void {
  for (const ch of text) {
    if (!chars.includes(ch)) {
      // The dataset's names are lower case: "Anna" is the likeliest slip.
      const lower = chars.includes(ch.toLowerCase())
        ? `, names are lower case`
        : "";
      throw new BadRequest(
        `"${ch}" is not in the vocabulary (the characters of the dataset's names${lower}): use only ${
          chars.join("")
        }.`,
      );
    }
  }
}
