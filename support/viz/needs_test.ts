/**
 * Tests of what the waiting cards say, without a browser: every card and
 * every option (a step, a trained model) declares the lessons it needs,
 * first to last. For a learner who solves the lessons in order, one by one,
 * each must come alive exactly when its last lesson is solved, and until
 * then name that last lesson, so the card's promise does not move, and the
 * earliest lesson of its range still to write.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { allLessons } from "../manifest.ts";
import { mapFor, ROOT } from "./_harness.ts";
import type { Needs, WidgetStatus } from "./widget.ts";

/** A card or one of its options, as `GET /api/widgets` shows it. */
type Status = WidgetStatus & {
  details?: { steps?: (Status & { step: number; trained?: Status })[] };
};

/** Every widget's status for a learner who solved lessons up to `lesson` (none: ""). */
async function statusesThrough(lesson: string): Promise<Status[]> {
  const map = lesson === ""
    ? await mapFor("lessons")
    : await mapFor({ solvedThrough: lesson });
  try {
    const { stdout, stderr, success } = await new Deno.Command(
      Deno.execPath(),
      {
        args: [
          "run",
          "-R",
          "--allow-env",
          "--import-map",
          map,
          "support/viz/_statuses.ts",
        ],
        cwd: ROOT,
        stdin: "null",
      },
    ).output();
    const text = new TextDecoder().decode(stdout);
    assert(success, new TextDecoder().decode(stderr));
    return JSON.parse(text);
  } finally {
    if (lesson !== "") await Deno.remove(map);
  }
}

/** Each card, each of its step options and each step's trained models, by name. */
function everyStatus(cards: Status[]): [string, Status][] {
  return cards.flatMap((card) => [
    [card.id, card] as [string, Status],
    ...(card.details?.steps ?? []).flatMap((option) => [
      [`${card.id} Step ${option.step}`, option] as [string, Status],
      ...(option.trained
        ? [[`${card.id} Step ${option.step} trained`, option.trained] as [
          string,
          Status,
        ]]
        : []),
    ]),
  ]);
}

Deno.test({
  name:
    "viz needs: solving the lessons in order, each card and option comes alive at the last lesson it names",
  sanitizeResources: false,
  async fn() {
    const order = ["", ...allLessons().map((e) => e.lesson.id)];
    const rank = (id: string) => order.indexOf(id);
    // Two learners at a time: the machine's two cores.
    const results = new Map<string, Status[]>();
    for (let i = 0; i < order.length; i += 2) {
      const pair = order.slice(i, i + 2);
      const answers = await Promise.all(pair.map(statusesThrough));
      pair.forEach((lesson, j) => results.set(lesson, answers[j]));
    }
    // What each card and option declares, all lessons solved: all live.
    const declared = new Map<string, Needs>();
    for (const [name, status] of everyStatus(results.get(order.at(-1)!)!)) {
      assertEquals(status.state, "live", name);
      assert(rank(status.needs.from) <= rank(status.needs.to), name);
      declared.set(name, status.needs);
    }
    assertEquals(declared.size, 12 + 6 * 2 + 3 * 3 * 2, "cards and options");
    for (const [solved, cards] of results) {
      const statuses = new Map(everyStatus(cards));
      for (const [name, needs] of declared) {
        const status = statuses.get(name);
        const due = rank(needs.to) <= rank(solved);
        const where = `${name}, lessons solved through ${solved || "none"}`;
        if (status === undefined) {
          // Options are listed only while their card is live.
          const card = statuses.get(name.split(" ")[0]);
          assert(card?.state !== "live", `${where}: missing from a live card`);
          continue;
        }
        assertEquals(
          status.state,
          due ? "live" : "waiting",
          `${where}: needs ${needs.from} to ${needs.to}`,
        );
        if (status.state === "waiting") {
          assertEquals(status.needs, needs, where);
          assert(status.message.includes(needs.to), status.message);
          // The earliest unfinished lesson in range, as `deno task
          // progress` would name it: never a solved one, never skipping one.
          // (An earlier unfinished one the code calls first, such as Step
          // 1's lessons under Step 3's program, may come before it.)
          const earliest = order[Math.max(rank(needs.from), rank(solved) + 1)];
          assert(
            rank(status.lesson) > rank(solved) &&
              rank(status.lesson) <= rank(earliest),
            `${where}: names ${status.lesson}, the earliest unfinished lesson of ${needs.from} to ${needs.to} is ${earliest}`,
          );
          assert(
            status.message.includes(`lesson ${status.lesson} `),
            status.message,
          );
        }
      }
    }
  },
});
