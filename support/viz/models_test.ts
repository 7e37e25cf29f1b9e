/**
 * Tests of the Step 3–5 models the widgets look into, without a browser:
 * what a name's reading holds, and that a model trained in the worker is
 * the one trained in place.
 *
 * @module
 */

import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { trainedParameters } from "./gpt_steps.ts";
import { modelParams, modelView, readName } from "./models.ts";
import { BadRequest, type VizContext } from "./widget.ts";

const NAMES = ["emma", "olivia", "ava", "isabella", "sophia", "mia"];
const context = (): VizContext => ({
  names: NAMES,
  source: "test",
  cache: new Map(),
});

Deno.test("models: reading a name, position p attends over the p + 1 cached positions", async () => {
  for (const [step, heads] of [[3, 1], [4, 4]]) {
    const read = await readName({ name: "mia", step, trained: 0 }, context());
    assertEquals(read.labels, ["·", "m", "i", "a"]);
    read.readings.forEach(({ heads: rows, keys, values }, p) => {
      assertEquals(rows.length, heads, `Step ${step}: rows at position ${p}`);
      assertEquals([keys.length, values.length], [p + 1, p + 1]);
      for (const row of rows) {
        assertEquals(row.length, p + 1);
        assertAlmostEquals(row.reduce((a, b) => a + b, 0), 1, 1e-12);
      }
    });
  }
});

Deno.test({
  name:
    "models: a model trained in the worker has the numbers of one trained in place",
  sanitizeResources: false,
  async fn() {
    const { model } = await modelView(context(), 5, 200);
    assertEquals(
      model.parameters().map((p) => p.data),
      trainedParameters(5, NAMES, 200),
    );
  },
});

Deno.test("models: only Steps 3–5, trained 0, 200 or 1000 steps", () => {
  assertEquals(modelParams({ step: 4, trained: 200 }), {
    step: 4,
    trained: 200,
  });
  for (const params of [{ step: 2, trained: 0 }, { step: 3, trained: 5 }]) {
    assertThrows(() => modelParams(params), BadRequest, "must be one of");
  }
});
