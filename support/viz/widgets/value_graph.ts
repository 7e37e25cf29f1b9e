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

export const VALUE_GRAPH: Widget = {
  id: "value-graph",
  title: "Autograd: a Value graph after backward",
  guide: "2.3–2.5 Value, operations, backward",
  needs: { from: "step2/01", to: "step2/03" },
  probe() {
    const x = new Value(2);
    backward(pow(add(mul(x, x), x), 2));
  },
  compute(params) {
    const labels = new Map<Value, { label: string; op: string }>();
    const node = (v: Value, label: string, op = "") => {
      labels.set(v, { label, op });
      return v;
    };
    // The leaves, in the order the page shows their inputs.
    const [a, b, c, f] = ["a", "b", "c", "f"].map((name) =>
      node(new Value(numberParam(params, name, -100, 100)), name)
    );
    const e = node(mul(a, b), "e", "·");
    const d = node(add(e, c), "d", "+");
    const g = node(pow(d, 2), "g", "²");
    const loss = node(mul(g, f), "L", "·");
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
