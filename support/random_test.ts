import { assertEquals, assertThrows } from "@std/assert";
import { PyRandom } from "./random.ts";
import PYTHON from "./testdata/python_random.json" with { type: "json" };

// Every expected number is CPython's own answer, recorded by
// testdata/python_random.py: seed, then a list of calls, then what each call
// returned. Compared with assertEquals, not a tolerance: the port does the
// same IEEE double operations on the same Mersenne Twister words, so anything
// but the very same doubles is a bug.

type Call = [string, ...unknown[]];

/** Makes one recorded call on `rng`, as testdata/python_random.py made it. */
function call(rng: PyRandom, [name, arg, sigma]: Call): unknown {
  switch (name) {
    case "random":
      return rng.random();
    case "getrandbits":
      return rng.getrandbits(arg as number);
    case "randbelow":
      return rng.randbelow(arg as number);
    case "gauss":
      return rng.gauss(arg as number, sigma as number);
    case "shuffle": {
      const items = [...arg as unknown[]];
      rng.shuffle(items);
      return items;
    }
    case "choices":
      return rng.weightedIndex(arg as number[]);
  }
  throw new Error(`unknown call ${name}`);
}

Deno.test("PyRandom draws what CPython's random draws, call for call", async (t) => {
  for (const { seed, what, calls, results } of PYTHON.cases) {
    await t.step(`seed ${seed}, ${what}`, () => {
      const rng = new PyRandom(seed);
      assertEquals(calls.map((c) => call(rng, c as Call)), results);
    });
  }
});

Deno.test("PyRandom throws RangeError on invalid arguments", () => {
  const rng = new PyRandom(42);
  for (const seed of [-1, 1.5, NaN, 2 ** 53]) {
    assertThrows(() => new PyRandom(seed), RangeError, `received ${seed}`);
  }
  for (const k of [0, 33, 1.5]) {
    assertThrows(() => rng.getrandbits(k), RangeError, "from 1 to 32");
  }
  for (const n of [0, 0.5, 2 ** 32]) {
    assertThrows(() => rng.randbelow(n), RangeError, "from 1 to 4294967295");
  }
  assertThrows(() => rng.weightedIndex([]), RangeError, "received none");
  for (const weights of [[0, 0], [1, -1], [1, Infinity], [1, NaN]]) {
    assertThrows(
      () => rng.weightedIndex(weights),
      RangeError,
      "Total of weights must be a finite number greater than zero",
    );
  }
});
