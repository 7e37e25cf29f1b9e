/**
 * A fresh batch of 30 learner mistakes in Steps 3–5, written without
 * reading the tests or the main catalogue, to check how well the tests
 * diagnose mistakes they were not written for.
 *
 * `names`: every entry must occur in the first failure's message
 * (case-insensitive); `a|b` means either. Chosen before the first run.
 *
 * @module
 */

import type { Mistake } from "./catalogue.ts";

export const CATALOGUE: Mistake[] = [
  // ---------------------------------------------------------------- Step 3
  {
    // dot's local gradient of aⱼ set to aⱼ's own data (and bⱼ's to bⱼ's).
    id: "fresh s3 dot: local gradient of a[j] is a[j].data, not b[j].data",
    file: "step3/01_fused_nodes.ts",
    edits: [[
      "localGrads[2 * j] = b[j].data;\n    localGrads[2 * j + 1] = a[j].data;",
      "localGrads[2 * j] = a[j].data;\n    localGrads[2 * j + 1] = b[j].data;",
    ]],
    names: ["local grad|localGrad|∂"],
  },
  {
    // wpe drawn nEmbd × nEmbd: equal to blockSize × nEmbd with the guide's
    // sizes, wrong for any other config.
    id: "fresh s3 initModel: wpe has nEmbd rows instead of blockSize",
    file: "step3/02_parameters.ts",
    edits: [[
      "const wpe = valueMatrix(blockSize, nEmbd, rng);",
      "const wpe = valueMatrix(nEmbd, nEmbd, rng);",
    ]],
    names: ["wpe|position embedding", "blockSize"],
  },
  {
    // The root forgotten: (ms + ε)^−1 instead of (ms + ε)^−0.5.
    id: "fresh s3 rmsnorm: scale (ms + eps)^-1, the root forgotten",
    file: "step3/03_rmsnorm.ts",
    edits: [[
      "pow(add(ms, RMS_EPS), -0.5)",
      "pow(add(ms, RMS_EPS), -1)",
    ]],
    names: ["root|√|sqrt|-0.5|−0.5"],
  },
  {
    // Sign slip: adds the largest score instead of subtracting it.
    id: "fresh s3 softmax: adds the max instead of subtracting it",
    file: "step3/04_attention.ts",
    edits: [["exp(add(v, -max))", "exp(add(v, max))"]],
    names: ["largest|max"],
  },
  {
    // The scores returned as the weights: softmax forgotten.
    id: "fresh s3 attentionWeights: returns the scaled scores, no softmax",
    file: "step3/04_attention.ts",
    edits: [[
      "return softmax(keys.map((k) => mul(dot(q, k), scale)));",
      "return keys.map((k) => mul(dot(q, k), scale));",
    ]],
    names: ["softmax"],
  },
  {
    // d read as the number of cached positions, not the query's length.
    id: "fresh s3 attentionWeights: scale 1/sqrt(number of keys)",
    file: "step3/04_attention.ts",
    edits: [[
      "Math.sqrt(q.length) ** -1",
      "Math.sqrt(keys.length) ** -1",
    ]],
    names: ["√|sqrt|scal", "query|q.length|dimension|headDim"],
  },
  {
    // The query made from the block's raw input; k and v from rmsnorm(x).
    id: "fresh s3 attentionBlock: query from x, not rmsnorm(x)",
    file: "step3/05_gpt.ts",
    edits: [[
      "const q = linear(xn, weights.attnWq);",
      "const q = linear(x, weights.attnWq);",
    ]],
    names: ["query|attnWq", "rmsnorm|normaliz"],
  },
  {
    // The logits from wte (also vocabSize × nEmbd) instead of lmHead.
    id: "fresh s3 gpt: logits from wte instead of lmHead",
    file: "step3/05_gpt.ts",
    edits: [[
      "return linear(x, model.lmHead);",
      "return linear(x, model.wte);",
    ]],
    names: ["lmHead"],
  },
  {
    // Scored on the token it was given, not the next one.
    id: "fresh s3 forward: target tokens[pos] instead of tokens[pos + 1]",
    file: "step3/06_training.ts",
    edits: [[
      "losses.push(neg(log(probs[tokens[pos + 1]])));",
      "losses.push(neg(log(probs[tokens[pos]])));",
    ]],
    names: ["next token|next letter|tokens[pos + 1]|pos + 1"],
  },
  {
    // Multiplies the logits by the temperature instead of dividing.
    id: "fresh s3 sample: logits times temperature, not temperature^-1",
    file: "step3/07_sampling.ts",
    edits: [[
      "const scale = options.temperature ** -1;",
      "const scale = options.temperature;",
    ]],
    names: ["temperature"],
  },
  // ---------------------------------------------------------------- Step 4
  {
    // "… h·headDim + headDim − 1" read as slice's end: one dimension short.
    id: "fresh s4 headSlice: end h*headDim + headDim - 1 (inclusive misread)",
    file: "step4/01_multi_head.ts",
    edits: [[
      "return vector.slice(h * headDim, (h + 1) * headDim);",
      "return vector.slice(h * headDim, h * headDim + headDim - 1);",
    ]],
    names: ["headDim|length|long"],
  },
  {
    // Strided instead of contiguous: every headDim-th entry from h.
    id: "fresh s4 headSlice: strided (i % headDim === h), not contiguous",
    file: "step4/01_multi_head.ts",
    edits: [[
      "return vector.slice(h * headDim, (h + 1) * headDim);",
      "return vector.filter((_, i) => i % headDim === h);",
    ]],
    names: ["dimension|consecutive|contiguous"],
  },
  {
    // headDim = nHead: right only because 16 / 4 = 4.
    id: "fresh s4 multiHeadAttention: headDim = nHead",
    file: "step4/01_multi_head.ts",
    edits: [[
      "const headDim = q.length / nHead;",
      "const headDim = nHead;",
    ]],
    names: ["headDim|dimensions per head|q.length / nHead"],
  },
  {
    // Heads glued in reverse: unshift instead of push.
    id: "fresh s4 multiHeadAttention: heads concatenated last-first",
    file: "step4/01_multi_head.ts",
    edits: [[
      "out.push(\n      ...weightedSum(",
      "out.unshift(\n      ...weightedSum(",
    ]],
    names: ["order|head 0 first|concaten"],
  },
  {
    // Copy-paste: every head sums head 0's slice of the values.
    id: "fresh s4 multiHeadAttention: values sliced with head 0 for every head",
    file: "step4/01_multi_head.ts",
    edits: [[
      "values.map((v) => headSlice(v, h, headDim))",
      "values.map((v) => headSlice(v, 0, headDim))",
    ]],
    names: ["value", "slice|head"],
  },
  {
    // initModel right, but parameters() lists lmHead last, as in Step 3.
    id: "fresh s4 parameters: lmHead listed last (draw order kept in init)",
    file: "step4/02_parameters.ts",
    edits: [
      [
        "const matrices: Matrix[] = [model.wte, model.wpe, model.lmHead];",
        "const matrices: Matrix[] = [model.wte, model.wpe];",
      ],
      [
        "return matrices.flat(2);",
        "matrices.push(model.lmHead);\n  return matrices.flat(2);",
      ],
    ],
    names: ["order", "lmHead"],
  },
  {
    // The layer count from CONFIG, not from the config argument.
    id: "fresh s4 initModel: CONFIG.nLayer layers whatever config says",
    file: "step4/02_parameters.ts",
    edits: [[
      "for (let i = 0; i < config.nLayer; i++)",
      "for (let i = 0; i < CONFIG.nLayer; i++)",
    ]],
    names: ["nLayer|layer"],
  },
  {
    // Every layer's MLP block run with layer 0's weights.
    id: "fresh s4 gpt: mlpBlock with layers[0] in every layer",
    file: "step4/03_gpt.ts",
    edits: [[
      "x = mlpBlock(layer, x);",
      "x = mlpBlock(model.layers[0], x);",
    ]],
    names: ["mlp", "layer"],
  },
  {
    // The attention block's residual forgotten.
    id: "fresh s4 multiHeadBlock: no residual (returns attnWo's output)",
    file: "step4/03_gpt.ts",
    edits: [[
      "return addResidual(linear(out, layer.attnWo), x);",
      "return linear(out, layer.attnWo);",
    ]],
    names: ["residual"],
  },
  {
    // GPT-2 habit: a final norm before lmHead, which the guide does not have.
    id: "fresh s4 gpt: an extra rmsnorm before lmHead",
    file: "step4/03_gpt.ts",
    edits: [[
      "return linear(x, model.lmHead);",
      "return linear(rmsnorm(x), model.lmHead);",
    ]],
    names: ["rmsnorm|normaliz", "lmHead"],
  },
  // ---------------------------------------------------------------- Step 5
  {
    // β and 1 − β swapped: keeps (1 − β) of the old average.
    id: "fresh s5 ema: (1 - beta) * average + beta * x",
    file: "step5/01_ema.ts",
    edits: [[
      "return beta * average + (1 - beta) * x;",
      "return (1 - beta) * average + beta * x;",
    ]],
    names: ["β|beta", "average"],
  },
  {
    // β^(t − 1): the first update divides by 0.
    id: "fresh s5 biasCorrected: 1 - beta ** (t - 1)",
    file: "step5/01_ema.ts",
    edits: [[
      "return average / (1 - beta ** t);",
      "return average / (1 - beta ** (t - 1));",
    ]],
    names: ["β^t|β**t|β ** t|beta ** t|beta^t|betaᵗ|βᵗ"],
  },
  {
    // v averages g, not g²: √v̂ of a negative average is NaN.
    id: "fresh s5 adamUpdate: v averages g, not g squared",
    file: "step5/02_adam.ts",
    edits: [[
      "state.v[i] = ema(state.v[i], g ** 2, beta2);",
      "state.v[i] = ema(state.v[i], g, beta2);",
    ]],
    names: ["squared|square|g²|g ** 2"],
  },
  {
    // The step uses m, not the bias-corrected m̂.
    id: "fresh s5 adamUpdate: step uses m, not mHat",
    file: "step5/02_adam.ts",
    edits: [[
      "p.data -= (lr * mHat) / (vHat ** 0.5 + eps);",
      "p.data -= (lr * state.m[i]) / (vHat ** 0.5 + eps);",
    ]],
    names: ["bias|mHat|m̂"],
  },
  {
    // Uphill: += instead of −=.
    id: "fresh s5 adamUpdate: p.data += (step uphill)",
    file: "step5/02_adam.ts",
    edits: [["p.data -= (lr * mHat)", "p.data += (lr * mHat)"]],
    names: ["against|sign|direction|minus|opposite|−=|-=|descent|uphill"],
  },
  {
    // Parentheses dropped: lr·m̂/√v̂ + ε, so ε is subtracted from every weight.
    id: "fresh s5 adamUpdate: lr * mHat / vHat ** 0.5 + eps (precedence)",
    file: "step5/02_adam.ts",
    edits: [[
      "p.data -= (lr * mHat) / (vHat ** 0.5 + eps);",
      "p.data -= lr * mHat / vHat ** 0.5 + eps;",
    ]],
    names: ["ε|eps"],
  },
  {
    // v averages the square of the momentum m, not of the gradient.
    id: "fresh s5 adamUpdate: v averages m squared, not g squared",
    file: "step5/02_adam.ts",
    edits: [[
      "state.v[i] = ema(state.v[i], g ** 2, beta2);",
      "state.v[i] = ema(state.v[i], state.m[i] ** 2, beta2);",
    ]],
    names: ["squared|square|g²|g ** 2", "gradient"],
  },
  {
    // Copy-paste: v̂ bias-corrected with β₁.
    id: "fresh s5 adamUpdate: vHat corrected with beta1",
    file: "step5/02_adam.ts",
    edits: [[
      "biasCorrected(state.v[i], beta2, step + 1)",
      "biasCorrected(state.v[i], beta1, step + 1)",
    ]],
    names: ["β₂|beta2|0.99"],
  },
  {
    // One array of zeros for both m and v.
    id: "fresh s5 adamState: m and v are the same array",
    file: "step5/02_adam.ts",
    edits: [[
      "return { m: new Array(size).fill(0), v: new Array(size).fill(0) };",
      "const zeros = new Array(size).fill(0);\n  return { m: zeros, v: zeros };",
    ]],
    names: ["separate|same array|shared|share"],
  },
  {
    // t passed where the step is wanted: adamUpdate adds 1 again.
    id: "fresh s5 train: adamUpdate(…, step + 1) (t passed as step)",
    file: "step5/03_training.ts",
    edits: [[
      "adamUpdate(params, state, lr, step);",
      "adamUpdate(params, state, lr, step + 1);",
    ]],
    names: ["bias|step + 1|s + 1|from 0"],
  },
];
