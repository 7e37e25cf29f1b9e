/**
 * Fixtures shared by the Step 2 tests: independent ways to get a gradient,
 * so that no test has to trust the lesson's own backward pass.
 *
 * @module
 */

import type { PyRandom } from "../../support/random.ts";
import type { Value } from "../../lessons/step2/01_value.ts";

/**
 * ∂root/∂leaf by the chain rule written out as a sum over paths: every path
 * from `root` down to `leaf` contributes the product of the local gradients
 * along it. Needs no topological order (and takes exponential time: small
 * graphs only), so it can check a graph before lesson 03 exists.
 */
export function gradientByPaths(root: Value, leaf: Value): number {
  if (root === leaf) return 1;
  let total = 0;
  for (let i = 0; i < root.children.length; i++) {
    total += root.localGrads[i] * gradientByPaths(root.children[i], leaf);
  }
  return total;
}

/** The central difference (f(x + h) − f(x − h)) / 2h of `f` at `x`. */
export function centralDifference(
  f: (x: number) => number,
  x: number,
  h = 1e-5,
): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** The operations a random expression is made of. */
export type Op =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "neg"
  | "log"
  | "exp"
  | "relu"
  | "pow";

/**
 * One step of a random expression: node `a` (and `b`) are earlier nodes,
 * the leaves first. To stay where every function is smooth, `div` divides
 * by 1 + b² and `log` takes the log of 1 + a².
 */
export interface Instruction {
  op: Op;
  a: number;
  b: number;
  /** The exponent, for `pow`. */
  k: number;
}

/**
 * Evaluates a random expression with plain numbers (Math, no Values): the
 * reference the tests differentiate numerically. Returns every node's
 * value, the root last.
 */
export function runWithNumbers(
  program: readonly Instruction[],
  leaves: readonly number[],
): number[] {
  const nodes = [...leaves];
  for (const { op, a, b, k } of program) {
    const x = nodes[a];
    const y = nodes[b];
    const result = {
      add: () => x + y,
      sub: () => x - y,
      mul: () => x * y,
      div: () => x / (1 + y * y),
      neg: () => -x,
      log: () => Math.log(1 + x * x),
      exp: () => Math.exp(x),
      relu: () => Math.max(0, x),
      pow: () => x ** k,
    }[op]();
    nodes.push(result);
  }
  return nodes;
}

/**
 * A random expression over `leafCount` leaves with `length` operations.
 * Operands are drawn among all earlier nodes, so nodes get reused (shared
 * subexpressions, diamonds). Operations are only chosen where they are
 * smooth and tame at the given leaf values: exp of |a| < 2, relu away from
 * its kink, pow with exponents 2, 3, −1 (|a| > 0.3) and 0.5 (a > 0.3).
 */
export function randomProgram(
  rng: PyRandom,
  leaves: readonly number[],
  length: number,
): Instruction[] {
  const ops: Op[] = [
    "add",
    "sub",
    "mul",
    "div",
    "neg",
    "log",
    "exp",
    "relu",
    "pow",
  ];
  const program: Instruction[] = [];
  while (program.length < length) {
    const count = leaves.length + program.length;
    const values = runWithNumbers(program, leaves);
    const op = ops[rng.randbelow(ops.length)];
    // Favour the newest node as first operand, so the expression grows deep.
    const a = rng.random() < 0.5 ? count - 1 : rng.randbelow(count);
    const b = rng.randbelow(count);
    const k = [2, 3, -1, 0.5][rng.randbelow(4)];
    const x = values[a];
    const ok = op === "exp"
      ? Math.abs(x) < 2
      : op === "relu"
      ? Math.abs(x) > 0.01
      : op === "pow"
      ? (k === -1 ? Math.abs(x) > 0.3 : k === 0.5 ? x > 0.3 : Math.abs(x) < 5)
      : op === "mul"
      ? Math.abs(x * values[b]) < 100
      : true;
    if (ok) program.push({ op, a, b, k });
  }
  return program;
}
