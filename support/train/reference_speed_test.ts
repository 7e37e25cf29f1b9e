import { assert } from "@std/assert";
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
