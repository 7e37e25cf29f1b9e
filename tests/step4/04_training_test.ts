import { assert, assertEquals, assertLess, equal } from "@std/assert";
import { assertSpyCalls, returnsNext, spy, stub } from "@std/testing/mock";
import { PyRandom } from "../../support/random.ts";
import {
  buildTokenizer,
  type Tokenizer,
} from "../../lessons/step1/01_tokenizer.ts";
import type { StepInfo } from "../../lessons/step1/10_training.ts";
import { backward } from "../../lessons/step2/03_backward.ts";
import {
  type Config,
  initModel,
  type Model,
  parameters,
} from "../../lessons/step4/02_parameters.ts";
import { emptyCaches, gpt } from "../../lessons/step4/03_gpt.ts";
import * as lesson from "../../lessons/step4/04_training.ts";
import {
  assertClose,
  assertListEquals,
  assertVectorClose,
} from "../_assert.ts";
import { pastTheEnd, withoutCrash } from "../_guards.ts";
import {
  assertLearningRates,
  learningRatesN,
  lossN,
  mistakesOf,
  type Slip,
} from "../_reference.ts";
import { guardedPositions, guardedTokens } from "../step3/_fixtures.ts";
import {
  centralGradient,
  data,
  flatNumbers,
  fromNumbers,
  sampleN,
  smallModel,
  tokenize,
  toNumbers,
} from "./_fixtures.ts";

const NAMES = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "zoe"];
const DOCS = NAMES.map(tokenize);
const TWO_LAYERS: Config = { nEmbd: 16, nHead: 4, nLayer: 2, blockSize: 16 };

// Small-model names over a, b, c, d (ids 0-3) with BOS = 4, at most 7 long.
const SMALL_DOCS = [[4, 0, 1, 0, 4], [4, 2, 2, 3, 1, 4], [4, 3, 4]];

/** Why code that works on one layer crashes on two. */
const ONE_CACHE_PER_LAYER =
  "gpt() reads caches[li] for every layer li of the model, so a name needs one cache per layer: emptyCaches(model.layers.length) (CONFIG.nLayer is the guide's 1, not this model's 2)";

/**
 * The lesson's functions, so that a crash in any test of this file (not
 * only the first) says which rule was broken: one that reads a layer's
 * cache that is not there is the CONFIG.nLayer slip.
 */
function explained<A extends unknown[], R>(
  name: string,
  call: (...args: A) => R,
): (...args: A) => R {
  return (...args) =>
    withoutCrash(
      () => call(...args),
      (error) =>
        /reading '(keys|values)'/.test(error.message)
          ? `${name}() crashed where gpt() reads a layer's cache: ${ONE_CACHE_PER_LAYER}`
          : `${name}() crashed`,
    );
}
const forward = explained("forward", lesson.forward);
const train = explained("train", lesson.train);
const sample = explained("sample", lesson.sample);

/**
 * Runs `call` twice on a 1-layer model, then on a 2-layer one. Two runs
 * that differ say the caches outlive a name; a crash on two layers only
 * says the caches do not follow the model's layers.
 */
function oneThenTwoLayers<T>(
  what: string,
  models: [Model, Model],
  call: (model: Model) => T,
): [T, T] {
  const [one, again] = [0, 1].map(() =>
    withoutCrash(
      () => call(models[0]),
      () => `${what} crashed on a 1-layer model`,
    )
  );
  assert(
    equal(one, again),
    `${what} gave other numbers the second time on the same 1-layer model: each name needs fresh caches, emptyCaches() inside the function, or it attends to the keys of the names before it`,
  );
  const two = withoutCrash(
    () => call(models[1]),
    () =>
      `${what} crashed on a 2-layer model, after working on a 1-layer one: ${ONE_CACHE_PER_LAYER}`,
  );
  return [one, two];
}

/** A tokenizer whose characters refuse to be read at BOS. */
function guardedTokenizer(tokenizer: Tokenizer): Tokenizer {
  return {
    ...tokenizer,
    chars: pastTheEnd(
      [...tokenizer.chars],
      (id) =>
        `decode() was given the id ${id}, which is BOS: BOS ends the name and is not part of it. Check for BOS right after the draw, and keep the token only if it is not BOS`,
    ),
  };
}

