/**
 * Lesson step1/08 · Analytic gradient: backpropagation by hand
 * Guide: 1.7 Analytic gradient
 *
 * Lesson 07 found each gradient by nudging one parameter and running the
 * whole forward pass again: 3,184 passes for one gradient. Backpropagation
 * gets all 3,184 numbers from one pass forward and one pass backward, using
 * one rule from calculus, the chain rule, again and again. No calculus is
 * needed beyond the three lines below.
 *
 * Notation. For any number v the forward pass computes, write dv for "how
 * much the loss moves per unit that v moves" (∂loss/∂v): if v grew by a
 * tiny ε, the loss would grow by about dv·ε. The goal is dw for every
 * weight w; that list, in flat order, is the gradient of lesson 07.
 *
 * The chain rule, in three lines. If y is computed from x, and the loss
 * depends on x only through y:
 *
 *     x ──▶ y ──▶ … ──▶ loss        moving x by ε moves y by ε·(∂y/∂x),
 *                                   and the loss by that times dy, so
 *     dx = dy · ∂y/∂x
 *
 * and when x feeds several things y₁, y₂, …, their shares add up:
 * dx = dy₁·∂y₁/∂x + dy₂·∂y₂/∂x + … (this is why gradients are added, +=).
 *
 * One layer. A linear layer y = linear(x, w) computes
 * y[i] = Σⱼ w[i][j]·x[j]. Each weight w[i][j] touches one output, y[i],
 * with ∂y[i]/∂w[i][j] = x[j]; each input x[j] touches every y[i], with
 * ∂y[i]/∂x[j] = w[i][j]:
 *
 *     x[j] ──(× w[i][j])──▶ y[i]      dw[i][j] = dy[i]·x[j]
 *                                     dx[j]    = Σᵢ w[i][j]·dy[i]
 *
 * Given dy, that picture gives the layer's weights their gradient and
 * hands dx on to whatever came before. The model has two such layers.
 *
 * Where it starts: probs − onehot(target). onehot(target) is a vector of
 * zeros with a single 1 at index target: onehot(2) among 3 tokens is
 * [0, 0, 1]. For the loss −log(softmax(logits)[target]), the chain rule
 * through softmax and the log works out to
 *
 *     dlogits = probs − onehot(target)
 *
 * Worked with two logits [a, b] = [2, 0] and target 0: probs =
 * [e²/(e² + 1), 1/(e² + 1)] ≈ [0.881, 0.119], so dlogits ≈
 * [0.881 − 1, 0.119 − 0] = [−0.119, 0.119]. Check it by hand: the loss is
 * −log(eᵃ/(eᵃ + eᵇ)) = −a + log(eᵃ + eᵇ); its slope in a is
 * −1 + eᵃ/(eᵃ + eᵇ) = probs[0] − 1, in b it is eᵇ/(eᵃ + eᵇ) = probs[1].
 * Read it: raising the right logit lowers the loss, raising a wrong one
 * raises it, and both effects shrink as the model grows sure of the right
 * answer. The loss of a name is the mean (1/n)·Σ over its n positions, so
 * each position's dlogits is divided by n: probs / n, and 1/n less at the
 * target. (Forget it, and every gradient comes out exactly n times too big.)
 *
 * The backward pass for one position walks the forward pass's arrows in
 * reverse, x = wte[token] → hPre → h → logits, each step being the chain
 * rule for one piece:
 * 1. dlogits = (probs − onehot(target)) / n, as above;
 * 2. logits = linear(h, mlpFc2) is one layer: mlpFc2[i][j] gets
 *    dlogits[i]·h[j], and dh[j] = Σᵢ mlpFc2[i][j]·dlogits[i];
 * 3. h = relu(hPre): ∂h[j]/∂hPre[j] is 1 where hPre[j] > 0 and 0
 *    elsewhere, so dhPre[j] is dh[j] where hPre[j] > 0, else 0 (a unit
 *    that was switched off passes nothing back);
 * 4. hPre = linear(x, mlpFc1) is the same layer picture again: mlpFc1[i][j]
 *    gets dhPre[i]·x[j], and dx[j] = Σᵢ mlpFc1[i][j]·dhPre[i];
 * 5. x is row `token` of wte, so wte[token][j] gets dx[j].
 *
 * "Gets" means +=, never =: every position uses the same weights, and a
 * token seen twice uses its wte row twice; by the chain rule's sum, each
 * use adds its share. Gradients collect in g = zerosLike(model), and
 * flatten(g) puts them in flat order.
 *
 * The forward half of the loop is written for you in the stub: x, hPre, h
 * and probs are what the backward half needs. Your part is steps 1 to 5.
 * The tests check the loss against forward(), every gradient entry against
 * finite differences on three small models (one with a token used three
 * times, one with the empty name), that a switched-off ReLU unit gets
 * exactly 0, and a one-position example worked by hand. A failure names
 * the entry, such as ∂loss/∂mlpFc1[2][0], so you know which step to read.
 *
 * Run this lesson's tests: deno task test tests/step1/08_analytic_gradient_test.ts
 *
 * @module
 */

import { flatten, type Model, zerosLike } from "./02_parameters.ts";
import { linear } from "./03_linear.ts";
import { softmax } from "./04_softmax.ts";
import { relu } from "./05_mlp.ts";
import { crossEntropy } from "./06_forward.ts";
import type { LossAndGradient } from "./07_numerical_gradient.ts";

import { todo } from "../../support/todo.ts";

/**
 * The loss and its exact gradient, by backpropagation.
 *
 * @param model The parameters (not changed).
 * @param tokens A tokenized name.
 * @returns The mean loss and the gradient in flat parameter order.
 *
 * @example Usage
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { PyRandom } from "../../support/random.ts";
 * import { initModel } from "./02_parameters.ts";
 * import { forward } from "./06_forward.ts";
 * import { analyticGradient } from "./08_analytic_gradient.ts";
 *
 * const model = initModel(5, 2, new PyRandom(7));
 * const { loss } = analyticGradient(model, [4, 0, 1, 4]);
 * assertAlmostEquals(loss, forward(model, [4, 0, 1, 4]), 1e-12);
 * ```
 */
export function analyticGradient(
  model: Model,
  tokens: number[],
): LossAndGradient {
  const n = tokens.length - 1;
  const g = zerosLike(model); // the gradient, shaped like the model, all 0
  let loss = 0;
  for (let pos = 0; pos < n; pos++) {
    const token = tokens[pos];
    const target = tokens[pos + 1];

    // Forward, keeping every intermediate value the backward pass needs.
    const x = model.wte[token];
    const hPre = linear(x, model.mlpFc1);
    const h = relu(hPre);
    const probs = softmax(linear(h, model.mlpFc2));
    loss += crossEntropy(probs, target);

    // Backward: steps 1 to 5 of the lesson, adding into g. Replace this
    // line with them.
    todo("analyticGradient", import.meta.url);
  }
  return { loss: (1 / n) * loss, grad: flatten(g) };
}
