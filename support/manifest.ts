/**
 * The kata's manifest: the one list of tracks and lessons, in order, with
 * their files, guide pages and hints.
 *
 * Every tool reads it: the stubs' "not implemented" messages, the self-check,
 * the progress view, hints and the trainer. A test (support/manifest_test.ts)
 * proves that every entry has its lesson, solution and test file, and that no
 * lesson file is left out.
 *
 * @module
 */

import { UserError } from "./cli/errors.ts";

/** One lesson: a file in `lessons/` that the learner fills in. */
export interface Lesson {
  /** Short id used in test names and commands, e.g. `"step1/04"`. */
  id: string;
  /** File name without `.ts`, the same in lessons/, solutions/ and tests/. */
  slug: string;
  /** What the lesson builds, in a few words. */
  title: string;
  /** The guide page(s) it follows, e.g. `"1.3 Linear & softmax"`. */
  guide: string;
  /** Graded hints: the first is a nudge, the last nearly the answer. */
  hints: string[];
}

/** One track: a step of the guide, taught as a folder of lessons. */
export interface Track {
  /** The guide's step number. */
  step: number;
  /** Folder name under lessons/, solutions/ and tests/. */
  dir: string;
  title: string;
  lessons: Lesson[];
}

/** All tracks, in the order a learner takes them. */
export const TRACKS: Track[] = [
  {
    step: 0,
    dir: "step0",
    title: "Counting: a bigram model from a table of counts",
    lessons: [
      {
        id: "step0/01",
        slug: "01_tokenizer",
        title: "Dataset and tokenizer: names to token ids",
        guide: "0.1 Dataset · 0.2 Tokenizer",
        hints: [
          "The vocabulary is every character that appears in any name, sorted by code point (Unicode's number for it), as Python's sorted() does. Join the names into one string and collect its characters in a Set: [...text] walks a string character by character, emoji included.",
          "BOS is the first id after the characters: chars.length. vocabSize counts the characters plus BOS. A character's id is its index in chars. A bare .sort() compares UTF-16 code units and localeCompare sorts like a dictionary: both disagree with code point order on some characters, so give sort a comparator.",
          'chars = [...new Set(docs.join(""))].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!). encode: [bos, ...[...name].map((ch) => chars.indexOf(ch)), bos]. decode: ids.map((id) => chars[id]).join("").',
        ],
      },
      {
        id: "step0/02",
        slug: "02_count_table",
        title: "Count table: which token follows which",
        guide: "0.3 Count table",
        hints: [
          "A tokenized name of length L holds L - 1 bigrams: every token paired with the one right after it, the BOS at each end included.",
          "emptyCounts must give every row its own array: new Array(v).fill(new Array(v).fill(0)) puts the same row in every place. Array.from({ length: v }, () => new Array(v).fill(0)) does not.",
          "bigrams: for (let i = 0; i + 1 < tokens.length; i++) pairs.push([tokens[i], tokens[i + 1]]). addCounts: for (const [current, next] of bigrams(tokens)) counts[current][next] += 1.",
        ],
      },
      {
        id: "step0/03",
        slug: "03_model",
        title: "The model: smoothed probabilities from counts",
        guide: "0.4 Model",
        hints: [
          "Only one row matters: counts[tokenId], what has come after tokenId so far. Each of its entries becomes one probability.",
          "Add-one smoothing adds 1 to every entry, so the total grows by the number of entries: total = (sum of the row) + row.length.",
          "const row = counts[tokenId]; const total = row.reduce((sum, c) => sum + c, 0) + row.length; return row.map((c) => (c + 1) / total);",
        ],
      },
      {
        id: "step0/04",
        slug: "04_loss",
        title: "Loss: how surprised the model is by a name",
        guide: "0.6 Loss",
        hints: [
          "crossEntropy is -Math.log of the probability the model gave to the right answer, probs[target].",
          "A tokenized name has n = tokens.length - 1 positions; at position i the input is tokens[i] and the target is tokens[i + 1].",
          "For each position: loss += crossEntropy(bigram(counts, tokens[i]), tokens[i + 1]); then return (1 / n) * loss.",
        ],
      },
      {
        id: "step0/05",
        slug: "05_training",
        title: "Training by counting: measure, then count",
        guide: "0.5 Training",
        hints: [
          "Step s works on one name, docs[s % docs.length], and does two things in a fixed order: measure its loss, then count its bigrams.",
          "Measure with forward(counts, tokens) before touching the table, and call options.onStep?.({ step, loss }) right then, still before the counting.",
          "for each step: tokens = docs[step % docs.length]; loss = forward(counts, tokens); options.onStep?.({ step, loss }); addCounts(counts, tokens); losses.push(loss). Return losses.",
        ],
      },
      {
        id: "step0/06",
        slug: "06_sampling",
        title: "Sampling: inventing names from the table",
        guide: "0.7 Inference",
        hints: [
          "Keep a current token, starting at tokenizer.bos. The model's probabilities for the next token are bigram(counts, token).",
          "Draw with rng.weightedIndex(probs), exactly once per generated token. Drawing BOS ends the name (BOS is not part of it); so does reaching maxLength characters, with no further draw.",
          "for (let i = 0; i < options.maxLength; i++) { token = rng.weightedIndex(bigram(counts, token)); if (token === tokenizer.bos) break; ids.push(token); } return decode(tokenizer, ids);",
        ],
      },
    ],
  },
  {
    step: 1,
    dir: "step1",
    title: "Gradient descent: a neural bigram model",
    lessons: [
      {
        id: "step1/01",
        slug: "01_tokenizer",
        title: "Tokenizer: characters to ids and back",
        guide: "1.1 Same starting point",
        hints: [
          "The vocabulary is every character that appears in any name, sorted by code point, as Python's sorted() does. A Set collects them; spread it into an array and sort it with a comparator (a bare .sort() compares UTF-16 code units, which misplaces emoji).",
          "BOS is one more id after the last character: chars.length. vocabSize counts the characters plus BOS.",
          'chars = [...new Set(docs.join(""))].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!). encode: [bos, ...[...name].map((ch) => chars.indexOf(ch)), bos]. decode: ids.map((id) => chars[id]).join("").',
        ],
      },
      {
        id: "step1/02",
        slug: "02_parameters",
        title: "Parameters: three random matrices",
        guide: "1.2 Parameters",
        hints: [
          "A matrix is an array of rows; fill it row by row, left to right, calling rng.gauss(0, std) once per entry. The order of the calls is what makes the numbers match the guide.",
          "initModel creates wte (vocabSize × nEmbd), then mlpFc1 (4·nEmbd × nEmbd), then mlpFc2 (vocabSize × 4·nEmbd), in exactly that order.",
          "matrices(model) is [model.wte, model.mlpFc1, model.mlpFc2]; flatten walks matrices → rows → values and pushes each value; zerosLike maps every value to 0.",
        ],
      },
      {
        id: "step1/03",
        slug: "03_linear",
        title: "Linear layer: one dot product per row",
        guide: "1.3 Linear & softmax",
        hints: [
          "Output i is the dot product of row i of w with x, so the output has w.length entries.",
          "w.map((row) => row.reduce((sum, wij, j) => sum + wij * x[j], 0)), or the same with two for-loops.",
        ],
      },
      {
        id: "step1/04",
        slug: "04_softmax",
        title: "Softmax: scores to probabilities",
        guide: "1.3 Linear & softmax",
        hints: [
          "exp of a large number overflows to Infinity. Subtracting the same constant from every logit does not change the result, so subtract the largest one first.",
          "max = Math.max(...logits); exps = logits.map((v) => Math.exp(v - max)); then divide each by the sum of exps.",
        ],
      },
      {
        id: "step1/05",
        slug: "05_mlp",
        title: "The MLP: embedding → linear → ReLU → linear",
        guide: "1.4 The MLP",
        hints: [
          "relu keeps positive values and turns the rest into 0: Math.max(0, v) for each entry.",
          "mlp: x = model.wte[tokenId]; h = relu(linear(x, model.mlpFc1)); return linear(h, model.mlpFc2).",
        ],
      },
      {
        id: "step1/06",
        slug: "06_forward",
        title: "Forward pass: the cross-entropy loss of a name",
        guide: "1.5 Forward pass",
        hints: [
          "crossEntropy is -Math.log of the probability the model gave to the right answer.",
          "For every position i from 0 to n-1 (n = tokens.length - 1) the input is tokens[i] and the target is tokens[i + 1].",
          "loss += crossEntropy(softmax(mlp(model, tokens[i])), tokens[i + 1]) for each position; return (1 / n) * loss, the mean written the way the guide's Python writes it (so it rounds the same way).",
        ],
      },
      {
        id: "step1/07",
        slug: "07_numerical_gradient",
        title: "Numerical gradient: nudge each parameter",
        guide: "1.6 Numerical gradient",
        hints: [
          "First compute the loss once with the weights as they are. Then, for each matrix, each row, each column: remember the value, add eps, measure the loss, put the remembered value back (row[j] = old: subtracting eps again does not always give the old value back).",
          "The gradient of that parameter is (lossPlus - loss) / eps; push it onto grad so grad follows the flat parameter order.",
          "for (const m of matrices(model)) for (const row of m) for (let j = 0; j < row.length; j++) { const old = row[j]; row[j] = old + eps; grad.push((forward(model, tokens) - loss) / eps); row[j] = old; }",
        ],
      },
      {
        id: "step1/08",
        slug: "08_analytic_gradient",
        title: "Analytic gradient: backpropagation by hand",
        guide: "1.7 Analytic gradient",
        hints: [
          "Why it works: the chain rule says a number's gradient is the gradient of what it feeds, times how strongly it feeds it (dx = dy · ∂y/∂x). So start at the loss and walk the forward pass backwards: logits, then h, then hPre, then x. The forward half is already in the stub; each step back needs only the values it kept (x, hPre, h, probs).",
          "Why probs − onehot: moving logit i changes the loss by probs[i], less 1 for the right answer (the lesson works it out for two logits). The loss is a mean over n positions, so divide by n: dlogits = probs.map((p) => p / n), then dlogits[target] -= 1 / n. Without the / n every gradient is n times too big.",
          "Why each layer looks the same: in y = linear(x, w), w[i][j] multiplies x[j] into y[i], so w[i][j] gets dy[i] * x[j] and x[j] collects w[i][j] * dy[i] from every i. For mlpFc2: g.mlpFc2[i][j] += dlogits[i] * h[j]; dh[j] += model.mlpFc2[i][j] * dlogits[i]. ReLU passes dh[j] only where hPre[j] > 0. For mlpFc1: g.mlpFc1[i][j] += dhPre[i] * x[j]; dx[j] += model.mlpFc1[i][j] * dhPre[i]. Finally g.wte[token][j] += dx[j]. Always +=: a weight used at several positions collects from each.",
        ],
      },
      {
        id: "step1/09",
        slug: "09_gradient_check",
        title: "Gradient check: two gradients must agree",
        guide: "1.8 Gradient check",
        hints: [
          "maxAbsDiff walks both arrays together and keeps the largest Math.abs(a[i] - b[i]).",
          "gradientCheck runs numericalGradient and analyticGradient on the same model and tokens and reports both losses and maxAbsDiff of the two grads.",
        ],
      },
      {
        id: "step1/10",
        slug: "10_training",
        title: "Training: SGD with a decaying learning rate",
        guide: "1.9 Training & inference",
        hints: [
          "learningRate falls in a straight line from lr0 at step 0 towards 0: lr0 * (1 - step / steps).",
          "sgdUpdate walks the parameters in flat order (like flatten) and does value -= lr * grad[k], with k counting up across all matrices.",
          "train: for step s, tokens = docs[s % docs.length]; { loss, grad } = analyticGradient(model, tokens); lr = learningRate(s, steps, lr0); call onStep before the update; then sgdUpdate. Collect and return the losses.",
        ],
      },
      {
        id: "step1/11",
        slug: "11_sampling",
        title: "Sampling with temperature",
        guide: "1.9 Training & inference",
        hints: [
          "Dividing logits by a temperature below 1 stretches the gaps between them, so softmax favours the top choice more; above 1 it flattens them. Divide (v / temperature) rather than multiply by 1 / temperature: the two round differently, and Step 2 compares to the last bit.",
          "Start with token = tokenizer.bos. Repeat at most maxLength times: probs = temperatureSoftmax(mlp(model, token), options.temperature); token = rng.weightedIndex(probs); stop if token is BOS, else keep its character. Use the temperature the caller passes: the tests sample at 0.5.",
        ],
      },
    ],
  },
  {
    step: 2,
    dir: "step2",
    title: "Autograd: the same model, gradients by a scalar Value graph",
    lessons: [
      {
        id: "step2/01",
        slug: "01_value",
        title: "Value: a number that remembers how it was made",
        guide: "2.1 What changes · 2.2 Value class · 2.3 Add and multiply",
        hints: [
          "Every operation does two things: compute the result from the inputs' data, and record, per input, how much the result moves when that input moves. Both go into new Value(result, children, localGrads).",
          "toValue: a number becomes new Value(x), a Value is returned as it is. Call it on both arguments first, so add(2, v) works as well as add(v, 2). For a + b the local gradients are 1 and 1; for a · b they are b's data and a's data.",
          "add: const x = toValue(a), y = toValue(b); return new Value(x.data + y.data, [x, y], [1, 1]). mul: the same with x.data * y.data and [y.data, x.data]. (Faster: every sum's [1, 1] can be one shared constant array.)",
        ],
      },
      {
        id: "step2/02",
        slug: "02_more_ops",
        title: "More operations: pow, log, exp, relu, neg, sub, div",
        guide: "2.4 More ops",
        hints: [
          "Each op is one line of the lesson's table: wrap the inputs with toValue, then return new Value(result, inputs, local gradients). Unary ops have one child and one local gradient.",
          "Local gradients: pow k·x^(k−1); log 1/x; exp the result itself; relu 1 if x > 0 else 0 (and the result is Math.max(0, x)); neg −1; sub 1 and −1; div 1/y and −x/y².",
          "div must compute x.data / y.data, not x.data * (1 / y.data): the two can differ in the last bit, and Step 1 divides. return new Value(x.data / y.data, [x, y], [1 / y.data, -x.data / (y.data * y.data)]).",
        ],
      },
      {
        id: "step2/03",
        slug: "03_backward",
        title: "Backward: topological order and the chain rule",
        guide: "2.5 Backward",
        hints: [
          "A node can be emitted once all of its children have been emitted: a depth-first walk that emits a node on its way back up. Recursion would be the short way, but a 100,000-deep chain overflows the call stack, so keep your own stack.",
          "Keep two arrays: the stack of nodes and, for each, the index of its next child. Look at the top: if it has a child left, advance its index and push the child if it is not visited (mark it visited when you push). Otherwise pop it and append it to the order. At the end set visited back to false on every node of the order.",
          "backward: const order = topologicalOrder(root); root.grad = 1; then for k from order.length − 1 down to 0, with v = order[k]: for each i, v.children[i].grad += v.localGrads[i] * v.grad. It must be +=: a value used twice gets a share from each use.",
        ],
      },
      {
        id: "step2/04",
        slug: "04_parameters",
        title: "Parameters as Values",
        guide: "2.6 Parameters as Values",
        hints: [
          "Don't draw the random numbers again: Step 1's initModel already draws them in the right order. Wrap its numbers.",
          "fromNumbers maps every number of each matrix to new Value(x); toNumbers maps every Value back to its .data. initModel is fromNumbers(initNumberModel(vocabSize, nEmbd, rng)).",
          "parameters: for (const matrix of [model.wte, model.mlpFc1, model.mlpFc2]) for (const row of matrix) for (const p of row) params.push(p). Push the Values themselves, not copies.",
        ],
      },
      {
        id: "step2/05",
        slug: "05_model",
        title: "The model over Values: linear, softmax, MLP",
        guide: "2.6 Parameters as Values",
        hints: [
          "Take Step 1's linear, softmax and MLP and replace each + by add, each * by mul, Math.exp by exp, and so on. Keep Step 1's order of operations: it decides the last bits.",
          "sum starts from new Value(0) and adds the values one by one, left to right. linear: for each row, a total from new Value(0) to which you add mul(row[j], x[j]) for j in order. softmax: the largest logit's data as a plain number, exps = logits.map((v) => exp(sub(v, max))), total = sum(exps), then div(e, total).",
          "mlp: const x = model.wte[tokenId]; const h = linear(x, model.mlpFc1).map((v) => relu(v)); return linear(h, model.mlpFc2).",
        ],
      },
      {
        id: "step2/06",
        slug: "06_training",
        title: "The new training loop",
        guide: "2.7 New training loop",
        hints: [
          "forward is Step 1's loss with Values: collect −log of the target's probability at each position, then take the mean as Step 1 does, (1/n) times the sum. Nothing about gradients appears in it.",
          "forward: losses.push(neg(log(softmax(mlp(model, tokens[i]))[tokens[i + 1]]))) for each position; return mul(1 / n, sum(losses)). sgdUpdate: for each p, p.data -= lr * p.grad, then p.grad = 0; backward adds to grad, so an old gradient left there would be added again.",
          "train: params = parameters(model) once; each step: loss = forward(model, docs[step % docs.length]); backward(loss); lr = learningRate(step, steps, lr0) (Step 1's); onStep?.({ step, loss: loss.data, lr }); sgdUpdate(params, lr); collect loss.data.",
        ],
      },
      {
        id: "step2/07",
        slug: "07_sampling",
        title: "Inference: same results, less code",
        guide: "2.8 Same results, less code",
        hints: [
          "It is Step 1's sample with Values: the logits come from this step's mlp, and the generator wants plain numbers, the .data of the probabilities. Divide by the temperature with div, as Step 1 divides: mul(v, 1 / temperature) differs in the last bit.",
          "Start with token = tokenizer.bos. Repeat at most maxLength times: logits = mlp(model, token).map((v) => div(v, temperature)); probs = softmax(logits).map((p) => p.data); token = rng.weightedIndex(probs); stop at BOS, else keep the id. Return decode(tokenizer, ids).",
        ],
      },
    ],
  },
  {
    step: 3,
    dir: "step3",
    title: "Attention: each position looks back at the name so far",
    lessons: [
      {
        id: "step3/01",
        slug: "01_fused_nodes",
        title: "Fused nodes: a dot product as one node",
        guide:
          "the kata's own page, before 3.1 (why real frameworks fuse operations)",
        hints: [
          "A fused node is one node that stands for a whole dot product or sum: same data, same gradients, far fewer nodes. Its local gradients are what the chain rule gives through the small nodes it replaces: ∂(a·b)/∂aⱼ = bⱼ's data, ∂(Σv)/∂vᵢ = 1.",
          "dot: walk j from 0, add a[j].data * b[j].data to a running number, push a[j] and b[j] onto children and b[j].data and a[j].data onto localGrads; then one new Value(data, children, localGrads). fusedSum: the same with each value and local gradient 1. linear: one dot per row of w.",
          "dot: for (let j = 0; j < a.length; j++) { data += a[j].data * b[j].data; children.push(a[j], b[j]); localGrads.push(b[j].data, a[j].data); } return new Value(data, children, localGrads). linear: return w.map((row) => dot(row, x)).",
        ],
      },
      {
        id: "step3/02",
        slug: "02_parameters",
        title: "Parameters and position embeddings",
        guide: "3.1 What changes · 3.2 Position embeddings",
        hints: [
          "The random numbers are drawn in one long sequence, so the order of the matrices decides every number. The guide's order is wte, wpe, attnWq, attnWk, attnWv, attnWo, mlpFc1, mlpFc2, lmHead, each row by row.",
          "valueMatrix is Step 1's randomMatrix(rows, cols, rng, 0.08) with every number wrapped in new Value. initModel calls it nine times in the guide's order with the sizes of the Model's docs (mlpFc1 is 4·nEmbd × nEmbd, mlpFc2 nEmbd × 4·nEmbd). parameters flattens the nine matrices in the same order.",
          "embed: return wte[token].map((t, j) => add(t, wpe[pos][j])). parameters: [model.wte, model.wpe, model.attnWq, model.attnWk, model.attnWv, model.attnWo, model.mlpFc1, model.mlpFc2, model.lmHead].flat(2): the Values themselves, not copies.",
        ],
      },
      {
        id: "step3/03",
        slug: "03_rmsnorm",
        title: "RMSNorm: every vector back to a common scale",
        guide: "3.3 RMSNorm",
        hints: [
          "RMSNorm divides a vector by the square root of the mean of its squares, so the result's root mean square is 1. The 1e-5 goes inside the root: (ms + 1e-5)^−0.5.",
          "ms = mul(dot(x, x), 1 / x.length): one fused node for the sum of squares. scale = pow(add(ms, RMS_EPS), -0.5). Then multiply every entry by scale.",
          "const ms = mul(dot(x, x), 1 / x.length); const scale = pow(add(ms, RMS_EPS), -0.5); return x.map((xi) => mul(xi, scale));",
        ],
      },
      {
        id: "step3/04",
        slug: "04_attention",
        title: "Attention: scores, weights and the weighted sum",
        guide: "3.4 Q, K, V · 3.5 Scores and weights",
        hints: [
          "A score says how well the query matches one cached key: their dot product, divided by √d so its size does not grow with the length d. Softmax turns the scores into weights that are positive and sum to 1; the output mixes the cached values with those weights.",
          "softmax: max = the largest .data (a plain number); exps = logits.map((v) => exp(add(v, -max))); inverse = pow(fusedSum(exps), -1); each e times inverse. attentionWeights: softmax of mul(dot(q, k), Math.sqrt(q.length) ** -1) for each key.",
          "weightedSum: for each dimension j of a value vector, out.push(dot(weights, values.map((v) => v[j]))): the sum runs over positions t, with the j-th entry of each cached value.",
        ],
      },
      {
        id: "step3/05",
        slug: "05_gpt",
        title: "The block: attention, residuals, MLP and the KV cache",
        guide: "3.6 Output and residuals · 3.7 KV cache",
        hints: [
          "gpt handles one position. Everything it needs from earlier positions is in the cache: their keys and values, the very Value nodes, so gradients flow back to the positions that made them. Each block ends by adding its input back (the residual).",
          "attentionBlock: xn = rmsnorm(x); q = linear(xn, attnWq); push linear(xn, attnWk) onto cache.keys and linear(xn, attnWv) onto cache.values; w = attentionWeights(q, cache.keys); trace?.push(w.map((v) => v.data)); out = weightedSum(w, cache.values); return addResidual(linear(out, attnWo), x). mlpBlock: h = relu of linear(rmsnorm(x), mlpFc1); addResidual(linear(h, mlpFc2), x).",
          "gpt: let x = rmsnorm(embed(model.wte, model.wpe, token, pos)); x = attentionBlock(model, x, cache, trace); x = mlpBlock(model, x); return linear(x, model.lmHead). Push the keys and values themselves: a copy as new leaves gives the same logits but cuts the gradient paths.",
        ],
      },
      {
        id: "step3/06",
        slug: "06_training",
        title: "Training the attention model",
        guide: "3.8 Training and results",
        hints: [
          "A name is read position by position with its own fresh cache. There are only blockSize position embeddings, so a long name is scored on its first blockSize positions: n = min(blockSize, tokens.length − 1).",
          "forward: cache = emptyCache(); for pos from 0 to n − 1: probs = softmax(gpt(model, tokens[pos], pos, cache)); push neg(log(probs[tokens[pos + 1]])); return mul(1 / n, fusedSum(losses)). train is Step 2's loop with this forward; Step 2's sgdUpdate also zeroes the grads.",
          "train: params = parameters(model); for each step: loss = forward(model, docs[step % docs.length]); backward(loss); lr = learningRate(step, options.steps, options.lr0); options.onStep?.({ step, loss: loss.data, lr }); sgdUpdate(params, lr); losses.push(loss.data).",
        ],
      },
      {
        id: "step3/07",
        slug: "07_sampling",
        title: "Sampling with the cache",
        guide: "3.8 Training and results",
        hints: [
          "Sampling is training's forward pass without targets: one position at a time, a fresh cache for each name, feeding back the token just drawn. It stops at BOS, at maxLength characters, or after blockSize positions.",
          "cache = emptyCache(); token = BOS; for pos from 0 while pos < min(maxLength, CONFIG.blockSize): logits = gpt(model, token, pos, cache) each multiplied by temperature ** -1; token = rng.weightedIndex(softmax(logits).map((p) => p.data)); stop at BOS, else keep it.",
        ],
      },
    ],
  },
  {
    step: 4,
    dir: "step4",
    title: "Transformer: multi-head attention and a stack of layers",
    lessons: [
      {
        id: "step4/01",
        slug: "01_multi_head",
        title: "Multi-head attention: four small heads instead of one",
        guide: "4.1 What changes · 4.2–4.3 Multi-head attention",
        hints: [
          "Four heads let the model look back for four different things at once. Each head is Step 3's attention, run on its own slice of 4 dimensions: you already wrote it (attentionWeights and weightedSum of step3/04).",
          "headSlice is vector.slice(h * headDim, (h + 1) * headDim). In multiHeadAttention, headDim = q.length / nHead; for each head h, slice the query, every key and every value, and give the slices to attentionWeights (it scales by √ of the length of what it gets: √headDim, as it should) and weightedSum.",
          "for (let h = 0; h < nHead; h++) { const w = attentionWeights(headSlice(q, h, headDim), keys.map((k) => headSlice(k, h, headDim))); trace?.push(w.map((v) => v.data)); out.push(...weightedSum(w, values.map((v) => headSlice(v, h, headDim)))); } return out;",
        ],
      },
      {
        id: "step4/02",
        slug: "02_parameters",
        title: "Parameters for a stack of layers",
        guide: "4.4 Layer loop",
        hints: [
          "The random generator hands out numbers in sequence, so the order in which you draw the matrices decides every weight. Step 4 draws wte, wpe, lmHead, then each layer's six matrices: lmHead is third now, not last.",
          "Use Step 3's valueMatrix(rows, cols, rng). wte is vocabSize × nEmbd, wpe blockSize × nEmbd, lmHead vocabSize × nEmbd; per layer attnWq, attnWk, attnWv, attnWo nEmbd × nEmbd, mlpFc1 4·nEmbd × nEmbd, mlpFc2 nEmbd × 4·nEmbd. parameters() walks the same order.",
          "initModel: const wte = valueMatrix(vocabSize, nEmbd, rng); const wpe = …; const lmHead = …; then for i < config.nLayer push { attnWq: valueMatrix(nEmbd, nEmbd, rng), …, mlpFc2: valueMatrix(nEmbd, 4 * nEmbd, rng) }. parameters: [wte, wpe, lmHead, then each layer's six matrices].flat(2).",
        ],
      },
      {
        id: "step4/03",
        slug: "03_gpt",
        title: "The layer loop and its per-layer KV cache",
        guide: "4.4 Layer loop · 4.5 Per-layer KV cache",
        hints: [
          "Each layer makes its own keys and values from its own input, so each layer needs its own cache: layer li reads and appends to caches[li] only. A cache shared between layers would let layer 1 attend to layer 0's keys.",
          "emptyCaches: Array.from({ length: nLayer }, () => emptyCache()) gives each layer its own object (new Array(n).fill(emptyCache()) puts the same one everywhere). multiHeadBlock is Step 3's attentionBlock with multiHeadAttention(q, cache.keys, cache.values, nHead, trace) in place of the single head.",
          "gpt: let x = rmsnorm(embed(model.wte, model.wpe, token, pos)); model.layers.forEach((layer, li) => { x = multiHeadBlock(layer, x, caches[li], nHead, trace); x = mlpBlock(layer, x); }); return linear(x, model.lmHead).",
        ],
      },
      {
        id: "step4/04",
        slug: "04_training",
        title: "Training the transformer, and sampling from it",
        guide: "4.6 Training and results",
        hints: [
          "Nothing new to invent: this is Step 3's forward, train and sample. The only difference is the cache: a name starts with one fresh, empty cache per layer, so that it never sees the previous name.",
          "forward: n = Math.min(CONFIG.blockSize, tokens.length - 1); caches = emptyCaches(model.layers.length); for each pos, probs = softmax(gpt(model, tokens[pos], pos, caches)), push neg(log(probs[tokens[pos + 1]])); return mul(1 / n, fusedSum(losses)). train: Step 3's loop, with this forward and parameters.",
          "sample: caches = emptyCaches(model.layers.length); token = tokenizer.bos; for pos < maxLength: logits = gpt(model, token, pos, caches).map((l) => mul(l, temperature ** -1)); token = rng.weightedIndex(softmax(logits).map((p) => p.data)); stop at BOS, else keep the id; return decode(tokenizer, ids).",
        ],
      },
    ],
  },
  {
    step: 5,
    dir: "step5",
    title: "Adam: the complete microGPT",
    lessons: [
      {
        id: "step5/01",
        slug: "01_ema",
        title: "Moving averages and their bias correction",
        guide: "5.1 What changes · 5.2 Momentum and adaptive rates",
        hints: [
          "A moving average keeps most of what it knew (β of it) and lets in a little of the new number (1 − β). Started at 0, it is too small at first: after t updates of the same x it is only (1 − β^t)·x, and the correction divides that factor out.",
          "ema returns beta * average + (1 - beta) * x. biasCorrected returns average / (1 - beta ** t). Check: ema(0, 10, 0.9) is 1, and biasCorrected(1, 0.9, 1) is 10 again.",
        ],
      },
      {
        id: "step5/02",
        slug: "02_adam",
        title: "Adam: a step size for every parameter",
        guide: "5.3 The code",
        hints: [
          "Adam divides each parameter's average gradient by its usual gradient size, so every parameter takes steps of about lr, whatever the scale of its gradient. That needs memory per parameter: m[i] and v[i] belong to parameter i alone.",
          "For each parameter i with g = p.grad: m[i] = ema(m[i], g, β₁); v[i] = ema(v[i], g ** 2, β₂); mHat and vHat are biasCorrected with t = step + 1 (step counts from 0, and β⁰ = 1 would divide by 0); then p.data -= (lr * mHat) / (vHat ** 0.5 + eps); then p.grad = 0. adamState: two separate arrays of zeros.",
          "const g = p.grad; state.m[i] = ema(state.m[i], g, beta1); state.v[i] = ema(state.v[i], g ** 2, beta2); const mHat = biasCorrected(state.m[i], beta1, step + 1); const vHat = biasCorrected(state.v[i], beta2, step + 1); p.data -= (lr * mHat) / (vHat ** 0.5 + eps); p.grad = 0;",
        ],
      },
      {
        id: "step5/03",
        slug: "03_training",
        title: "microGPT: the complete training loop",
        guide: "5.4 Training and results",
        hints: [
          "It is Step 4's train with Adam in place of SGD. Adam remembers: make its state once, before the loop, so that m and v carry over from step to step.",
          "params = parameters(model); state = adamState(params.length); for each step: loss = forward(model, docs[step % docs.length]) (Step 4's); backward(loss); lr = learningRate(step, steps, lr0); onStep?.({ step, loss: loss.data, lr }); adamUpdate(params, state, lr, step); collect loss.data.",
        ],
      },
    ],
  },
];

