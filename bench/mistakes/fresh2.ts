/**
 * A second fresh batch of 30 learner mistakes in Steps 3–5, written on
 * 2026-12-07 without reading the tests or the earlier catalogues, to check
 * how well the tests diagnose mistakes they were not written for.
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
    // Gave each child its own data as local gradient ("∂ of a is a"), not
    // the other factor's: the forward sum is right, only backward is off.
    id: "fresh2 s3 dot: local gradient of aⱼ is aⱼ (and of bⱼ is bⱼ)",
    file: "step3/01_fused_nodes.ts",
    edits: [[
      "    localGrads[2 * j] = b[j].data;\n    localGrads[2 * j + 1] = a[j].data;",
      "    localGrads[2 * j] = a[j].data;\n    localGrads[2 * j + 1] = b[j].data;",
    ]],
    names: ["dot", "local grad|∂|gradient"],
  },
  {
    // Mixed up which index goes with which table: wte by position, wpe by
    // token (the four parameters look alike).
    id: "fresh2 s3 embed: wte[pos] + wpe[token], token and pos swapped",
    file: "step3/02_parameters.ts",
    edits: [[
      "return wte[token].map((t, j) => add(t, wpe[pos][j]));",
      "return wte[pos].map((t, j) => add(t, wpe[token][j]));",
    ]],
    names: ["position|wpe", "token|wte"],
  },
  {
    // Normalized by the root of the SUM of squares (a vector norm), forgot
    // to take the mean over the n entries.
    id: "fresh2 s3 rmsnorm: sum of squares not divided by n (no mean)",
    file: "step3/03_rmsnorm.ts",
    edits: [[
      "const ms = mul(dot(x, x), 1 / x.length);",
      "const ms = dot(x, x);",
    ]],
    names: ["mean|/ n|1 / n|1/n|divided by n|÷ n"],
  },
  {
    // Sign slip in the exponent: multiplies by the root mean square
    // instead of dividing by it.
    id: "fresh2 s3 rmsnorm: scale = (ms + ε)^+0.5 instead of ^−0.5",
    file: "step3/03_rmsnorm.ts",
    edits: [[
      "const scale = pow(add(ms, RMS_EPS), -0.5);",
      "const scale = pow(add(ms, RMS_EPS), 0.5);",
    ]],
    names: ["−0.5|-0.5|divid|inverse|root mean square|1 / √|1/√"],
  },
  {
    // Wrote the textbook softmax exp(v) / Σ exp without subtracting the
    // largest logit: fine for small scores, overflows for large ones.
    id: "fresh2 s3 softmax: no subtraction of the largest logit",
    file: "step3/04_attention.ts",
    edits: [
      [
        "  let max = -Infinity;\n  for (const v of logits) if (v.data > max) max = v.data;\n",
        "",
      ],
      [
        "const exps = logits.map((v) => exp(add(v, -max)));",
        "const exps = logits.map((v) => exp(v));",
      ],
    ],
    names: ["largest|max|overflow|stab|infinit|NaN"],
  },
  {
    // Scaled the scores by 1/d instead of 1/√d ("divide by the length").
    id: "fresh2 s3 attentionWeights: scores divided by d, not √d",
    file: "step3/04_attention.ts",
    edits: [[
      "const scale = Math.sqrt(q.length) ** -1;",
      "const scale = q.length ** -1;",
    ]],
    names: ["√|sqrt|square root"],
  },
  {
    // Copy-paste of the query line: the keys are made with attnWq.
    id: "fresh2 s3 attentionBlock: keys computed with attnWq",
    file: "step3/05_gpt.ts",
    edits: [[
      "cache.keys.push(linear(xn, weights.attnWk));",
      "cache.keys.push(linear(xn, weights.attnWq));",
    ]],
    names: ["attnWk|attn_wk|key"],
  },
  {
    // Forgot the nonlinearity between the two MLP matrices.
    id: "fresh2 s3 mlpBlock: no ReLU between mlpFc1 and mlpFc2",
    file: "step3/05_gpt.ts",
    edits: [[
      "const h = linear(rmsnorm(x), weights.mlpFc1).map((v) => relu(v));",
      "const h = linear(rmsnorm(x), weights.mlpFc1);",
    ]],
    names: ["relu|nonlinear|negative"],
  },
  {
    // Read "a fresh, empty cache" as one per position: each position then
    // attends only to itself, never to the earlier letters of the name.
    id: "fresh2 s3 forward: a fresh cache for every position, not per name",
    file: "step3/06_training.ts",
    edits: [
      [
        "  const cache = emptyCache();\n  const losses: Value[] = [];",
        "  const losses: Value[] = [];",
      ],
      [
        "  for (let pos = 0; pos < n; pos++) {\n    const probs",
        "  for (let pos = 0; pos < n; pos++) {\n    const cache = emptyCache();\n    const probs",
      ],
    ],
    names: ["cache|earlier position|previous position"],
  },
  {
    // Multiplied the logits by the temperature instead of dividing.
    id: "fresh2 s3 sample: logits multiplied by the temperature",
    file: "step3/07_sampling.ts",
    edits: [[
      "const scale = options.temperature ** -1;",
      "const scale = options.temperature;",
    ]],
    names: ["temperature"],
  },
  // ---------------------------------------------------------------- Step 4
  {
    // Took the guide's inclusive range "h·headDim … h·headDim + headDim − 1"
    // as slice's end, which is exclusive: each head loses its last dim.
    id: "fresh2 s4 headSlice: end h·headDim + headDim − 1 (one dim short)",
    file: "step4/01_multi_head.ts",
    edits: [[
      "return vector.slice(h * headDim, (h + 1) * headDim);",
      "return vector.slice(h * headDim, h * headDim + headDim - 1);",
    ]],
    names: ["slice|headDim|dimension"],
  },
  {
    // Split only the values into heads: every head shares one set of
    // weights from the full query and keys (scaled by √16).
    id:
      "fresh2 s4 multiHeadAttention: one set of scores from the full q and keys for all heads",
    file: "step4/01_multi_head.ts",
    edits: [[
      "    const w = attentionWeights(\n      headSlice(q, h, headDim),\n      keys.map((k) => headSlice(k, h, headDim)),\n    );",
      "    const w = attentionWeights(q, keys);",
    ]],
    names: ["each head|per head|own slice|slice|headDim"],
  },
  {
    // Sliced q and k per head but passed the whole value vectors: every
    // head returns 16 numbers, the output is 64 long.
    id: "fresh2 s4 multiHeadAttention: values not sliced per head",
    file: "step4/01_multi_head.ts",
    edits: [[
      "...weightedSum(w, values.map((v) => headSlice(v, h, headDim))),",
      "...weightedSum(w, values),",
    ]],
    names: ["value", "slice|each head|per head|headDim|long|length"],
  },
  {
    // Off-by-one in the layer loop: nLayer + 1 layers are drawn.
    id: "fresh2 s4 initModel: i <= nLayer draws one layer too many",
    file: "step4/02_parameters.ts",
    edits: [[
      "for (let i = 0; i < config.nLayer; i++) {",
      "for (let i = 0; i <= config.nLayer; i++) {",
    ]],
    names: ["nLayer|layer"],
  },
  {
    // Copy-pasted mlpFc1's line for mlpFc2: 64×16 instead of 16×64 (same
    // count and draw order, wrong shape).
    id: "fresh2 s4 initModel: mlpFc2 drawn 64×16 like mlpFc1",
    file: "step4/02_parameters.ts",
    edits: [[
      "mlpFc2: valueMatrix(nEmbd, 4 * nEmbd, rng),",
      "mlpFc2: valueMatrix(4 * nEmbd, nEmbd, rng),",
    ]],
    names: ["mlpFc2|mlp_fc2", "shape|rows|16 × 64|16×64|columns"],
  },
  {
    // Forgot the rmsnorm of the embedding before the first layer (each
    // block normalizes anyway, so it looked redundant).
    id: "fresh2 s4 gpt: no rmsnorm of the embedding before the layers",
    file: "step4/03_gpt.ts",
    edits: [[
      "let x = rmsnorm(embed(model.wte, model.wpe, token, pos));",
      "let x = embed(model.wte, model.wpe, token, pos);",
    ]],
    names: ["rmsnorm|normali"],
  },
  {
    // Stacked the attention blocks, then ran one MLP after the loop: same
    // as the guide with one layer, wrong with two.
    id:
      "fresh2 s4 gpt: MLP block run once after the layer loop, not in each layer",
    file: "step4/03_gpt.ts",
    edits: [[
      "    x = mlpBlock(layer, x);\n  });",
      "  });\n  x = mlpBlock(model.layers[model.layers.length - 1], x);",
    ]],
    names: ["mlp", "layer"],
  },
  {
    // Added the heads' concatenation straight to the residual, skipping
    // the output projection attnWo.
    id: "fresh2 s4 multiHeadBlock: no attnWo projection before the residual",
    file: "step4/03_gpt.ts",
    edits: [[
      "return addResidual(linear(out, layer.attnWo), x);",
      "return addResidual(out, x);",
    ]],
    names: ["attnWo|attn_wo|output projection|output matrix"],
  },
  {
    // Off-by-one target: scores the token the model was given, not the
    // next one.
    id:
      "fresh2 s4 forward: loss on probs[tokens[pos]] instead of tokens[pos + 1]",
    file: "step4/04_training.ts",
    edits: [[
      "losses.push(neg(log(probs[tokens[pos + 1]])));",
      "losses.push(neg(log(probs[tokens[pos]])));",
    ]],
    names: ["next|target|pos + 1"],
  },
  {
    // Stopped only at maxLength, forgetting that there are only blockSize
    // position embeddings.
    id: "fresh2 s4 sample: runs to maxLength without the blockSize cap",
    file: "step4/04_training.ts",
    edits: [[
      "const positions = Math.min(options.maxLength, CONFIG.blockSize);",
      "const positions = options.maxLength;",
    ]],
    names: ["blockSize|block size|position embedding|16 positions"],
  },
  // ---------------------------------------------------------------- Step 5
  {
    // Put β on the new number and (1 − β) on the old average.
    id: "fresh2 s5 ema: β·x + (1 − β)·average, weights swapped",
    file: "step5/01_ema.ts",
    edits: [[
      "return beta * average + (1 - beta) * x;",
      "return beta * x + (1 - beta) * average;",
    ]],
    names: ["β|beta", "average|old|keep"],
  },
  {
    // Forgot to scale the new number by (1 − β).
    id: "fresh2 s5 ema: β·average + x, no (1 − β)",
    file: "step5/01_ema.ts",
    edits: [[
      "return beta * average + (1 - beta) * x;",
      "return beta * average + x;",
    ]],
    names: ["1 − β|1 - β|1-β|1−β|1 - beta|1 − beta"],
  },
  {
    // Parenthesized wrong: (1 − β)^t instead of 1 − β^t.
    id: "fresh2 s5 biasCorrected: divides by (1 − β)^t instead of 1 − β^t",
    file: "step5/01_ema.ts",
    edits: [[
      "return average / (1 - beta ** t);",
      "return average / (1 - beta) ** t;",
    ]],
    names: ["β^t|βᵗ|beta ** t|beta^t|β ** t|1 − β^t|1 - β^t"],
  },
  {
    // Made one array of zeros and used it for both m and v.
    id: "fresh2 s5 adamState: m and v are the same array",
    file: "step5/02_adam.ts",
    edits: [[
      "  return { m: new Array(size).fill(0), v: new Array(size).fill(0) };",
      "  const zeros: number[] = new Array(size).fill(0);\n  return { m: zeros, v: zeros };",
    ]],
    names: ["separate|same array|shared|share|alias|distinct"],
  },
  {
    // Averaged the gradient, not its square, into v.
    id: "fresh2 s5 adamUpdate: v averages g instead of g²",
    file: "step5/02_adam.ts",
    edits: [[
      "state.v[i] = ema(state.v[i], g ** 2, beta2);",
      "state.v[i] = ema(state.v[i], g, beta2);",
    ]],
    names: ["g²|g ** 2|g^2|square"],
  },
  {
    // Computed mHat but stepped with the raw m.
    id: "fresh2 s5 adamUpdate: steps with m instead of the bias-corrected mHat",
    file: "step5/02_adam.ts",
    edits: [[
      "p.data -= (lr * mHat) / (vHat ** 0.5 + eps);",
      "p.data -= (lr * state.m[i]) / (vHat ** 0.5 + eps);",
    ]],
    names: ["mHat|m̂|m_hat|bias-corrected m|bias correct"],
  },
  {
    // Forgot the square root of vHat.
    id: "fresh2 s5 adamUpdate: divides by vHat + ε, not √vHat + ε",
    file: "step5/02_adam.ts",
    edits: [[
      "p.data -= (lr * mHat) / (vHat ** 0.5 + eps);",
      "p.data -= (lr * mHat) / (vHat + eps);",
    ]],
    names: ["√|sqrt|root|** 0.5|^0.5"],
  },
  {
    // Reused RMSNorm's ε (1e-5) as Adam's default.
    id: "fresh2 s5 ADAM: default ε 1e-5 (RMSNorm's) instead of 1e-8",
    file: "step5/02_adam.ts",
    edits: [[
      "{ beta1: 0.85, beta2: 0.99, eps: 1e-8 }",
      "{ beta1: 0.85, beta2: 0.99, eps: 1e-5 }",
    ]],
    names: ["ε|eps|epsilon|1e-8"],
  },
  {
    // Thought Adam adapts the step itself, so dropped the lr schedule.
    id: "fresh2 s5 train: constant learning rate, no linear decay",
    file: "step5/03_training.ts",
    edits: [[
      "const lr = learningRate(step, options.steps, options.lr0);",
      "const lr = options.lr0;",
    ]],
    names: ["decay|learningRate|learning rate|1 − s|1 - s"],
  },
  {
    // Passed t = step + 1 to adamUpdate, which adds 1 itself: the bias
    // correction runs one step ahead.
    id: "fresh2 s5 train: adamUpdate given step + 1 (t counted twice)",
    file: "step5/03_training.ts",
    edits: [[
      "adamUpdate(params, state, lr, step);",
      "adamUpdate(params, state, lr, step + 1);",
    ]],
    names: ["t = s + 1|t = step + 1|step + 1|s + 1|bias correct|β^t|βᵗ"],
  },
];
