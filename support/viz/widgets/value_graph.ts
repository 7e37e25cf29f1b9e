/**
 * The `Value` graph of a small expression (guide 2.3–2.5), built with the
 * learner's autograd lessons: each node shows its data and, after
 * `backward`, its grad.
 *
 *     e = a · b,  d = e + c,  g = d², L = g · f
 *
 * @module
 */

import { add, mul, Value } from "../../../lessons/step2/01_value.ts";
import { pow } from "../../../lessons/step2/02_more_ops.ts";
import {
  backward,
  topologicalOrder,
} from "../../../lessons/step2/03_backward.ts";
import { numberParam, type Widget } from "../widget.ts";

/** The graph's leaves, in the order the page shows their inputs. */
const LEAVES = ["a", "b", "c", "f"] as const;

export const VALUE_GRAPH: Widget = {
  id: "value-graph",
  title: "Autograd: a Value graph after backward",
  guide: "2.3–2.5 Value, operations, backward",
  probe() {
    const x = new Value(2);
    backward(pow(add(mul(x, x), x), 2));
  },
  compute(params) {
    const leaf = Object.fromEntries(
      LEAVES.map((
        name,
      ) => [name, new Value(numberParam(params, name, -100, 100))]),
    ) as Record<(typeof LEAVES)[number], Value>;
    const labels = new Map<Value, { label: string; op: string }>();
    for (const name of LEAVES) labels.set(leaf[name], { label: name, op: "" });
    const node = (v: Value, label: string, op: string) => {
      labels.set(v, { label, op });
      return v;
    };
    const e = node(mul(leaf.a, leaf.b), "e", "·");
    const d = node(add(e, leaf.c), "d", "+");
    const g = node(pow(d, 2), "g", "²");
    const loss = node(mul(g, leaf.f), "L", "·");
    backward(loss);
    // The learner's own topological order: children before parents (a
    // constant leaf that an operation made for itself is not shown).
    const order = topologicalOrder(loss).filter((v) => labels.has(v));
    const index = new Map(order.map((v, i) => [v, i]));
    return {
      nodes: order.map((v) => ({
        ...labels.get(v),
        data: v.data,
        grad: v.grad,
        children: v.children.filter((c) => index.has(c)).map((c) =>
          index.get(c)
        ),
      })),
    };
  },
};
