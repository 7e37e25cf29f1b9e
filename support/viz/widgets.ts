/**
 * The widgets' server halves, in the child process: each one's probe (its
 * lessons on a tiny input: what its card's status says) and its answers to
 * the page, whose half is `page/widgets/<id>.js`. A widget takes its lesson
 * functions from `lesson(id)` (see `child.ts`), or runs a step program; the
 * Steps 3–5 ones read the model the server hands them.
 *
 * Run as a program, this module is that child process: it answers one
 * request (see `child.ts`) and exits.
 *
 * @module
 */

import { PyRandom } from "../random.ts";
import type * as Tokenizer0 from "../../lessons/step0/01_tokenizer.ts";
import type * as Counts from "../../lessons/step0/02_count_table.ts";
import type * as Bigram from "../../lessons/step0/03_model.ts";
import type * as Tokenizer1 from "../../lessons/step1/01_tokenizer.ts";
import type * as Parameters from "../../lessons/step1/02_parameters.ts";
import type * as Softmax from "../../lessons/step1/04_softmax.ts";
import type * as Numerical from "../../lessons/step1/07_numerical_gradient.ts";
import type * as Analytic from "../../lessons/step1/08_analytic_gradient.ts";
import type * as Values from "../../lessons/step2/01_value.ts";
import type * as MoreOps from "../../lessons/step2/02_more_ops.ts";
import type * as Backward from "../../lessons/step2/03_backward.ts";
import type * as Ema from "../../lessons/step5/01_ema.ts";
import type { GptView } from "../train/step_program.ts";
import * as kit from "./child.ts";
import type { Context, Lessons, Widget } from "./child.ts";
import * as params from "./params.ts";

/** Every widget, by the id its card has on the page. */
export const WIDGETS: Record<string, (lesson: Lessons) => Widget> = {
  tokenizer,
  "count-table": countTable,
  softmax,
  "gradient-check": gradientCheck,
  "loss-curve": programs,
  temperature,
  "value-graph": valueGraph,
  embeddings,
  attention: reading,
  "kv-cache": reading,
  ema,
  "all-steps": programs,
};

/** Tokenizer (guide 0.2): a name's token ids, with BOS at both ends. */
function tokenizer(lesson: Lessons): Widget {
  const { buildTokenizer, encode } = lesson<typeof Tokenizer0>("step0/01");
  return {
    probe: () => void encode(buildTokenizer(["ab"]), "ba"),
    compute(request, { names }) {
      const { name } = params.fields(request, { name: params.text(32) });
      const tokenizer = buildTokenizer(names);
      params.tokensOf(name, tokenizer.chars); // Refuses a character it does not know.
      const { chars, bos, vocabSize } = tokenizer;
      return { chars, bos, vocabSize, ids: encode(tokenizer, name) };
    },
  };
}

/**
 * Count table (guide 0.3, 0.4): every bigram of the dataset counted by the
 * count-table lesson, and every row smoothed by the model lesson.
 */
function countTable(lesson: Lessons): Widget {
  const { buildTokenizer, encode } = lesson<typeof Tokenizer0>("step0/01");
  const { addCounts, emptyCounts } = lesson<typeof Counts>("step0/02");
  const { bigram } = lesson<typeof Bigram>("step0/03");
  const count = (names: string[]) => {
    const tokenizer = buildTokenizer(names);
    const counts = emptyCounts(tokenizer.vocabSize);
    for (const name of names) addCounts(counts, encode(tokenizer, name));
    const probs = counts.map((_, row) => bigram(counts, row));
    return { chars: tokenizer.chars, bos: tokenizer.bos, counts, probs };
  };
  return {
    probe: () => void count(["ab"]),
    compute: (_, { names }) => count(names),
  };
}

/** The rules for inputs named by the letters of `names`: numbers in ±`max`. */
function inputs(names: string, max: number) {
  const rule = params.number(-max, max);
  return Object.fromEntries([...names].map((name) => [name, rule]));
}

/** The softmax playground's logits: its five sliders, a to e. */
const LOGITS = inputs("abcde", 1000);

