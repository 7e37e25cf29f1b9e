/**
 * Mistakes a learner plausibly makes in Steps 3–5, each written as the
 * learner's code: edits of a solution file (exact text → the slip). `names`
 * lists the words the first failing test's message must contain to count
 * as naming the mistake; `a|b` accepts either word. `run.ts` plants them.
 *
 * @module
 */

/** One planted mistake. */
export interface Mistake {
  /** "step3/05 …": the lesson and what the learner did. */
  id: string;
  /** The solution file, relative to solutions/. */
  file: string;
  /** Replacements, each of text that occurs exactly once in the file. */
  edits: [string, string][];
  /** Words a message that names the mistake contains (case-insensitive). */
  names: string[];
}

const S3_01 = "step3/01_fused_nodes.ts";
const S3_02 = "step3/02_parameters.ts";
const S3_03 = "step3/03_rmsnorm.ts";
const S3_04 = "step3/04_attention.ts";
const S3_05 = "step3/05_gpt.ts";
const S3_06 = "step3/06_training.ts";
const S3_07 = "step3/07_sampling.ts";
const S4_01 = "step4/01_multi_head.ts";
const S4_02 = "step4/02_parameters.ts";
const S4_03 = "step4/03_gpt.ts";
const S4_04 = "step4/04_training.ts";
const S5_01 = "step5/01_ema.ts";
const S5_02 = "step5/02_adam.ts";
const S5_03 = "step5/03_training.ts";

// Lines of the solutions that many mistakes edit.
const DOT_LOOP = "  const children = new Array<Value>(2 * a.length);\n" +
  "  const localGrads = new Array<number>(2 * a.length);\n" +
  "  for (let j = 0; j < a.length; j++) {\n" +
  "    data += a[j].data * b[j].data;\n" +
  "    children[2 * j] = a[j];\n    children[2 * j + 1] = b[j];\n" +
  "    localGrads[2 * j] = b[j].data;\n    localGrads[2 * j + 1] = a[j].data;\n" +
  "  }\n";
/** The same loop as a learner writes it with push. */
const PUSH_B = "    children.push(b[j]);\n    localGrads.push(a[j].data);\n";
const DOT_LOOP_PUSH = "  const children: Value[] = [];\n" +
  "  const localGrads: number[] = [];\n" +
  "  for (let j = 0; j < a.length; j++) {\n" +
  "    data += a[j].data * b[j].data;\n" +
  "    children.push(a[j]);\n    localGrads.push(b[j].data);\n" + PUSH_B +
  "  }\n";
const ATTN_RETURN = "  return addResidual(linear(out, weights.attnWo), x);";
const MLP_BODY =
  "  const h = linear(rmsnorm(x), weights.mlpFc1).map((v) => relu(v));\n" +
  "  return addResidual(linear(h, weights.mlpFc2), x);";
const ATTN_KV = "  cache.keys.push(linear(xn, weights.attnWk));\n" +
  "  cache.values.push(linear(xn, weights.attnWv));\n";
const GPT3_BODY =
  "  let x = rmsnorm(embed(model.wte, model.wpe, token, pos));\n" +
  "  x = attentionBlock(model, x, cache, trace);\n" +
  "  x = mlpBlock(model, x);\n" +
  "  return linear(x, model.lmHead);";
const SGD_UPDATE = "    sgdUpdate(params, lr);";
const N3 = "  const n = Math.min(CONFIG.blockSize, tokens.length - 1);";
const TARGET = "    losses.push(neg(log(probs[tokens[pos + 1]])));";
const SAMPLE_STOP =
  "    if (token === tokenizer.bos) break;\n    ids.push(token);";
const MHB_KV = "  cache.keys.push(linear(xn, layer.attnWk));\n" +
  "  cache.values.push(linear(xn, layer.attnWv));\n";
const ADAM_M = "    state.m[i] = ema(state.m[i], g, beta1);";
const ADAM_V = "    state.v[i] = ema(state.v[i], g ** 2, beta2);";
const ADAM_MHAT =
  "    const mHat = biasCorrected(state.m[i], beta1, step + 1);";
const ADAM_VHAT =
  "    const vHat = biasCorrected(state.v[i], beta2, step + 1);";
const ADAM_STEP = "    p.data -= (lr * mHat) / (vHat ** 0.5 + eps);";
const ADAM_CALL = "    adamUpdate(params, state, lr, step);";
const LR = "    const lr = learningRate(step, options.steps, options.lr0);";

