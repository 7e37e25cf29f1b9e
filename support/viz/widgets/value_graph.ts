/**
 * The `Value` graph of a small expression (guide 2.3–2.5), built with the
 * learner's autograd lessons: each node shows its data and, after
 * `backward`, its grad.
 *
 *     e = a · b,  d = e + c,  g = d²,  L = g · f
 *
 * @module
 */

import type * as Values from "../../../lessons/step2/01_value.ts";
import type * as MoreOps from "../../../lessons/step2/02_more_ops.ts";
import type * as Backward from "../../../lessons/step2/03_backward.ts";
import { numberParam } from "../params.ts";
import type { Lessons, Widget } from "../widget.ts";

export function widget(lesson: Lessons): Widget {
  const { add, mul, Value } = lesson<typeof Values>("step2/01");
  const { pow } = lesson<typeof MoreOps>("step2/02");
  const { backward, topologicalOrder } = lesson<typeof Backward>("step2/03");
  return {
    probe() {
      const x = new Value(2);
      backward(pow(add(mul(x, x), x), 2));
    },
    compute(params) {
      type Node = InstanceType<typeof Value>;
      const labels = new Map<Node, { label: string; op: string }>();
      const node = (v: Node, label: string, op = "") => {
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
      return {
        nodes: order.map((v) => ({
          ...labels.get(v),
          data: v.data,
          grad: v.grad,
          children: v.children.filter((c) => labels.has(c)).map((c) =>
            order.indexOf(c)
          ),
        })),
      };
    },
  };
}