/** Softmax (guide 1.3): logits in, probabilities out. */
function softmax(lesson: Lessons): Widget {
  const { softmax } = lesson<typeof Softmax>("step1/04");
  return {
    probe: () => void softmax([1, 0]),
    compute(request) {
      const logits = Object.values(params.fields(request, LOGITS));
      return { logits, probs: softmax(logits) };
    },
  };
}

/**
 * Gradient check (guide 1.8): every parameter's numerical gradient and its
 * analytic one, on the guide's model (seed 42, first shuffled name).
 */
function gradientCheck(lesson: Lessons): Widget {
  const { buildTokenizer, encode } = lesson<typeof Tokenizer1>("step1/01");
  const { initModel } = lesson<typeof Parameters>("step1/02");
  const { numericalGradient } = lesson<typeof Numerical>("step1/07");
  const { analyticGradient } = lesson<typeof Analytic>("step1/08");
  const check = (names: readonly string[], nEmbd: number) => {
    // The reference program's order: seed, shuffle, tokenizer, weights.
    const rng = new PyRandom(42);
    const docs = [...names];
    rng.shuffle(docs);
    const tokenizer = buildTokenizer(docs);
    const model = initModel(tokenizer.vocabSize, nEmbd, rng);
    const tokens = encode(tokenizer, docs[0]);
    // Each a loss and a gradient.
    const numerical = numericalGradient(model, tokens);
    const analytic = analyticGradient(model, tokens);
    return { name: docs[0], numerical, analytic };
  };
  // The guide's model has 16 dimensions.
  return {
    probe: () => void check(["ab"], 2),
    compute: (_, { names }) => check(names, 16),
  };
}

/**
 * Loss curve and every step (guide 1.9 … 5.4): which step programs train
 * on the lessons; the page trains through `/api/train`.
 */
function programs(): Widget {
  return { probe: kit.programStatuses };
}

/** How many names a temperature answer samples. */
const SAMPLES = 10;

/**
 * Temperature (guide 1.9): the trained Step 1 model's next-token
 * distribution after a prefix, and names sampled, at a temperature.
 */
function temperature(): Widget {
  return {
    probe: async () => ({ steps: [await kit.programStatus(1)] }),
    async compute(request, { model }) {
      const { temperature, prefix } = params.fields(request, {
        temperature: params.number(0.05, 5),
        prefix: params.text(15),
      });
      const chars = model!.vocabulary;
      const context = params.tokensOf(prefix, chars);
      const sampler = await kit.load(1, model!);
      const rng = new PyRandom(42);
      const probs = sampler.nextTokenProbabilities(context, temperature);
      const sample = () => sampler.sample(rng, temperature);
      const samples = Array.from({ length: SAMPLES }, sample);
      return { chars, temperature, probs, samples };
    },
  };
}

/** The autograd graph's leaves: a, b, c and f, in ±100. */
const LEAVES = inputs("abcf", 100);

/**
 * Autograd (guide 2.3–2.5): the `Value` graph of e = a·b, d = e + c,
 * g = d², L = g·f, after the lessons' backward.
 */
function valueGraph(lesson: Lessons): Widget {
  const { add, mul, Value } = lesson<typeof Values>("step2/01");
  const { pow } = lesson<typeof MoreOps>("step2/02");
  const { backward, topologicalOrder } = lesson<typeof Backward>("step2/03");
  type Node = InstanceType<typeof Value>;
  const graph = (leaves: number[]) => {
    const labels = new Map<Node, { label: string; op: string }>();
    const node = (v: Node, label: string, op = "") => {
      labels.set(v, { label, op });
      return v;
    };
    // The leaves, in the order the page shows their inputs.
    const [a, b, c, f] = ["a", "b", "c", "f"].map((name, i) =>
      node(new Value(leaves[i]), name)
    );
    const e = node(mul(a, b), "e", "·");
    const d = node(add(e, c), "d", "+");
    const g = node(pow(d, 2), "g", "²");
    const loss = node(mul(g, f), "L", "·");
    backward(loss);
    // The learner's own topological order: children before parents (a
    // constant leaf that an operation made for itself is not shown).
    const order = topologicalOrder(loss).filter((v) => labels.has(v));
    const children = (v: Node) =>
      v.children.filter((c) => labels.has(c)).map((c) => order.indexOf(c));
    return {
      nodes: order.map((v) => ({
        ...labels.get(v),
        data: v.data,
        grad: v.grad,
        children: children(v),
      })),
    };
  };
  return {
    probe: () => void graph([2, 3, 4, 5]),
    compute: (request) => graph(Object.values(params.fields(request, LEAVES))),
  };
}