Deno.test("step4/04 forward() gives CPython's loss for 'ava' with seed 42 (1 and 2 layers)", () => {
  // The same CPython program as step4/03's logits test: mean −log p over
  // the 4 positions of [26, 0, 21, 0, 26].
  const expected = [3.0339095149333977, 3.0231625484222784];
  const models: [Model, Model] = [1, 2].map((nLayer) =>
    initModel(27, new PyRandom(42), { ...TWO_LAYERS, nLayer })
  ) as [Model, Model];
  const tokens = tokenize("ava");
  const losses = oneThenTwoLayers(
    "forward() of 'ava'",
    models,
    (model) => forward(model, guardedTokens(tokens)).data,
  );
  losses.forEach((loss, i) =>
    assertClose(loss, expected[i], {
      what: `the loss of 'ava' with ${i + 1} layer${i ? "s" : ""}`,
      tol: 1e-12,
      mistakes: mistakesOf(
        [
          "targetIsInput",
          "sumNotMean",
          "meanOverTokens",
          "skipFirstPosition",
          "cachePerPosition",
        ],
        (slip) => lossN(toNumbers(models[i]), tokens, 4, slip),
      ),
    })
  );
});

Deno.test("step4/04 forward() is the mean of −log p(next token) over the positions", () => {
  const model = initModel(27, new PyRandom(1), TWO_LAYERS);
  const numbers = toNumbers(model);
  for (const tokens of DOCS.slice(0, 4)) {
    assertClose(forward(model, tokens).data, lossN(numbers, tokens, 4), {
      what: `the loss of [${tokens}] (2 layers, 4 heads)`,
      tol: 1e-12,
    });
  }
});

Deno.test("step4/04 forward() uses at most blockSize = 16 positions", () => {
  const model = guardedPositions(
    initModel(27, new PyRandom(2)),
    "a name is scored on at most blockSize positions, n = min(blockSize, tokens.length − 1)",
  );
  const long = tokenize("abcdefghijklmnopqrstuvwxyz"); // 27 positions
  const loss = withoutCrash(
    () => forward(model, guardedTokens(long)),
    () =>
      "forward() crashed on a 26-letter name (27 positions, 16 position embeddings)",
  );
  const numbers = toNumbers(model);
  assertClose(loss.data, lossN(numbers, long, 4), {
    what: "the loss of a 26-letter name, the mean over its first 16 positions",
    tol: 1e-12,
    mistakes: mistakesOf(
      ["minMinusOne"],
      (slip) => lossN(numbers, long, 4, slip),
    ),
  });
});

Deno.test("step4/04 forward() starts every name with fresh caches, one per layer", () => {
  const model = initModel(27, new PyRandom(3), TWO_LAYERS);
  const alone = forward(model, DOCS[2]).data;
  forward(model, DOCS[0]);
  assertClose(forward(model, DOCS[2]).data, alone, {
    what: 'the loss of "ava" after forward() of another name',
    tol: 0,
    note:
      'It was different when "ava" came first: each name needs fresh caches, emptyCaches() inside forward(), or it attends to the keys of the names before it.',
  });
});

Deno.test("step4/04 backward(forward()) matches central differences (2 layers, 4 heads)", () => {
  const numbers = smallModel(4);
  const tokens = SMALL_DOCS[1];
  const model = fromNumbers(numbers);
  backward(forward(model, tokens));
  const expected = centralGradient(numbers, (m) => lossN(m, tokens, 4));
  assertVectorClose(parameters(model).map((p) => p.grad), expected, {
    what: (i) => `∂loss/∂(parameter ${i}), against a central difference`,
    tol: 1e-7,
  });
});

/**
 * Trains a fresh small model by hand, as train() must: forward, backward,
 * p −= lr · grad with lr = lr0 · (1 − s/steps), grads back to 0; or with
 * one training mistake switched on.
 */
