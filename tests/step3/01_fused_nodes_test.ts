import { assertEquals, assertStrictEquals } from "@std/assert";
import { PyRandom } from "../../support/random.ts";
import { backward, topologicalOrder } from "../../lessons/step2/03_backward.ts";
import { dot, fusedSum, linear } from "../../lessons/step3/01_fused_nodes.ts";
import {
  assertBitExact,
  assertListEquals,
  assertVectorClose,
} from "../_assert.ts";
import { withoutCrash } from "../_guards.ts";
import { gradientByPaths } from "../step2/_fixtures.ts";
import { data, unfusedDot, unfusedSum, values } from "./_fixtures.ts";

Deno.test("step3/01 dot() is ONE node: data a·b, children a₀, b₀, a₁, b₁, … (worked by hand)", () => {
  const a = values([1, 2, 3]);
  const b = values([4, 5, 6]);
  const d = dot(a, b);
  assertEquals(d.data, 32, "1·4 + 2·5 + 3·6 = 32");
  assertEquals(
    d.children.length,
    6,
    "one node with both vectors' entries as its children (no mul or add nodes below it)",
  );
  // Each child named by the input it is: "a0" for a[0], "b2" for b[2].
  const inputs = [a[0], b[0], a[1], b[1], a[2], b[2]];
  const names = ["a0", "b0", "a1", "b1", "a2", "b2"];
  const name = (child: unknown) =>
    names[inputs.indexOf(child as never)] ?? "a new node";
  assertListEquals(d.children.map(name), names, {
    what: (i) => `dot()'s child ${i}`,
    note:
      "The children come in pairs, a₀, b₀, a₁, b₁, …: each aⱼ beside its bⱼ (not all of a, then all of b), with localGrads in the same order; and they are the input Values themselves, not copies.",
  });
  assertListEquals([...d.localGrads], [4, 1, 5, 2, 6, 3], {
    what: (i) =>
      `dot()'s local gradient ${i} (of child ${i % 2 ? "b" : "a"}${i >> 1})`,
    note:
      "The local gradient of aⱼ is bⱼ's data, and that of bⱼ is aⱼ's data: ∂(a·b)/∂aⱼ = bⱼ.",
  });
});

Deno.test("step3/01 dot() sums from 0, left to right, like Step 2's chain of adds (to the last bit)", () => {
  const rng = new PyRandom(5);
  for (let trial = 0; trial < 20; trial++) {
    const x = Array.from({ length: 16 }, () => rng.gauss(0, 1));
    const y = Array.from({ length: 16 }, () => rng.gauss(0, 1));
    let expected = 0;
    for (let j = 0; j < 16; j++) expected += x[j] * y[j];
    assertBitExact(dot(values(x), values(y)).data, expected, {
      what: `dot() of two 16-entry vectors (trial ${trial})`,
      note: "Sum from 0, left to right: data += a[j].data * b[j].data.",
    });
  }
});

Deno.test("step3/01 dot(x, x) gives each xⱼ the gradient 2·xⱼ (a child used twice counts twice)", () => {
  const x = values([3, -1, 0.5]);
  const d = dot(x, x);
  assertEquals(d.data, 10.25);
  assertEquals(
    x.map((v) => gradientByPaths(d, v)),
    [6, -2, 1],
    "∂(x·x)/∂xⱼ = 2xⱼ: push xⱼ twice, each time with local gradient xⱼ",
  );
});

Deno.test("step3/01 fusedSum() is ONE node, from 0 left to right, every local gradient 1", () => {
  const terms = values([0.1, 0.2, 0.3]);
  const s = fusedSum(terms);
  // (0.1 + 0.2) + 0.3 is 0.6000000000000001; 0.1 + (0.2 + 0.3) is 0.6.
  assertEquals(s.data, 0 + 0.1 + 0.2 + 0.3);
  assertEquals(
    s.children.length,
    3,
    "fusedSum() is one node whose children are the terms themselves (3 here)",
  );
  terms.forEach((t, i) =>
    assertStrictEquals(s.children[i], t, `child ${i} is term ${i}`)
  );
  assertListEquals([...s.localGrads], [1, 1, 1], {
    what: (i) => `fusedSum()'s local gradient ${i}`,
    note: "Every term counts once in a sum: each local gradient is 1.",
  });
  assertEquals(fusedSum([]).data, 0, "the sum of no terms is 0");
});

Deno.test("step3/01 linear() makes one dot node per row of w (worked by hand)", () => {
  const x = values([1, 2]);
  const w = [values([1, 0]), values([0, 1]), values([3, 4])];
  const out = withoutCrash(
    () => linear(x, w),
    () =>
      "linear(x, w) with w of 3 rows × 2 columns and x of 2 entries crashed: " +
      "it is one dot per row of w, out[i] = w[i]·x, so 3 outputs",
  );
  assertListEquals(data(out), [1, 2, 11], {
    what: (i) => `linear(x, w)[${i}]`,
    note: "linear(x, w) is one dot per row of w: out[i] = w[i]·x.",
  });
  out.forEach((o, i) =>
    assertEquals(o.children.length, 4, `row ${i}: one node over 2 pairs`)
  );
  assertEquals(gradientByPaths(out[2], w[2][1]), 2, "∂out₂/∂w₂₁ = x₁");
  assertEquals(gradientByPaths(out[2], x[1]), 4, "∂out₂/∂x₁ = w₂₁");
});

Deno.test("step3/01 fused nodes give Step 2's data and gradients with far fewer nodes", () => {
  // loss = Σᵢ (W·x)ᵢ for a 16×16 W, built both ways from the same numbers.
  const rng = new PyRandom(11);
  const xs = Array.from({ length: 16 }, () => rng.gauss(0, 1));
  const ws = Array.from({ length: 16 }, () => xs.map(() => rng.gauss(0, 1)));
  const build = (fused: boolean) => {
    const x = values(xs);
    const w = ws.map(values);
    const out = fused
      ? fusedSum(linear(x, w))
      : unfusedSum(w.map((row) => unfusedDot(row, x)));
    return { x, w, out };
  };
  const fused = build(true);
  const unfused = build(false);
  assertEquals(fused.out.data, unfused.out.data, "the same sum, to the bit");
  // 272 leaves (256 weights, 16 inputs) + 16 dot nodes + 1 sum node.
  const fusedCount = topologicalOrder(fused.out).length;
  // 272 leaves + 16 rows × (a 0, 16 muls, 16 adds) + (a 0 and 16 adds).
  const unfusedCount = topologicalOrder(unfused.out).length;
  assertEquals(unfusedCount, 817, "Step 2-style graph (the reference)");
  assertEquals(
    fusedCount,
    289,
    `fused graph: 272 leaves + 16 dot nodes + 1 sum node; found ${fusedCount} nodes (Step 2-style: ${unfusedCount})`,
  );
  backward(fused.out);
  backward(unfused.out);
  assertVectorClose(
    fused.x.map((v) => v.grad),
    unfused.x.map((v) => v.grad),
    { what: (i) => `∂loss/∂x[${i}], fused against Step 2-style`, tol: 1e-12 },
  );
  assertVectorClose(
    fused.w.flat().map((v) => v.grad),
    unfused.w.flat().map((v) => v.grad),
    {
      what: (i) => `∂loss/∂W[${i >> 4}][${i % 16}], fused against Step 2-style`,
      tol: 1e-12,
    },
  );
});