/** Momentum's β: from 0 to 0.999. */
const BETA = { beta: params.number(0, 0.999) };

/** Momentum (guide 5.2): a noisy gradient, the lesson's ema of it, and that bias-corrected. */
function ema(lesson: Lessons): Widget {
  const { biasCorrected, ema } = lesson<typeof Ema>("step5/01");
  return {
    probe: () => void biasCorrected(ema(0, 1, 0.5), 0.5, 1),
    compute(request) {
      const { beta } = params.fields(request, BETA);
      // A slowly drifting gradient plus noise, the same on every request.
      const rng = new PyRandom(42);
      const noisy = (_: unknown, t: number) =>
        Math.cos(t / 25) + rng.gauss(0, 0.6);
      const gradient = Array.from({ length: 120 }, noisy);
      let m = 0;
      const average = gradient.map((g) => m = ema(m, g, beta));
      // t counts from 1 in the correction: the first average is (1 − β)·g.
      const corrected = average.map((m, t) => biasCorrected(m, beta, t + 1));
      // JSON has no Infinity or NaN: a broken lesson's are sent as text.
      const json = (xs: number[]) =>
        xs.map((x) => Number.isFinite(x) ? x : String(x));
      return { beta, gradient, ema: json(average), corrected: json(corrected) };
    },
  };
}

/**
 * Every GPT step as an option of a widget that shows `view` of its model:
 * live when the view runs on the step's starting weights; its trained
 * models live when the step's program trains.
 */
async function modelStatuses(view: (gpt: GptView) => unknown) {
  const steps = [];
  for (const step of params.GPT_STEPS) {
    const status = await kit.stepStatus(step, async () => {
      const model = await kit.trainedModel(step, 0, ["ab", "ba"]);
      view((await kit.load(step, model)).gpt!);
    });
    steps.push({ step, ...status, trained: await kit.programStatus(step) });
  }
  return { steps };
}

/** The GPT of the request's step, on the model the server trained for it. */
async function gptOf(request: params.Params, { model }: Context) {
  const { step } = params.fields(request, params.MODEL);
  const gpt = (await kit.load(step, model!)).gpt!;
  return { gpt, vocabulary: model!.vocabulary };
}

/** Token + position (guide 3.2): `wte[token]`, `wpe[pos]` and the lessons' `embed` of both. */
function embeddings(): Widget {
  return {
    probe: () => modelStatuses((gpt) => gpt.embedding(2, 1)),
    async compute(request, ctx) {
      const { gpt, vocabulary } = await gptOf(request, ctx);
      const { token, pos } = params.fields(request, {
        token: params.number(0, vocabulary.length, true),
        pos: params.number(0, gpt.blockSize - 1, true),
      });
      // Every token as the page shows it: its character, or "·" for BOS.
      const labels = [...vocabulary, "·"];
      return { token, pos, labels, ...gpt.embedding(token, pos) };
    },
  };
}

/**
 * Attention and the KV cache (guide 3.5, 3.7, 4.3, 4.5): a name read
 * through the lessons' `gpt` (its `trace`), position by position: each
 * head's weights, and the first layer's cache after each position.
 */
function reading(): Widget {
  return {
    probe: () => modelStatuses((gpt) => gpt.read([2, 0, 1])),
    async compute(request, ctx) {
      const { gpt, vocabulary } = await gptOf(request, ctx);
      // The longest name: BOS and 15 characters fill blockSize 16.
      const { name } = params.fields(request, {
        name: params.text(gpt.blockSize - 1),
      });
      // The closing BOS is only ever a target: it is not read.
      const readings = gpt.read(params.tokensOf(name, vocabulary));
      return { labels: ["·", ...name], readings };
    },
  };
}

if (import.meta.main) await kit.answer(WIDGETS);
