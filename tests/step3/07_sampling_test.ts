import { assert, AssertionError } from "@std/assert";
import { assertSpyCalls, returnsNext, stub } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import type { Tokenizer } from "../../lessons/step1/01_tokenizer.ts";
import { initModel, type Model } from "../../lessons/step3/02_parameters.ts";
import { emptyCache, gpt } from "../../lessons/step3/05_gpt.ts";
import { sample } from "../../lessons/step3/07_sampling.ts";
import { assertListEquals, assertVectorClose, plain } from "../_assert.ts";
import { pastTheEnd, withoutCrash } from "../_guards.ts";
import { data, guardedPositions } from "./_fixtures.ts";

/**
 * The tokenizer lesson step1/01 builds for a to z, written out. Its
 * characters refuse to be read at BOS (id 26): BOS ends a name and is
 * never decoded.
 */
const AZ: Tokenizer = {
  chars: pastTheEnd(
    [..."abcdefghijklmnopqrstuvwxyz"],
    (id) =>
      `decode() was given the id ${id}, which is BOS: BOS ends the name and is not part of it. Check for BOS right after the draw, and keep the token only if it is not BOS`,
  ),
  bos: 26,
  vocabSize: 27,
};

/** softmax(logits · scale) on plain numbers: the probabilities to draw from. */
function probabilities(logits: number[], scale: number): number[] {
  const scaled = logits.map((l) => l * scale);
  const max = Math.max(...scaled);
  const exps = scaled.map((l) => Math.exp(l - max));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

/**
 * What sample() must give weightedIndex() at each draw, when the draws are
 * `drawn`: the probabilities of gpt() on the token drawn before (BOS first),
 * with one cache for the name; or with a mistake switched on.
 */
function expectedDraws(
  model: Model,
  drawn: number[],
  mistake?: "multiply" | "noTemperature" | "feedBos",
): number[][] {
  const cache = emptyCache();
  const scale = mistake === "multiply"
    ? 0.5
    : mistake === "noTemperature"
    ? 1
    : 2;
  return drawn.map((_, pos) => {
    const token = pos === 0 || mistake === "feedBos" ? 26 : drawn[pos - 1];
    return probabilities(data(gpt(model, token, pos, cache)), scale);
  });
}

Deno.test("step3/07 sample() draws from softmax(logits / temperature), feeding back each drawn token", () => {
  const model = initModel(27, new PyRandom(9));
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 26]));
  const name = sample(model, AZ, rng, { temperature: 0.5, maxLength: 16 });
  assertSpyCalls(draw, 3);
  const expected = expectedDraws(model, [0, 1, 26]);
  for (let k = 0; k < 3; k++) {
    const probs = draw.calls[k].args[0];
    assert(
      probs.every((p) => typeof p === "number"),
      "weightedIndex() wants numbers: the probabilities' .data",
    );
    const slip = (m: "multiply" | "noTemperature" | "feedBos") =>
      expectedDraws(model, [0, 1, 26], m)[k];
    assertVectorClose(probs, expected[k], {
      what: (i) => `p(token ${i}) at draw ${k}`,
      list: `the probabilities of draw ${k} (temperature 0.5)`,
      tol: 1e-15,
      mistakes: [
        {
          gives: slip("multiply"),
          says:
            "the logits multiplied by the temperature: divide them by it, times temperature^−1",
        },
        {
          gives: slip("noTemperature"),
          says: "no temperature: the logits are divided by it before softmax",
        },
        {
          gives: slip("feedBos"),
          says:
            "BOS fed to gpt() at every position: feed back the token just drawn",
        },
      ],
    });
  }
  assertListEquals([...name], ["a", "b"], {
    what: (i) => `letter ${i} of the name drawn as a, b, then BOS`,
  });
});

Deno.test("step3/07 each sample starts from a fresh cache", () => {
  // The same draws twice: the second name must see the same probabilities
  // as the first. A cache kept from the first name changes them.
  const model = initModel(27, new PyRandom(5));
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 26, 0, 1, 26]));
  const options = { temperature: 0.5, maxLength: 16 };
  sample(model, AZ, rng, options);
  sample(model, AZ, rng, options);
  for (let i = 0; i < 3; i++) {
    const first = draw.calls[i].args[0];
    const second = draw.calls[i + 3].args[0];
    const k = first.findIndex((p, j) => p !== second[j]);
    if (k === -1) continue;
    throw new AssertionError(
      `draw ${i} of the second name differs from draw ${i} of the first (same model, same tokens): p(token ${k}) is ${
        plain(second[k])
      }, was ${
        plain(first[k])
      }. Each name needs a fresh cache, its own emptyCache(): the second name attended to the first one's keys`,
    );
  }
});

Deno.test("step3/07 sample() stops as soon as it draws BOS", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext([26]));
  const name = sample(initModel(27, new PyRandom(2)), AZ, rng, {
    temperature: 1,
    maxLength: 16,
  });
  assertListEquals([...name], [], { what: "the name when BOS is drawn first" });
  assertSpyCalls(draw, 1);
});

Deno.test("step3/07 sample() stops at maxLength characters", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(20).fill(4)));
  const name = sample(initModel(27, new PyRandom(3)), AZ, rng, {
    temperature: 1,
    maxLength: 5,
  });
  assert(
    name === "eeeee",
    `with every draw "e" and maxLength 5, sample() gave "${name}" (${name.length} letters): stop after maxLength = 5 characters`,
  );
  assertSpyCalls(draw, 5);
});

Deno.test("step3/07 sampling stops at blockSize (16 positions), even with a larger maxLength", () => {
  const rng = new PyRandom(1);
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(40).fill(4)));
  const model = guardedPositions(
    initModel(27, new PyRandom(4)),
    "a name stops after min(maxLength, blockSize) positions",
  );
  const name = withoutCrash(
    () => sample(model, AZ, rng, { temperature: 1, maxLength: 30 }),
    () => "sample() with maxLength 30 crashed",
  );
  assert(
    name === "e".repeat(16),
    `with every draw "e" and maxLength 30, sample() gave "${name}" (${name.length} letters): stop after min(maxLength, blockSize) = 16 positions`,
  );
  assertSpyCalls(draw, 16);
});

Deno.test("step3/07 sample() invents CPython's names from the untrained seed-42 model", () => {
  // python3, GUIDE.md's sampling loop: random.seed(42), the nine matrices,
  // then 5 names at temperature 0.5 with random.choices. The third one runs
  // into blockSize: 16 letters, no BOS.
  const rng = new PyRandom(42);
  const model = initModel(27, rng);
  const names = Array.from(
    { length: 5 },
    () => sample(model, AZ, rng, { temperature: 0.5, maxLength: 16 }),
  );
  assertListEquals(names, [
    "",
    "ffobunoomte",
    "vmtafriqfqgmsmof",
    "vivffdmgbiglkd",
    "cvbm",
  ], { what: (i) => `sample ${i + 1}` });
});