function trainByHand(steps: number, lr0: number, slip?: Slip): number[] {
  const model = fromNumbers(smallModel(5));
  const params = parameters(model);
  for (let s = 0; s < steps; s++) {
    const loss = forward(model, SMALL_DOCS[s % 3]);
    if (slip !== "noBackward") backward(loss);
    const lr = learningRatesN(steps, lr0, 0.1, slip)[s];
    for (const p of params) {
      p.data -= lr * p.grad;
      if (slip !== "notZeroed") p.grad = 0;
    }
  }
  return params.map((p) => p.data);
}

Deno.test("step4/04 train() updates with lr0 · (1 − s/steps) from fresh gradients, cycling through the names", () => {
  // 4 steps over 3 names: step 3 trains on docs[3 % 3] = docs[0].
  const docs = pastTheEnd(
    SMALL_DOCS.map((d) => [...d]),
    (i) =>
      `train() read docs[${i}] of a list of 3 names: step s trains on docs[s % docs.length], so the names come round again`,
  );
  const model = fromNumbers(smallModel(5));
  train(model, docs, { steps: 4, lr0: 0.5 });
  assertVectorClose(parameters(model).map((p) => p.data), trainByHand(4, 0.5), {
    what: (i) => `parameter ${i} after 4 steps`,
    list: "the parameters after 4 steps",
    tol: 1e-12,
    mistakes: mistakesOf(
      ["noDecay", "decayOneEarly", "fixedLr", "notZeroed", "noBackward"],
      (slip) => trainByHand(4, 0.5, slip),
    ),
  });
  assert(
    parameters(model).every((p) => p.grad === 0),
    "a grad was left set after the last update: the update sets every grad back to zero (Step 2's sgdUpdate does)",
  );
});

Deno.test("step4/04 train() does SGD: one step moves every parameter by −lr0 · grad", () => {
  const numbers = smallModel(5);
  const grad = centralGradient(numbers, (m) => lossN(m, SMALL_DOCS[0], 4));
  const before = flatNumbers(numbers);
  const model = fromNumbers(numbers);
  train(model, SMALL_DOCS, { steps: 1, lr0: 0.5 });
  assertVectorClose(
    parameters(model).map((p) => p.data),
    before.map((x, i) => x - 0.5 * grad[i]),
    {
      what: (i) => `parameter ${i} after one step (x − 0.5 · grad)`,
      tol: 1e-8,
    },
  );
});

Deno.test("step4/04 train() reports every step once, before its update, with the decaying learning rate", () => {
  const model = fromNumbers(smallModel(6));
  const first = forward(fromNumbers(smallModel(6)), SMALL_DOCS[0]).data;
  const onStep = spy((_info: StepInfo) => {});
  const losses = train(model, SMALL_DOCS, { steps: 4, lr0: 0.5, onStep });
  assertSpyCalls(onStep, 4);
  const reported = onStep.calls.map((c) => c.args[0].lr!);
  assertLearningRates(reported, 0.5, 0.1);
  assertEquals(onStep.calls[0].args[0], { step: 0, loss: first, lr: 0.5 });
  for (let s = 0; s < 4; s++) {
    const info = onStep.calls[s].args[0];
    assertEquals(info.step, s);
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
  assertLess(
    after,
    before * 0.8,
    `the summed loss of 3 names went from ${before.toFixed(4)} to ${
      after.toFixed(4)
    }`,
  );
});

/**
 * The probabilities of each draw when the draws are `drawn`: gpt() on the
 * token drawn before (BOS first), fresh caches for the name, logits times
 * `scale` (temperature^−1).
 */
function expectedDraws(
  model: Model,
  drawn: number[],
  scale: number,
): number[][] {
  const caches = emptyCaches(model.layers.length);
  return drawn.map((_, pos) => {
    const token = pos === 0 ? 26 : drawn[pos - 1];
    const logits = data(gpt(model, token, pos, caches)).map((l) => l * scale);
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - max));
    const total = exps.reduce((s, e) => s + e, 0);
    return exps.map((e) => e / total);
  });
}

