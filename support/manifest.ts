/**
 * The kata's manifest: the one list of tracks and lessons, in order, with
 * their files, guide pages and hints.
 *
 * Every tool reads it: the stubs' "not implemented" messages, the self-check,
 * the progress view, hints and the trainer. A test (tests/support/
 * manifest_test.ts) proves that every entry has its lesson, solution and test
 * file, and that no lesson file is left out.
 *
 * @module
 */

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
          "The vocabulary is every character that appears in any name, sorted. A Set collects them; spread it into an array and sort it.",
          "BOS is one more id after the last character: chars.length. vocabSize counts the characters plus BOS.",
          'encode: [bos, ...[...name].map((ch) => chars.indexOf(ch)), bos]. decode: ids.map((id) => chars[id]).join("").',
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
          "First compute the loss once with the weights as they are. Then, for each matrix, each row, each column: remember the value, add eps, measure the loss, put the value back.",
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
          "Redo the forward pass per position, keeping x, the pre-activation hPre = linear(x, mlpFc1), h = relu(hPre) and probs. Gradients go into g = zerosLike(model) and are added (+=), never assigned.",
          "The loss is a mean over n positions, so dlogits = probs / n, and subtract 1/n at the target. Then for each output row i and hidden j: g.mlpFc2[i][j] += dlogits[i] * h[j] and dh[j] += model.mlpFc2[i][j] * dlogits[i].",
          "ReLU passes the gradient only where hPre[j] > 0. Then g.mlpFc1[i][j] += dhPre[i] * x[j], dx[j] += model.mlpFc1[i][j] * dhPre[i], and finally g.wte[token][j] += dx[j]. Return { loss, grad: flatten(g) }.",
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
          "Dividing logits by a temperature below 1 stretches the gaps between them, so softmax favours the top choice more; above 1 it flattens them.",
          "Start with token = tokenizer.bos. Repeat at most maxLength times: probs = temperatureSoftmax(mlp(model, token), temperature); token = rng.weightedIndex(probs); stop if token is BOS, else keep its character.",
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
 * Finds a lesson by id (`"step1/04"`), slug (`"04_softmax"`), file path or
 * file URL. Returns `undefined` when nothing matches.
 */
export function findLesson(key: string): LessonEntry | undefined {
  const path = key.startsWith("file:") ? new URL(key).pathname : key;
  return allLessons().find((entry) =>
    entry.lesson.id === key ||
    entry.lesson.slug === key ||
    `${entry.track.dir}/${entry.lesson.slug}` === key ||
    path.endsWith(`/${entry.lessonFile}`) ||
    path.endsWith(`/${entry.solutionFile}`) ||
    path === entry.lessonFile
  );
}
