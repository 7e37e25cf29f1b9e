import {
  assert,
  assertAlmostEquals,
  assertEquals,
  AssertionError,
  assertLess,
  assertLessOrEqual,
} from "@std/assert";
import { assertSpyCalls, returnsNext, spy, stub } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import { buildTokenizer } from "../../lessons/step1/01_tokenizer.ts";
import type { StepInfo } from "../../lessons/step1/10_training.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import { initModel, parameters } from "../../lessons/step4/02_parameters.ts";
import { forward, sample, train } from "../../lessons/step4/04_training.ts";
import { assertAllClose } from "../_helpers.ts";
import {
  centralGradient,
  flatNumbers,
  fromNumbers,
  lossN,
  sampleN,
  smallModel,
  tokenize,
  toNumbers,
} from "./_fixtures.ts";

const NAMES = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "zoe"];
const DOCS = NAMES.map(tokenize);
const TWO_LAYERS = { nEmbd: 16, nHead: 4, nLayer: 2, blockSize: 16 };

// Small-model names over a, b, c, d (ids 0-3) with BOS = 4, at most 7 long.
const SMALL_DOCS = [[4, 0, 1, 0, 4], [4, 2, 2, 3, 1, 4], [4, 3, 4]];

Deno.test("step4/04 forward() is the mean of −log p(next token) over the positions", () => {
  const model = initModel(27, new PyRandom(1), TWO_LAYERS);
  const numbers = toNumbers(model);
  for (const tokens of DOCS.slice(0, 4)) {
    assertAlmostEquals(
      forward(model, tokens).data,
      lossN(numbers, tokens, 4),
      1e-12,
      `loss of ${
        JSON.stringify(tokens)
      } (plain-number reference: fresh caches, 2 layers, 4 heads)`,
    );
  }
});

Deno.test("step4/04 forward() gives CPython's loss for 'ava' with seed 42 (1 and 2 layers)", () => {
  // The same CPython program as step4/03's logits test: mean −log p over
  // the 4 positions of [26, 0, 21, 0, 26].
  const expected: Record<number, number> = {
    1: 3.0339095149333977,
    2: 3.0231625484222784,
  };
  for (const nLayer of [1, 2]) {
    const model = initModel(27, new PyRandom(42), { ...TWO_LAYERS, nLayer });
    const loss = forward(model, [26, 0, 21, 0, 26]).data;
    assertAlmostEquals(
      loss,
      expected[nLayer],
      1e-12,
      `${nLayer}-layer loss is ${loss}, CPython gives ${expected[nLayer]}`,
    );
  }
});

Deno.test("step4/04 forward() uses at most blockSize = 16 positions", () => {
  const model = initModel(27, new PyRandom(2));
  const long = tokenize("abcdefghijklmnopqrstuvwxyz"); // 27 positions
  const expected = lossN(toNumbers(model), long.slice(0, 17), 4);
  assertAlmostEquals(
    forward(model, long).data,
    expected,
    1e-12,
    "a 26-letter name has 27 positions, but only the first 16 fit the context: n = min(blockSize, tokens.length − 1)",
  );
});

Deno.test("step4/04 forward() starts every name with fresh caches, one per layer", () => {
  const model = initModel(27, new PyRandom(3), TWO_LAYERS);
  const alone = forward(model, DOCS[2]).data;
  forward(model, DOCS[0]);
  assertEquals(
    forward(model, DOCS[2]).data,
    alone,
    "the loss of a name changed after another name: its caches still held the earlier name's keys",
  );
});

Deno.test("step4/04 backward(forward()) matches central differences (2 layers, 4 heads)", () => {
  const numbers = smallModel(4);
  const tokens = SMALL_DOCS[1];
  const model = fromNumbers(numbers);
  backward(forward(model, tokens));
  const expected = centralGradient(numbers, (m) => lossN(m, tokens, 4));
  assertAllClose(parameters(model).map((p) => p.grad), expected, 1e-7, "grad");
});