export const CATALOGUE: Mistake[] = [
  // ---------------------------------------------------------------- step3/01
  {
    id: "step3/01 dot: the local gradients swapped (aⱼ gets aⱼ)",
    file: S3_01,
    edits: [[
      "    localGrads[2 * j] = b[j].data;\n    localGrads[2 * j + 1] = a[j].data;",
      "    localGrads[2 * j] = a[j].data;\n    localGrads[2 * j + 1] = b[j].data;",
    ]],
    names: ["local gradient", "bⱼ"],
  },
  {
    id: "step3/01 dot: only a's entries as children",
    file: S3_01,
    edits: [[DOT_LOOP, DOT_LOOP_PUSH.replace(PUSH_B, "")]],
    names: ["children"],
  },
  {
    id: "step3/01 dot: a Value used twice pushed once (x·x)",
    file: S3_01,
    edits: [[
      DOT_LOOP,
      DOT_LOOP_PUSH.replace(
        PUSH_B,
        "    // The same Value twice is one child: skip the duplicate.\n" +
          "    if (b[j] !== a[j]) {\n  " + PUSH_B.trimEnd() + "\n    }\n",
      ),
    ]],
    names: ["twice"],
  },
  {
    id: "step3/01 fusedSum: a node without children",
    file: S3_01,
    edits: [[
      "  return new Value(data, values, localGrads);",
      "  return new Value(data);",
    ]],
    names: ["children"],
  },
  {
    id: "step3/01 linear: one dot per column of w",
    file: S3_01,
    edits: [[
      "  return w.map((row) => dot(row, x));",
      "  return x.map((_, j) => dot(w.map((row) => row[j]), x));",
    ]],
    names: ["row"],
  },
  // ---------------------------------------------------------------- step3/02
  {
    id: "step3/02 initModel: lmHead drawn before the MLP",
    file: S3_02,
    edits: [[
      "  const mlpFc1 = valueMatrix(4 * nEmbd, nEmbd, rng);\n" +
      "  const mlpFc2 = valueMatrix(nEmbd, 4 * nEmbd, rng);\n" +
      "  const lmHead = valueMatrix(vocabSize, nEmbd, rng);",
      "  const lmHead = valueMatrix(vocabSize, nEmbd, rng);\n" +
      "  const mlpFc1 = valueMatrix(4 * nEmbd, nEmbd, rng);\n" +
      "  const mlpFc2 = valueMatrix(nEmbd, 4 * nEmbd, rng);",
    ]],
    names: ["order"],
  },
  {
    id: "step3/02 initModel: mlpFc2 drawn 64×16 like mlpFc1",
    file: S3_02,
    edits: [[
      "  const mlpFc2 = valueMatrix(nEmbd, 4 * nEmbd, rng);",
      "  const mlpFc2 = valueMatrix(4 * nEmbd, nEmbd, rng);",
    ]],
    names: ["mlp_fc2", "rows"],
  },
  {
    id: "step3/02 parameters: wpe left out",
    file: S3_02,
    edits: [["    model.wte,\n    model.wpe,\n", "    model.wte,\n"]],
    names: ["parameters()", "wpe"],
  },
  {
    id: "step3/02 parameters: lmHead listed before the MLP",
    file: S3_02,
    edits: [[
      "    model.mlpFc1,\n    model.mlpFc2,\n    model.lmHead,\n",
      "    model.lmHead,\n    model.mlpFc1,\n    model.mlpFc2,\n",
    ]],
    names: ["parameters()", "order"],
  },
  {
    id: "step3/02 embed: wpe[token] instead of wpe[pos]",
    file: S3_02,
    edits: [[
      "  return wte[token].map((t, j) => add(t, wpe[pos][j]));",
      "  return wte[token].map((t, j) => add(t, wpe[token][j]));",
    ]],
    names: ["wpe[pos]"],
  },
  {
    id: "step3/02 valueMatrix: gauss(0, 0.8)",
    file: S3_02,
    edits: [[
      "randomMatrix(rows, cols, rng, 0.08)",
      "randomMatrix(rows, cols, rng, 0.8)",
    ]],
    names: ["gauss(0, 0.08)"],
  },
  // ---------------------------------------------------------------- step3/03
  {
    id: "step3/03 rmsnorm: ε added outside the root",
    file: S3_03,
    edits: [[
      "  const scale = pow(add(ms, RMS_EPS), -0.5);",
      "  const scale = add(pow(ms, -0.5), RMS_EPS);",
    ]],
    names: ["ε", "outside the root"],
  },
  {
    id: "step3/03 rmsnorm: no ε",
    file: S3_03,
    edits: [[
      "  const scale = pow(add(ms, RMS_EPS), -0.5);",
      "  const scale = pow(ms, -0.5);",
    ]],
    names: ["without ε"],
  },
  {
    id: "step3/03 rmsnorm: the mean of x, not of x²",
    file: S3_03,
    edits: [
      [
        'import { dot } from "./01_fused_nodes.ts";',
        'import { fusedSum } from "./01_fused_nodes.ts";',
      ],
      [
        "  const ms = mul(dot(x, x), 1 / x.length);",
        "  const ms = mul(fusedSum(x), 1 / x.length);",
      ],
    ],
    names: ["squares"],
  },
  {
    id: "step3/03 rmsnorm: the sum of squares, without 1/n",
    file: S3_03,
    edits: [[
      "  const ms = mul(dot(x, x), 1 / x.length);",
      "  const ms = dot(x, x);",
    ]],
    names: ["1/n"],
  },
  {
    id: "step3/03 rmsnorm: multiplies by the root, power +0.5",
    file: S3_03,
    edits: [[
      "  const scale = pow(add(ms, RMS_EPS), -0.5);",
      "  const scale = pow(add(ms, RMS_EPS), 0.5);",
    ]],
    names: ["−0.5"],
  },
  {
    id: "step3/03 rmsnorm: the scale as a plain number (gradient cut)",
    file: S3_03,
    edits: [[
      "  const scale = pow(add(ms, RMS_EPS), -0.5);",
      "  const scale = (ms.data + RMS_EPS) ** -0.5;",
    ]],
    names: ["plain number"],
  },
  // ---------------------------------------------------------------- step3/04
  {
    id: "step3/04 softmax: the largest score not subtracted",
    file: S3_04,
    edits: [[
      "  const exps = logits.map((v) => exp(add(v, -max)));",
      "  const exps = logits.map((v) => exp(v));",
    ]],
    names: ["largest"],
  },
  {
    id: "step3/04 softmax: the largest score added",
    file: S3_04,
    edits: [[
      "  const exps = logits.map((v) => exp(add(v, -max)));",
      "  const exps = logits.map((v) => exp(add(v, max)));",
    ]],
    names: ["largest"],
  },
  {
    id: "step3/04 softmax: not divided by the total",
    file: S3_04,
    edits: [[
      "  return exps.map((e) => mul(e, inverse));",
      "  return exps;",
    ]],
    names: ["total"],
  },
  {
    id: "step3/04 attentionWeights: scores not scaled by √d",
    file: S3_04,
    edits: [[
      "  const scale = Math.sqrt(q.length) ** -1;",
      "  const scale = 1;",
    ]],
    names: ["√d"],
  },
  {
    id: "step3/04 attentionWeights: scores divided by d",
    file: S3_04,
    edits: [[
      "  const scale = Math.sqrt(q.length) ** -1;",
      "  const scale = q.length ** -1;",
    ]],
    names: ["√d"],
  },
  {
    id: "step3/04 attentionWeights: scores divided by √(number of keys)",
    file: S3_04,
    edits: [[
      "  const scale = Math.sqrt(q.length) ** -1;",
      "  const scale = Math.sqrt(keys.length) ** -1;",
    ]],
    names: ["√d", "query"],
  },
  {
    id: "step3/04 attentionWeights: scores multiplied by √d",
    file: S3_04,
    edits: [[
      "  const scale = Math.sqrt(q.length) ** -1;",
      "  const scale = Math.sqrt(q.length);",
    ]],
    names: ["√d"],
  },
  {
    id: "step3/04 weightedSum: one dot per position, not per dimension",
    file: S3_04,
    edits: [[
      "  for (let j = 0; j < values[0].length; j++) {\n" +
      "    out.push(dot(weights, values.map((v) => v[j])));\n  }",
      "  for (const v of values) out.push(dot(weights, v));",
    ]],
    names: ["over the positions"],
  },
  // ---------------------------------------------------------------- step3/05
  {
    id: "step3/05 emptyCache: one cache shared by every name",
    file: S3_05,
    edits: [[
      "export function emptyCache(): KVCache {\n  return { keys: [], values: [] };",
      "const CACHE: KVCache = { keys: [], values: [] };\n" +
      "export function emptyCache(): KVCache {\n  return CACHE;",
    ]],
    names: ["share"],
  },
  {
    id: "step3/05 attentionBlock: the residual taken after its rmsnorm",
    file: S3_05,
    edits: [[
      ATTN_RETURN,
      "  return addResidual(linear(out, weights.attnWo), xn);",
    ]],
    names: ["residual", "rmsnorm"],
  },
  {
    id: "step3/05 attentionBlock: no residual",
    file: S3_05,
    edits: [[ATTN_RETURN, "  return linear(out, weights.attnWo);"]],
    names: ["without its residual"],
  },
  {
    id: "step3/05 attentionBlock: no rmsnorm",
    file: S3_05,
    edits: [["  const xn = rmsnorm(x);", "  const xn = x;"]],
    names: ["rmsnorm"],
  },
  {
    id: "step3/05 attentionBlock: the query made with attnWk",
    file: S3_05,
    edits: [[
      "  const q = linear(xn, weights.attnWq);",
      "  const q = linear(xn, weights.attnWk);",
    ]],
    names: ["attnWq"],
  },
  {
    id: "step3/05 attentionBlock: the key made with attnWq",
    file: S3_05,
    edits: [[
      "  cache.keys.push(linear(xn, weights.attnWk));",
      "  cache.keys.push(linear(xn, weights.attnWq));",
    ]],
    names: ["attnWk"],
  },
  {
    id: "step3/05 attentionBlock: the value made with attnWk (copy-paste)",
    file: S3_05,
    edits: [[
      "  cache.values.push(linear(xn, weights.attnWv));",
      "  cache.values.push(linear(xn, weights.attnWk));",
    ]],
    names: ["attnWv"],
  },
  {
    id: "step3/05 attentionBlock: no output projection attnWo",
    file: S3_05,
    edits: [[ATTN_RETURN, "  return addResidual(out, x);"]],
    names: ["attnWo"],
  },
  {
    id: "step3/05 attentionBlock: weighs the keys instead of the values",
    file: S3_05,
    edits: [[
      "  const out = weightedSum(w, cache.values);",
      "  const out = weightedSum(w, cache.keys);",
    ]],
    names: ["values"],
  },
  {
    id: "step3/05 attentionBlock: key and value appended after attending",
    file: S3_05,
    edits: [
      [ATTN_KV, ""],
      [
        "  const out = weightedSum(w, cache.values);\n",
        "  const out = weightedSum(w, cache.values);\n" + ATTN_KV,
      ],
    ],
    names: ["before attending"],
  },
  {
    id: "step3/05 attentionBlock: the cache holds copies (new leaves)",
    file: S3_05,
    edits: [
      [
        'import { add, type Value } from "../step2/01_value.ts";',
        'import { add, Value } from "../step2/01_value.ts";',
      ],
      [
        ATTN_KV,
        "  const copy = (vs: Value[]) => vs.map((v) => new Value(v.data));\n" +
        "  cache.keys.push(copy(linear(xn, weights.attnWk)));\n" +
        "  cache.values.push(copy(linear(xn, weights.attnWv)));\n",
      ],
    ],
    names: ["copies"],
  },
  {
    id: "step3/05 mlpBlock: no residual",
    file: S3_05,
    edits: [[
      MLP_BODY,
      MLP_BODY.replace(
        "addResidual(linear(h, weights.mlpFc2), x)",
        "linear(h, weights.mlpFc2)",
      ),
    ]],
    names: ["MLP", "without its residual"],
  },
  {
    id: "step3/05 mlpBlock: the residual taken after its rmsnorm",
    file: S3_05,
    edits: [[
      MLP_BODY,
      "  const xn = rmsnorm(x);\n" +
      "  const h = linear(xn, weights.mlpFc1).map((v) => relu(v));\n" +
      "  return addResidual(linear(h, weights.mlpFc2), xn);",
    ]],
    names: ["MLP", "residual", "rmsnorm"],
  },
  {
    id: "step3/05 mlpBlock: no rmsnorm",
    file: S3_05,
    edits: [[
      "  const h = linear(rmsnorm(x), weights.mlpFc1)",
      "  const h = linear(x, weights.mlpFc1)",
    ]],
    names: ["MLP", "rmsnorm"],
  },
  {
    id: "step3/05 mlpBlock: no ReLU",
    file: S3_05,
    edits: [[
      "  const h = linear(rmsnorm(x), weights.mlpFc1).map((v) => relu(v));",
      "  const h = linear(rmsnorm(x), weights.mlpFc1).map((v) => v);",
    ]],
    names: ["ReLU"],
  },
  {
    id: "step3/05 mlpBlock: ReLU after the second layer too",
    file: S3_05,
    edits: [[
      "  return addResidual(linear(h, weights.mlpFc2), x);",
      "  return addResidual(linear(h, weights.mlpFc2).map((v) => relu(v)), x);",
    ]],
    names: ["ReLU", "mlpFc2"],
  },
  {
    id: "step3/05 mlpBlock: ReLU on the input instead of after mlpFc1",
    file: S3_05,
    edits: [[
      "  const h = linear(rmsnorm(x), weights.mlpFc1).map((v) => relu(v));",
      "  const h = linear(rmsnorm(x).map((v) => relu(v)), weights.mlpFc1);",
    ]],
    names: ["ReLU"],
  },
  {
    id: "step3/05 gpt: no rmsnorm of the embedding",
    file: S3_05,
    edits: [[
      GPT3_BODY,
      GPT3_BODY.replace(
        "let x = rmsnorm(embed(model.wte, model.wpe, token, pos));",
        "let x = embed(model.wte, model.wpe, token, pos);",
      ),
    ]],
    names: ["rmsnorm", "embed"],
  },
  {
    id: "step3/05 gpt: rmsnorm before lmHead (as GPT-2's final norm)",
    file: S3_05,
    edits: [[
      GPT3_BODY,
      GPT3_BODY.replace(
        "return linear(x, model.lmHead);",
        "return linear(rmsnorm(x), model.lmHead);",
      ),
    ]],
    names: ["rmsnorm", "lmHead"],
  },
  {
    id: "step3/05 gpt: the MLP block before the attention block",
    file: S3_05,
    edits: [[
      GPT3_BODY,
      "  let x = rmsnorm(embed(model.wte, model.wpe, token, pos));\n" +
      "  x = mlpBlock(model, x);\n" +
      "  x = attentionBlock(model, x, cache, trace);\n" +
      "  return linear(x, model.lmHead);",
    ]],
    names: ["MLP", "attention", "order"],
  },
  {
    id: "step3/05 gpt: the position embedding of position 0 everywhere",
    file: S3_05,
    edits: [[
      "embed(model.wte, model.wpe, token, pos)",
      "embed(model.wte, model.wpe, token, 0)",
    ]],
    names: ["wpe[pos]"],
  },
  // ---------------------------------------------------------------- step3/06
  {
    id: "step3/06 forward: n = min(blockSize, tokens.length), without the − 1",
    file: S3_06,
    edits: [[N3, "  const n = Math.min(CONFIG.blockSize, tokens.length);"]],
    names: ["tokens.length − 1"],
  },
  {
    id: "step3/06 forward: n = tokens.length − 1, without the blockSize limit",
    file: S3_06,
    edits: [[N3, "  const n = tokens.length - 1;"]],
    names: ["blockSize"],
  },
  {
    id: "step3/06 forward: the target is tokens[pos]",
    file: S3_06,
    edits: [[TARGET, "    losses.push(neg(log(probs[tokens[pos]])));"]],
    names: ["tokens[pos + 1]"],
  },
  {
    id: "step3/06 forward: the sum of the losses, not their mean",
    file: S3_06,
    edits: [[
      "  return mul(1 / n, fusedSum(losses));",
      "  return fusedSum(losses);",
    ]],
    names: ["mean"],
  },
  {
    id: "step3/06 forward: divided by tokens.length instead of n",
    file: S3_06,
    edits: [[
      "  return mul(1 / n, fusedSum(losses));",
      "  return mul(1 / tokens.length, fusedSum(losses));",
    ]],
    names: ["tokens.length"],
  },
  {
    id: "step3/06 forward: one cache kept for every name",
    file: S3_06,
    edits: [
      ["  const cache = emptyCache();\n", ""],
      [
        "export function forward(",
        "const cache = emptyCache();\nexport function forward(",
      ],
    ],
    names: ["fresh"],
  },
  {
    id: "step3/06 train: no learning-rate decay",
    file: S3_06,
    edits: [[LR, "    const lr = options.lr0;"]],
    names: ["decay"],
  },
  {
    id: "step3/06 train: the guide's 0.1, ignoring lr0",
    file: S3_06,
    edits: [[LR, "    const lr = learningRate(step, options.steps, 0.1);"]],
    names: ["lr0"],
  },
  {
    id: "step3/06 train: the gradients never zeroed (own SGD loop)",
    file: S3_06,
    edits: [[SGD_UPDATE, "    for (const p of params) p.data -= lr * p.grad;"]],
    names: ["zero"],
  },
  {
    id: "step3/06 train: docs[step], without % docs.length",
    file: S3_06,
    edits: [[
      "    const loss = forward(model, docs[step % docs.length]);",
      "    const loss = forward(model, docs[step]);",
    ]],
    names: ["docs.length"],
  },
  {
    id: "step3/06 train: backward forgotten",
    file: S3_06,
    edits: [["    backward(loss);\n", ""]],
    names: ["backward"],
  },
  // ---------------------------------------------------------------- step3/07
  {
    id: "step3/07 sample: BOS kept before the stop check",
    file: S3_07,
    edits: [[
      SAMPLE_STOP,
      "    ids.push(token);\n    if (token === tokenizer.bos) break;",
    ]],
    names: ["BOS"],
  },
  {
    id: "step3/07 sample: one cache kept for every name",
    file: S3_07,
    edits: [
      ["  const cache = emptyCache();\n", ""],
      [
        "export function sample(",
        "const cache = emptyCache();\nexport function sample(",
      ],
    ],
    names: ["fresh"],
  },
  {
    id: "step3/07 sample: logits multiplied by the temperature",
    file: S3_07,
    edits: [[
      "  const scale = options.temperature ** -1;",
      "  const scale = options.temperature;",
    ]],
    names: ["temperature"],
  },
  {
    id: "step3/07 sample: no temperature",
    file: S3_07,
    edits: [[
      "  const scale = options.temperature ** -1;",
      "  const scale = 1;",
    ]],
    names: ["temperature"],
  },
  {
    id: "step3/07 sample: no blockSize limit",
    file: S3_07,
    edits: [[
      "  const positions = Math.min(options.maxLength, CONFIG.blockSize);",
      "  const positions = options.maxLength;",
    ]],
    names: ["blockSize"],
  },
  {
    id: "step3/07 sample: feeds BOS at every position",
    file: S3_07,
    edits: [[
      "    const logits = gpt(model, token, pos, cache)",
      "    const logits = gpt(model, tokenizer.bos, pos, cache)",
    ]],
    names: ["drawn"],
  },
  {
    id: "step3/07 sample: one position too many (pos <= positions)",
    file: S3_07,
    edits: [[
      "  for (let pos = 0; pos < positions; pos++) {",
      "  for (let pos = 0; pos <= positions; pos++) {",
    ]],
    names: ["maxLength"],
  },
  // ---------------------------------------------------------------- step4/01
  {
    id: "step4/01 headSlice: starts at h, not h · headDim",
    file: S4_01,
    edits: [[
      "  return vector.slice(h * headDim, (h + 1) * headDim);",
      "  return vector.slice(h, h + headDim);",
    ]],
    names: ["h · headDim"],
  },
  {
    id: "step4/01 headSlice: slice(start, headDim), a length for the end",
    file: S4_01,
    edits: [[
      "  return vector.slice(h * headDim, (h + 1) * headDim);",
      "  return vector.slice(h * headDim, headDim);",
    ]],
    names: ["end"],
  },
  {
    id: "step4/01 multiHeadAttention: every head uses head 0's query",
    file: S4_01,
    edits: [[
      "      headSlice(q, h, headDim),",
      "      headSlice(q, 0, headDim),",
    ]],
    names: ["query"],
  },
  {
    id: "step4/01 multiHeadAttention: the keys not sliced",
    file: S4_01,
    edits: [[
      "      keys.map((k) => headSlice(k, h, headDim)),",
      "      keys.map((k) => [...k]),",
    ]],
    names: ["keys"],
  },
  {
    id: "step4/01 multiHeadAttention: the values not sliced",
    file: S4_01,
    edits: [[
      "      ...weightedSum(w, values.map((v) => headSlice(v, h, headDim))),",
      "      ...weightedSum(w, values.map((v) => [...v])),",
    ]],
    names: ["values"],
  },
  {
    id: "step4/01 multiHeadAttention: scores divided by √nEmbd",
    file: S4_01,
    edits: [
      [
        'import type { Value } from "../step2/01_value.ts";',
        'import { mul, type Value } from "../step2/01_value.ts";\n' +
        'import { dot } from "../step3/01_fused_nodes.ts";',
      ],
      [
        'import { attentionWeights, weightedSum } from "../step3/04_attention.ts";',
        'import { softmax, weightedSum } from "../step3/04_attention.ts";',
      ],
      [
        "    const w = attentionWeights(\n" +
        "      headSlice(q, h, headDim),\n" +
        "      keys.map((k) => headSlice(k, h, headDim)),\n    );",
        "    const qh = headSlice(q, h, headDim);\n" +
        "    const scale = Math.sqrt(q.length) ** -1;\n" +
        "    const w = softmax(\n" +
        "      keys.map((k) => mul(dot(qh, headSlice(k, h, headDim)), scale)),\n    );",
      ],
    ],
    names: ["√headDim"],
  },
  {
    id: "step4/01 multiHeadAttention: heads concatenated last first",
    file: S4_01,
    edits: [[
      "    out.push(\n      ...weightedSum(w, values.map((v) => headSlice(v, h, headDim))),\n    );",
      "    out.unshift(\n      ...weightedSum(w, values.map((v) => headSlice(v, h, headDim))),\n    );",
    ]],
    names: ["head 0 first"],
  },
  {
    id: "step4/01 multiHeadAttention: trace not filled",
    file: S4_01,
    edits: [["    trace?.push(w.map((v) => v.data));\n", ""]],
    names: ["trace"],
  },
  // ---------------------------------------------------------------- step4/02
  {
    id: "step4/02 initModel: lmHead drawn last, as in Step 3",
    file: S4_02,
    edits: [
      ["  const lmHead = valueMatrix(vocabSize, nEmbd, rng);\n", ""],
      [
        "  return { wte, wpe, lmHead, layers };",
        "  const lmHead = valueMatrix(vocabSize, nEmbd, rng);\n" +
        "  return { wte, wpe, lmHead, layers };",
      ],
    ],
    names: ["lmHead", "third"],
  },
  {
    id: "step4/02 initModel: the MLP drawn before the attention matrices",
    file: S4_02,
    edits: [[
      "    layers.push({\n" +
      "      attnWq: valueMatrix(nEmbd, nEmbd, rng),\n" +
      "      attnWk: valueMatrix(nEmbd, nEmbd, rng),\n" +
      "      attnWv: valueMatrix(nEmbd, nEmbd, rng),\n" +
      "      attnWo: valueMatrix(nEmbd, nEmbd, rng),\n" +
      "      mlpFc1: valueMatrix(4 * nEmbd, nEmbd, rng),\n" +
      "      mlpFc2: valueMatrix(nEmbd, 4 * nEmbd, rng),\n    });",
      "    const mlpFc1 = valueMatrix(4 * nEmbd, nEmbd, rng);\n" +
      "    const mlpFc2 = valueMatrix(nEmbd, 4 * nEmbd, rng);\n" +
      "    layers.push({\n" +
      "      attnWq: valueMatrix(nEmbd, nEmbd, rng),\n" +
      "      attnWk: valueMatrix(nEmbd, nEmbd, rng),\n" +
      "      attnWv: valueMatrix(nEmbd, nEmbd, rng),\n" +
      "      attnWo: valueMatrix(nEmbd, nEmbd, rng),\n" +
      "      mlpFc1,\n      mlpFc2,\n    });",
    ]],
    names: ["order"],
  },
  {
    id: "step4/02 initModel: always one layer (nLayer ignored)",
    file: S4_02,
    edits: [[
      "  for (let i = 0; i < config.nLayer; i++) {",
      "  for (let i = 0; i < 1; i++) {",
    ]],
    names: ["nLayer"],
  },
  {
    id: "step4/02 parameters: lmHead left out",
    file: S4_02,
    edits: [[
      "  const matrices: Matrix[] = [model.wte, model.wpe, model.lmHead];",
      "  const matrices: Matrix[] = [model.wte, model.wpe];",
    ]],
    names: ["parameters()", "lmHead"],
  },
  {
    id: "step4/02 parameters: lmHead listed last",
    file: S4_02,
    edits: [
      [
        "  const matrices: Matrix[] = [model.wte, model.wpe, model.lmHead];",
        "  const matrices: Matrix[] = [model.wte, model.wpe];",
      ],
      [
        "  return matrices.flat(2);",
        "  matrices.push(model.lmHead);\n  return matrices.flat(2);",
      ],
    ],
    names: ["parameters()", "order"],
  },
  // ---------------------------------------------------------------- step4/03
  {
    id: "step4/03 emptyCaches: fill() puts one cache in every slot",
    file: S4_03,
    edits: [[
      "  return Array.from({ length: nLayer }, () => emptyCache());",
      "  return new Array(nLayer).fill(emptyCache());",
    ]],
    names: ["same object"],
  },
  {
    id: "step4/03 gpt: every layer uses caches[0]",
    file: S4_03,
    edits: [[
      "    x = multiHeadBlock(layer, x, caches[li], nHead, trace);",
      "    x = multiHeadBlock(layer, x, caches[0], nHead, trace);",
    ]],
    names: ["caches[li]"],
  },
  {
    id: "step4/03 gpt: every layer runs layer 0's weights",
    file: S4_03,
    edits: [[
      "    x = multiHeadBlock(layer, x, caches[li], nHead, trace);\n" +
      "    x = mlpBlock(layer, x);",
      "    x = multiHeadBlock(model.layers[0], x, caches[li], nHead, trace);\n" +
      "    x = mlpBlock(model.layers[0], x);",
    ]],
    names: ["own weights"],
  },
  {
    id: "step4/03 gpt: the MLP block once, after all the layers",
    file: S4_03,
    edits: [[
      "    x = mlpBlock(layer, x);\n  });",
      "  });\n  x = mlpBlock(model.layers[model.layers.length - 1], x);",
    ]],
    names: ["MLP", "every layer"],
  },
  {
    id: "step4/03 gpt: one head by default",
    file: S4_03,
    edits: [["  nHead: number = CONFIG.nHead,", "  nHead: number = 1,"]],
    names: ["4 heads"],
  },
  {
    id: "step4/03 multiHeadBlock: the residual taken after its rmsnorm",
    file: S4_03,
    edits: [[
      "  return addResidual(linear(out, layer.attnWo), x);",
      "  return addResidual(linear(out, layer.attnWo), xn);",
    ]],
    names: ["residual", "rmsnorm"],
  },
  {
    id: "step4/03 multiHeadBlock: key and value appended after attending",
    file: S4_03,
    edits: [
      [MHB_KV, ""],
      [
        "  const out = multiHeadAttention(q, cache.keys, cache.values, nHead, trace);\n",
        "  const out = multiHeadAttention(q, cache.keys, cache.values, nHead, trace);\n" +
        MHB_KV,
      ],
    ],
    names: ["before attending"],
  },
  {
    id: "step4/03 multiHeadBlock: the value made with attnWk",
    file: S4_03,
    edits: [[
      "  cache.values.push(linear(xn, layer.attnWv));",
      "  cache.values.push(linear(xn, layer.attnWk));",
    ]],
    names: ["attnWv"],
  },
  // ---------------------------------------------------------------- step4/04
  {
    id: "step4/04 forward: caches sized by CONFIG.nLayer",
    file: S4_04,
    edits: [[
      "  const caches = emptyCaches(model.layers.length);\n  const losses",
      "  const caches = emptyCaches(CONFIG.nLayer);\n  const losses",
    ]],
    names: ["one cache per layer"],
  },
  {
    id: "step4/04 forward: n = min(blockSize, tokens.length), without the − 1",
    file: S4_04,
    edits: [[N3, "  const n = Math.min(CONFIG.blockSize, tokens.length);"]],
    names: ["tokens.length − 1"],
  },
  {
    id: "step4/04 forward: n = tokens.length − 1, without the blockSize limit",
    file: S4_04,
    edits: [[N3, "  const n = tokens.length - 1;"]],
    names: ["blockSize"],
  },
  {
    id: "step4/04 forward: the target is tokens[pos]",
    file: S4_04,
    edits: [[TARGET, "    losses.push(neg(log(probs[tokens[pos]])));"]],
    names: ["tokens[pos + 1]"],
  },
  {
    id: "step4/04 forward: one set of caches kept for every name",
    file: S4_04,
    edits: [
      [
        "  const caches = emptyCaches(model.layers.length);\n  const losses",
        "  const losses",
      ],
      [
        "export function forward(",
        "let caches: ReturnType<typeof emptyCaches> | undefined;\n" +
        "export function forward(",
      ],
      [
        "  for (let pos = 0; pos < n; pos++) {\n    const probs",
        "  caches ??= emptyCaches(model.layers.length);\n" +
        "  for (let pos = 0; pos < n; pos++) {\n    const probs",
      ],
    ],
    names: ["fresh"],
  },
  {
    id: "step4/04 train: no learning-rate decay",
    file: S4_04,
    edits: [[LR, "    const lr = options.lr0;"]],
    names: ["decay"],
  },
  {
    id: "step4/04 train: the guide's 0.1, ignoring lr0",
    file: S4_04,
    edits: [[LR, "    const lr = learningRate(step, options.steps, 0.1);"]],
    names: ["lr0"],
  },
  {
    id: "step4/04 train: the gradients never zeroed (own SGD loop)",
    file: S4_04,
    edits: [[SGD_UPDATE, "    for (const p of params) p.data -= lr * p.grad;"]],
    names: ["zero"],
  },
  {
    id: "step4/04 sample: BOS kept before the stop check",
    file: S4_04,
    edits: [[
      SAMPLE_STOP,
      "    ids.push(token);\n    if (token === tokenizer.bos) break;",
    ]],
    names: ["BOS"],
  },
  {
    id: "step4/04 sample: one set of caches for one layer",
    file: S4_04,
    edits: [[
      "  const caches = emptyCaches(model.layers.length);\n  const ids",
      "  const caches = emptyCaches(1);\n  const ids",
    ]],
    names: ["one cache per layer"],
  },
  {
    id: "step4/04 sample: no blockSize limit",
    file: S4_04,
    edits: [[
      "  const positions = Math.min(options.maxLength, CONFIG.blockSize);",
      "  const positions = options.maxLength;",
    ]],
    names: ["blockSize"],
  },
  {
    id: "step4/04 sample: logits multiplied by the temperature",
    file: S4_04,
    edits: [[
      "  const scale = options.temperature ** -1;",
      "  const scale = options.temperature;",
    ]],
    names: ["temperature"],
  },
  // ---------------------------------------------------------------- step5/01
  {
    id: "step5/01 ema: β weighs x, 1 − β the average",
    file: S5_01,
    edits: [[
      "  return beta * average + (1 - beta) * x;",
      "  return beta * x + (1 - beta) * average;",
    ]],
    names: ["β weighs the old average"],
  },
  {
    id: "step5/01 ema: the new number not weighed by 1 − β",
    file: S5_01,
    edits: [[
      "  return beta * average + (1 - beta) * x;",
      "  return beta * average + x;",
    ]],
    names: ["(1 − β)"],
  },
  {
    id: "step5/01 biasCorrected: (1 − β)^t",
    file: S5_01,
    edits: [[
      "  return average / (1 - beta ** t);",
      "  return average / (1 - beta) ** t;",
    ]],
    names: ["(1 − β)^t"],
  },
  {
    id: "step5/01 biasCorrected: multiplies by 1 − β^t",
    file: S5_01,
    edits: [[
      "  return average / (1 - beta ** t);",
      "  return average * (1 - beta ** t);",
    ]],
    names: ["divides"],
  },
  {
    id: "step5/01 biasCorrected: 1 − β^(t + 1)",
    file: S5_01,
    edits: [[
      "  return average / (1 - beta ** t);",
      "  return average / (1 - beta ** (t + 1));",
    ]],
    names: ["t + 1"],
  },
  {
    id: "step5/01 biasCorrected: 1 − β·t",
    file: S5_01,
    edits: [[
      "  return average / (1 - beta ** t);",
      "  return average / (1 - beta * t);",
    ]],
    names: ["β^t"],
  },
  // ---------------------------------------------------------------- step5/02
  {
    id: "step5/02 adamUpdate: β₁ and β₂ swapped",
    file: S5_02,
    edits: [
      [ADAM_M, "    state.m[i] = ema(state.m[i], g, beta2);"],
      [ADAM_V, "    state.v[i] = ema(state.v[i], g ** 2, beta1);"],
      [
        ADAM_MHAT,
        "    const mHat = biasCorrected(state.m[i], beta2, step + 1);",
      ],
      [
        ADAM_VHAT,
        "    const vHat = biasCorrected(state.v[i], beta1, step + 1);",
      ],
    ],
    names: ["β₁", "β₂", "swapped"],
  },
  {
    id: "step5/02 adamUpdate: m averages g²",
    file: S5_02,
    edits: [[ADAM_M, "    state.m[i] = ema(state.m[i], g ** 2, beta1);"]],
    names: ["m", "g²"],
  },
  {
    id: "step5/02 adamUpdate: v averages g, not g²",
    file: S5_02,
    edits: [[ADAM_V, "    state.v[i] = ema(state.v[i], g, beta2);"]],
    names: ["v", "g²"],
  },
  {
    id: "step5/02 adamUpdate: m not bias-corrected",
    file: S5_02,
    edits: [[ADAM_MHAT, "    const mHat = state.m[i];"]],
    names: ["m", "bias correction"],
  },
  {
    id: "step5/02 adamUpdate: v not bias-corrected",
    file: S5_02,
    edits: [[ADAM_VHAT, "    const vHat = state.v[i];"]],
    names: ["v", "bias correction"],
  },
  {
    id: "step5/02 adamUpdate: t = step",
    file: S5_02,
    edits: [
      [ADAM_MHAT, "    const mHat = biasCorrected(state.m[i], beta1, step);"],
      [ADAM_VHAT, "    const vHat = biasCorrected(state.v[i], beta2, step);"],
    ],
    names: ["t = step + 1"],
  },
  {
    id: "step5/02 adamUpdate: v bias-corrected with β₁",
    file: S5_02,
    edits: [[
      ADAM_VHAT,
      "    const vHat = biasCorrected(state.v[i], beta1, step + 1);",
    ]],
    names: ["β₂"],
  },
  {
    id: "step5/02 adamUpdate: ε inside the root",
    file: S5_02,
    edits: [[ADAM_STEP, "    p.data -= (lr * mHat) / (vHat + eps) ** 0.5;"]],
    names: ["ε", "outside"],
  },
  {
    id: "step5/02 adamUpdate: no root of v̂",
    file: S5_02,
    edits: [[ADAM_STEP, "    p.data -= (lr * mHat) / (vHat + eps);"]],
    names: ["√v̂"],
  },
  {
    id: "step5/02 adamUpdate: ε outside the division (no parentheses)",
    file: S5_02,
    edits: [[ADAM_STEP, "    p.data -= lr * mHat / vHat ** 0.5 + eps;"]],
    names: ["ε", "parentheses"],
  },
  {
    id: "step5/02 adamUpdate: steps along the gradient (+=)",
    file: S5_02,
    edits: [[ADAM_STEP, "    p.data += (lr * mHat) / (vHat ** 0.5 + eps);"]],
    names: ["against"],
  },
  {
    id: "step5/02 adamUpdate: gradients not set back to 0",
    file: S5_02,
    edits: [["    p.grad = 0;\n", ""]],
    names: ["back to 0"],
  },
  {
    id: "step5/02 adamUpdate: one m and v for every parameter (index 0)",
    file: S5_02,
    edits: [
      [ADAM_M, "    state.m[0] = ema(state.m[0], g, beta1);"],
      [ADAM_V, "    state.v[0] = ema(state.v[0], g ** 2, beta2);"],
      [
        ADAM_MHAT,
        "    const mHat = biasCorrected(state.m[0], beta1, step + 1);",
      ],
      [
        ADAM_VHAT,
        "    const vHat = biasCorrected(state.v[0], beta2, step + 1);",
      ],
    ],
    names: ["parameter i"],
  },
  {
    id: "step5/02 adamState: m and v are one array",
    file: S5_02,
    edits: [[
      "  return { m: new Array(size).fill(0), v: new Array(size).fill(0) };",
      "  const zeros = new Array(size).fill(0);\n  return { m: zeros, v: zeros };",
    ]],
    names: ["same array"],
  },
  // ---------------------------------------------------------------- step5/03
  {
    id: "step5/03 train: no learning-rate decay",
    file: S5_03,
    edits: [[LR, "    const lr = options.lr0;"]],
    names: ["decay"],
  },
  {
    id: "step5/03 train: the guide's 0.01, ignoring lr0",
    file: S5_03,
    edits: [[LR, "    const lr = learningRate(step, options.steps, 0.01);"]],
    names: ["lr0"],
  },
  {
    id: "step5/03 train: a fresh Adam state at every step",
    file: S5_03,
    edits: [
      ["  const state = adamState(params.length);\n", ""],
      [
        ADAM_CALL,
        "    adamUpdate(params, adamState(params.length), lr, step);",
      ],
    ],
    names: ["once"],
  },
  {
    id: "step5/03 train: still Step 4's SGD",
    file: S5_03,
    edits: [
      [
        'import { backward } from "../step2/03_backward.ts";',
        'import { backward } from "../step2/03_backward.ts";\n' +
        'import { sgdUpdate } from "../step2/06_training.ts";',
      ],
      [ADAM_CALL, "    sgdUpdate(params, lr);"],
    ],
    names: ["SGD"],
  },
  {
    id: "step5/03 train: adamUpdate given step + 1",
    file: S5_03,
    edits: [[ADAM_CALL, "    adamUpdate(params, state, lr, step + 1);"]],
    names: ["step + 1"],
  },
  {
    id: "step5/03 train: backward forgotten",
    file: S5_03,
    edits: [["    backward(loss);\n", ""]],
    names: ["backward"],
  },
  // ------------------------------------------------------------------------
  // A second batch, written after the tests, to see how they do on mistakes
  // they were not designed around (see README.md).
  {
    id: "step3/05 attentionBlock: trace not filled (later batch)",
    file: S3_05,
    edits: [["  trace?.push(w.map((v) => v.data));\n", ""]],
    names: ["trace"],
  },
  {
    id:
      "step3/05 attentionBlock: k and v from x, only q from rmsnorm(x) (later batch)",
    file: S3_05,
    edits: [[ATTN_KV, ATTN_KV.replaceAll("linear(xn,", "linear(x,")]],
    names: ["rmsnorm"],
  },
  {
    id: "step3/05 mlpBlock: mlpFc1 for both layers (copy-paste) (later batch)",
    file: S3_05,
    edits: [[
      "  return addResidual(linear(h, weights.mlpFc2), x);",
      "  return addResidual(linear(h, weights.mlpFc1), x);",
    ]],
    names: ["mlpFc2"],
  },
  {
    id: "step3/02 embed: wte[pos] + wpe[token] (later batch)",
    file: S3_02,
    edits: [[
      "  return wte[token].map((t, j) => add(t, wpe[pos][j]));",
      "  return wte[pos].map((t, j) => add(t, wpe[token][j]));",
    ]],
    names: ["wte[token]"],
  },
  {
    id: "step3/06 forward: log p without the minus (later batch)",
    file: S3_06,
    edits: [[TARGET, "    losses.push(log(probs[tokens[pos + 1]]));"]],
    names: ["sign"],
  },
  {
    id: "step4/01 multiHeadAttention: headDim = nHead (later batch)",
    file: S4_01,
    edits: [[
      "  const headDim = q.length / nHead;",
      "  const headDim = nHead;",
    ]],
    names: ["headDim"],
  },
  {
    id: "step4/03 gpt: no rmsnorm of the embedding (later batch)",
    file: S4_03,
    edits: [[
      "  let x = rmsnorm(embed(model.wte, model.wpe, token, pos));",
      "  let x = embed(model.wte, model.wpe, token, pos);",
    ]],
    names: ["rmsnorm", "embed"],
  },
  {
    id: "step4/04 sample: maxLength ignored, blockSize only (later batch)",
    file: S4_04,
    edits: [[
      "  const positions = Math.min(options.maxLength, CONFIG.blockSize);",
      "  const positions = CONFIG.blockSize;",
    ]],
    names: ["maxLength"],
  },
  {
    id: "step5/03 train: the learning rate decays from step + 1 (later batch)",
    file: S5_03,
    edits: [[
      LR,
      "    const lr = learningRate(step + 1, options.steps, options.lr0);",
    ]],
    names: ["decay|lr0 · (1 − s"],
  },
  // ------------------------------------------------------------------------
  // A third batch, written after the second batch's fixes and run once,
  // without changing the tests for it (see README.md).
  {
    id: "step3/01 fusedSum: local gradients 0 (third batch)",
    file: S3_01,
    edits: [["    localGrads.push(1);", "    localGrads.push(0);"]],
    names: ["local gradient"],
  },
  {
    id: "step3/04 softmax: divided by the sum of the scores (third batch)",
    file: S3_04,
    edits: [[
      "  const inverse = pow(fusedSum(exps), -1);",
      "  const inverse = pow(fusedSum(logits), -1);",
    ]],
    names: ["total"],
  },
  {
    id:
      "step3/05 attentionBlock: the residual added before attnWo (third batch)",
    file: S3_05,
    edits: [[
      ATTN_RETURN,
      "  return linear(addResidual(out, x), weights.attnWo);",
    ]],
    names: ["residual", "attnWo"],
  },
  {
    id: "step3/06 forward: positions from 1 (third batch)",
    file: S3_06,
    edits: [[
      "  for (let pos = 0; pos < n; pos++) {",
      "  for (let pos = 1; pos < n; pos++) {",
    ]],
    names: ["position 0|pos = 0|from 0"],
  },
  {
    id: "step4/03 gpt: the attention block's output discarded (third batch)",
    file: S4_03,
    edits: [[
      "    x = multiHeadBlock(layer, x, caches[li], nHead, trace);",
      "    multiHeadBlock(layer, x, caches[li], nHead, trace);",
    ]],
    names: ["attention", "MLP"],
  },
  {
    id: "step4/04 forward: n = min(blockSize, tokens.length) − 1 (third batch)",
    file: S4_04,
    edits: [[N3, "  const n = Math.min(CONFIG.blockSize, tokens.length) - 1;"]],
    names: ["blockSize"],
  },
  {
    id:
      "step5/01 biasCorrected: average / 1 − β^t, no parentheses (third batch)",
    file: S5_01,
    edits: [[
      "  return average / (1 - beta ** t);",
      "  return average / 1 - beta ** t;",
    ]],
    names: ["divides|/ (1 − β^t)"],
  },
  {
    id:
      "step5/02 adamUpdate: m̂ with t = step, v̂ with t = step + 1 (third batch)",
    file: S5_02,
    edits: [[
      ADAM_MHAT,
      "    const mHat = biasCorrected(state.m[i], beta1, step);",
    ]],
    names: ["t = step + 1"],
  },
];