/** A lesson together with the track it belongs to and its three files. */
export interface LessonEntry {
  track: Track;
  lesson: Lesson;
  /** Path from the project root, e.g. `"lessons/step1/04_softmax.ts"`. */
  lessonFile: string;
  solutionFile: string;
  testFile: string;
}

/** Every lesson of every track, in order, with its files. */
export function allLessons(): LessonEntry[] {
  return TRACKS.flatMap((track) =>
    track.lessons.map((lesson) => ({
      track,
      lesson,
      lessonFile: `lessons/${track.dir}/${lesson.slug}.ts`,
      solutionFile: `solutions/${track.dir}/${lesson.slug}.ts`,
      testFile: `tests/${track.dir}/${lesson.slug}_test.ts`,
    }))
  );
}

/**
 * Whether `key` is a bare lesson number such as "4" or "04": one or two
 * digits and nothing else (no sign, point, exponent, space or "0x"; lesson
 * numbers have two digits at most).
 */
export function isLessonNumber(key: string): boolean {
  return /^\d{1,2}$/.test(key);
}

/**
 * Finds the lesson `key` names: the one lesson resolver of the kata (the
 * commands, and todo() for its message, use it).
 *
 * @param key An id (`step1/04`, also `step1/4`), a slug (`04_softmax`), a
 * number within `currentTrack` (`4`), or a path or file URL of the lesson,
 * its solution or its test.
 * @param currentTrack The track a bare number refers to.
 * @throws {UserError} When `key` names no lesson, or several.
 *
 * @example Usage
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { resolveLesson } from "./manifest.ts";
 *
 * assertEquals(resolveLesson("step1/4").lesson.id, "step1/04");
 * assertEquals(resolveLesson("lessons/step1/04_softmax.ts").lesson.id, "step1/04");
 * ```
 */