Deno.test("step4/04 sample() draws from softmax(logits / temperature) of gpt(), with one cache per layer", () => {
  const tokenizer = guardedTokenizer(
    buildTokenizer(["abcdefghijklmnopqrstuvwxyz"]),
  );
  const models: [Model, Model] = [
    initModel(27, new PyRandom(9)),
    initModel(27, new PyRandom(9), TWO_LAYERS),
  ];
  const draws = oneThenTwoLayers("sample()", models, (model) => {
    const rng = new PyRandom(1);
    using draw = stub(rng, "weightedIndex", returnsNext([0, 1, 26]));
    const name = sample(model, tokenizer, rng, {
      temperature: 0.5,
      maxLength: 16,
    });
    assertListEquals([...name], ["a", "b"], {
      what: (i) => `letter ${i} of the name drawn as a, b, then BOS`,
    });
    return draw.calls.map((c) => c.args[0]);
  });
  draws.forEach((probs, m) => {
    const expected = expectedDraws(models[m], [0, 1, 26], 2);
    const multiplied = expectedDraws(models[m], [0, 1, 26], 0.5);
    probs.forEach((p, k) =>
      assertVectorClose(p, expected[k], {
        what: (i) => `p(token ${i}) at draw ${k}`,
        list: `the probabilities of draw ${k} (temperature 0.5, ${m + 1} layer${
          m ? "s" : ""
        })`,
        tol: 1e-15,
        mistakes: [{
          gives: multiplied[k],
          says:
            "the logits multiplied by the temperature: divide them by it, times temperature^−1",
        }],
      })
    );
  });
});

Deno.test("step4/04 sample() stops after maxLength characters", () => {
  const numbers = smallModel(10);
  // Make BOS (id 4) very unlikely everywhere: names run to maxLength.
  numbers.lmHead[4] = numbers.lmHead[4].map(() => 0);
  for (const row of numbers.lmHead.slice(0, 4)) {
    row.forEach((_, j) => (row[j] *= 50));
  }
  const tokenizer = buildTokenizer(["abcd"]);
  const rng = new PyRandom(11);
  for (const maxLength of [1, 3, 6]) {
    // This model has 8 position embeddings (SMALL.blockSize).
    const model = guardedPositions(
      fromNumbers(numbers),
      `a name stops after min(maxLength, blockSize) positions, here maxLength = ${maxLength}`,
    );
    const name = sample(model, tokenizer, rng, { temperature: 1, maxLength });
    assert(
      name.length <= maxLength,
      `sample() gave "${name}", ${name.length} letters: stop after maxLength = ${maxLength} characters`,
    );
  }
});

Deno.test("step4/04 sample() draws like the reference: fresh caches per name, softmax(logits / T), BOS ends", () => {
  const numbers = smallModel(8);
  // BOS (id 4) as likely as "b", so that names end at different lengths.
  numbers.lmHead[4] = [...numbers.lmHead[1]];
  const model = guardedPositions(
    fromNumbers(numbers),
    "a name stops after min(maxLength, blockSize) positions",
  );
  const tokenizer = guardedTokenizer(buildTokenizer(["abcd"]));
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
  assertListEquals(names, expected, {
    what: (i) => `name ${i + 1}`,
    note:
      "Each name starts with fresh caches, one per layer; if only later names differ, a name saw the one before.",
  });
});

Deno.test("step4/04 sampling stops at blockSize (16 positions), even with a larger maxLength", () => {
  const tokenizer = buildTokenizer(["abcdefghijklmnopqrstuvwxyz"]);
  const rng = new PyRandom(1);
  // Every draw picks "e": only the position limit can end the name.
  using draw = stub(rng, "weightedIndex", returnsNext(new Array(40).fill(4)));
  const model = guardedPositions(
    initModel(27, new PyRandom(4)),
    "a name stops after min(maxLength, blockSize) positions",
  );
  const name = withoutCrash(
    () => sample(model, tokenizer, rng, { temperature: 1, maxLength: 30 }),
    () => "sample() with maxLength 30 crashed",
  );
  assert(
    name === "e".repeat(16),
    `with every draw "e" and maxLength 30, sample() gave "${name}" (${name.length} letters): stop after min(maxLength, blockSize) = 16 positions`,
  );
  assertSpyCalls(draw, 16);
});
