/**
 * Tests of what a card says when a lesson throws at run time (not a stub):
 * which lessons it runs, and the command that tests them.
 *
 * @module
 */

import { assertEquals, assertMatch } from "@std/assert";
import { testCommand, widgetStatus } from "./widget.ts";

/** An error thrown "from" `file`, as its stack would name it. */
function thrownIn(file: string): Error {
  const error = new TypeError("oops");
  error.stack =
    `TypeError: oops\n    at rmsnorm (file:///home/me/kata/${file}:7:11)`;
  return error;
}

Deno.test("viz widget: a lesson that throws names the card's lessons and the command that tests them", async () => {
  const status = await widgetStatus({
    id: "attention",
    title: "Attention",
    guide: "3.5",
    needs: { from: "step3/01", to: "step3/05" },
    probe: () => {
      throw thrownIn("lessons/step3/03_rmsnorm.ts");
    },
  });
  assertEquals(status.state, "broken");
  if (status.state !== "broken") return;
  assertMatch(status.message, /TypeError: oops/);
  assertEquals(
    status.command,
    "deno task test tests/step3/03_rmsnorm_test.ts",
    "the lesson its stack names",
  );
});

Deno.test("viz widget: with no lesson in its stack, the command tests every step the card runs", () => {
  assertEquals(
    testCommand(new TypeError("oops"), { from: "step3/01", to: "step3/05" }),
    "deno task test tests/step3/",
  );
  assertEquals(
    testCommand("oops", { from: "step4/01", to: "step5/03" }),
    "deno task test tests/step4/ tests/step5/",
  );
  // The solutions stand in for the lessons under an import map.
  assertEquals(
    testCommand(thrownIn("solutions/step5/01_ema.ts"), {
      from: "step5/01",
      to: "step5/01",
    }),
    "deno task test tests/step5/01_ema_test.ts",
  );
});
