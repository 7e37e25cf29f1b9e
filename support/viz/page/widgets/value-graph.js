// The Value graph of e = a·b, d = e + c, g = d², L = g·f after backward
// (guide 2.3–2.5): every node's data and grad, computed by the lessons.
import { ask, fmt } from "../api.js";
import { chart, s } from "../svg.js";

/** A node's box, and the room between columns and rows, in user units. */
const [W, H, COLUMN, ROW] = [84, 44, 110, 62];

/** A node: its label and operation, data above, grad below. */
function node({ label, op, data, grad }, { x, y }) {
  return s(
    "g",
    { class: "node", transform: `translate(${x},${y})`, "data-label": label },
    s("rect", { width: W, height: H, rx: 5 }),
    s("text", { x: 6, y: 14 }, op ? `${label}  (${op})` : label),
    s("text", { x: 6, y: 27 }, `data ${fmt(data)}`),
    s("text", { x: 6, y: 40, class: "grad" }, `grad ${fmt(grad)}`),
  );
}

/** An edge from a child's right side to its parent's left, curved. */
function edge(from, to) {
  const at = ({ x, y }, dx) => `${x + dx},${y + H / 2}`;
  const d = `M${at(from, W)} C${at(from, W + 16)} ${at(to, -16)} ${at(to, 0)}`;
  return s("path", { class: "edge", d });
}

export function mount({ body, plot }) {
  const inputs = [...body.querySelectorAll("input")];
  const show = ({ nodes }) => {
    // Column = longest path from a leaf; the lessons' topological order
    // puts children first, so one pass suffices.
    const depth = [];
    const rows = [];
    const at = nodes.map((n, i) => {
      depth[i] = Math.max(-1, ...n.children.map((c) => depth[c])) + 1;
      const row = rows[depth[i]] = (rows[depth[i]] ?? -1) + 1;
      return { x: 10 + depth[i] * COLUMN, y: 10 + row * ROW };
    });
    const width = 10 + (Math.max(...depth) + 1) * COLUMN;
    const graph = chart(width, 18 + Math.max(...rows) * ROW + H);
    nodes.forEach((n, i) =>
      n.children.forEach((c) => graph.append(edge(at[c], at[i])))
    );
    graph.append(...nodes.map((n, i) => node(n, at[i])));
    plot.replaceChildren(graph);
  };
  // A blank box is no number (not 0): the server says so.
  const leaves = () =>
    Object.fromEntries(inputs.map((i) => [i.name, i.valueAsNumber]));
  const update = ask("value-graph", leaves, show, plot);
  for (const input of inputs) input.addEventListener("input", update);
  return update();
}