Deno.test("step4/04 train() does SGD: one step moves every parameter by −lr0 · grad and zeroes the grads", () => {
  const numbers = smallModel(5);
  const grad = centralGradient(numbers, (m) => lossN(m, SMALL_DOCS[0], 4));
  const before = flatNumbers(numbers);
  const model = fromNumbers(numbers);
  train(model, SMALL_DOCS, { steps: 1, lr0: 0.5 });
  const after = parameters(model);
  assertAllClose(
    after.map((p) => p.data),
    before.map((x, i) => x - 0.5 * grad[i]),
    1e-8,
    "parameter after one step (x − 0.5 · grad)",
  );
  assert(
    after.every((p) => p.grad === 0),
    "a grad was left set after the update: backward adds to grad, so the next step would add its gradient to this one (sgdUpdate zeroes them)",
  );
});

Deno.test("step4/04 train() reports every step once, before its update, with the decaying learning rate", () => {
  const model = fromNumbers(smallModel(6));
  const first = forward(fromNumbers(smallModel(6)), SMALL_DOCS[0]).data;
  const onStep = spy((_info: StepInfo) => {});
  const losses = train(model, SMALL_DOCS, { steps: 4, lr0: 0.1, onStep });
  assertSpyCalls(onStep, 4);
  assertEquals(onStep.calls[0].args[0], { step: 0, loss: first, lr: 0.1 });
  for (let s = 0; s < 4; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s);
    assertAlmostEquals(info.lr, 0.1 * (1 - s / 4), 1e-15, `lr at step ${s}`);
    assertEquals(
      info.loss,
      losses[s],
      "onStep and the returned losses disagree",
    );
  }
});

Deno.test("step4/04 train() lowers the loss on a few names", () => {
  const model = initModel(27, new PyRandom(7));
  const docs = DOCS.slice(0, 3);
  const total = () => docs.reduce((sum, d) => sum + forward(model, d).data, 0);
  const before = total();
  train(model, docs, { steps: 60, lr0: 0.5 });
  const after = total();
  assertLess(after, before * 0.8, `loss went from ${before} to ${after}`);
});

Deno.test("step4/04 sample() draws like the reference: fresh caches per name, softmax(logits / T), BOS ends", () => {
  const numbers = smallModel(8);
  // BOS (id 4) as likely as "b", so that names end at different lengths.
  numbers.lmHead[4] = [...numbers.lmHead[1]];
  const model = fromNumbers(numbers);
  const tokenizer = buildTokenizer(["abcd"]);
  const [rng, rngRef] = [new PyRandom(9), new PyRandom(9)];
  const options = { temperature: 0.5, maxLength: 8 };
  const names = Array.from(
    { length: 8 },
    () => sample(model, tokenizer, rng, options),
  );
  const expected = Array.from(
    { length: 8 },
    () =>
      sampleN(numbers, 4, rngRef, 4, 0.5, 8).map((id) => "abcd"[id]).join(""),
  );
  assertEquals(names, expected);
});

Deno.test("step4/04 sample() stops after maxLength characters", () => {
  const numbers = smallModel(10);
  // Make BOS (id 4) very unlikely everywhere: names run to maxLength.
  numbers.lmHead[4] = numbers.lmHead[4].map(() => 0);
  for (const row of numbers.lmHead.slice(0, 4)) {
    row.forEach((_, j) => (row[j] *= 50));
  }
  const model = fromNumbers(numbers);
  const tokenizer = buildTokenizer(["abcd"]);
  const rng = new PyRandom(11);
  for (const maxLength of [1, 3, 6]) {
    const name = sample(model, tokenizer, rng, { temperature: 1, maxLength });
    assertLessOrEqual(
      name.length,
      maxLength,
      `"${name}" is longer than maxLength ${maxLength}`,
    );
  }
});

Deno.test("step4/04 sampling stops at blockSize (16 positions), even with a larger maxLength", () => {
  const tokenizer = buildTokenizer(["abcdefghijklmnopqrstuvwxyz"]);
  const rng = new PyRandom(1);
  // Every draw picks "e": only the position limit can end the name.
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(40).fill(4)));
  let name: string;
  try {
    name = sample(initModel(27, new PyRandom(4)), tokenizer, rng, {
      temperature: 1,
      maxLength: 30,
    });
  } catch (error) {
    if (error instanceof Error && error.name === "NotImplementedError") {
      throw error;
    }
    throw new AssertionError(
      `sample() with maxLength 30 failed: there are only 16 position embeddings (wpe has blockSize = 16 rows), so stop after min(maxLength, blockSize) = 16 positions (${error})`,
    );
  }
  assertEquals(name, "e".repeat(16), "16 letters, then no position left");
  assertSpyCalls(draw, 16);
});