export function resolveLesson(
  key: string,
  currentTrack?: string,
): LessonEntry {
  const entries = allLessons();
  const matches = entries.filter((entry) => names(entry, key, currentTrack));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UserError(
      `"${key}" names several lessons (${
        matches.map((m) => m.lesson.id).join(", ")
      }): use the lesson's id`,
      2,
    );
  }
  throw new UserError(
    `Unknown lesson "${key}": expected a lesson id (${validIds()}), a lesson file, or a lesson number in the current track`,
    2,
  );
}

/** The valid ids, compactly: "step1/01 to step1/11, step2/01 to step2/07". */
export function validIds(): string {
  return TRACKS.map((track) => {
    const ids = track.lessons.map((lesson) => lesson.id);
    return ids.length === 1 ? ids[0] : `${ids[0]} to ${ids.at(-1)}`;
  }).join(", ");
}

function names(
  entry: LessonEntry,
  key: string,
  currentTrack: string | undefined,
): boolean {
  const { lesson, track } = entry;
  const number = lesson.slug.match(/^\d+/)?.[0];
  if (isLessonNumber(key)) {
    return track.dir === currentTrack && Number(number) === Number(key);
  }
  const id = key.match(/^([\w-]+)\/(\d{1,2})$/);
  if (id !== null) {
    return id[1] === track.dir && Number(id[2]) === Number(number);
  }
  if (key === lesson.slug || key === `${lesson.slug}.ts`) return true;
  if (key === `${track.dir}/${lesson.slug}`) return true;
  let path = key.replaceAll("\\", "/");
  if (path.startsWith("file:")) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
    } catch {
      return false;
    }
  }
  const files = [entry.lessonFile, entry.solutionFile, entry.testFile];
  return files.some((file) =>
    path === file || path === `./${file}` || path.endsWith(`/${file}`)
  );
}
