// The Value graph of e = a·b, d = e + c, g = d², L = g·f after backward
// (guide 2.3–2.5): every node's data and grad, computed by the lessons.
import { ask, controls, fmt, h, keep, refusalError } from "../api.js";
import { chart, s } from "../svg.js";

const START = { a: 2, b: -3, c: 10, f: -2 };

/**
 * A leaf's number. A blank box would read as 0 (Number("") is 0) and
 * silently change the graph: it is refused instead.
 */
function leaf(input) {
  const name = input.dataset.leaf;
  if (input.value.trim() === "" || !Number.isFinite(Number(input.value))) {
    throw refusalError(`Type a number for ${name}: a blank box is not 0.`);
  }
  return Number(input.value);
}

export function mount(body, _status, section) {
  const inputs = Object.entries(START).map(([name, v]) =>
    keep(
      "value-graph",
      name,
      h("input", {
        type: "number",
        step: "any",
        min: -100,
        max: 100,
        value: v,
        "aria-label": name,
        "data-leaf": name,
      }),
    )
  );
  const plot = h("div");
  body.append(
    controls(...inputs.map((i) => h("label", {}, i.dataset.leaf, i))),
    h(
      "p",
      { class: "muted" },
      "e = a·b,  d = e + c,  g = d²,  L = g·f — data above, grad = ∂L/∂node below",
    ),
    plot,
  );
  const show = ({ nodes }) => {
    // Column = longest path from a leaf; the lessons' topological order
    // puts children first, so one pass suffices.
    const depth = [];
    nodes.forEach((n, i) => {
      depth[i] = Math.max(-1, ...n.children.map((c) => depth[c])) + 1;
    });
    const rows = [];
    const pos = nodes.map((_, i) => {
      const row = rows[depth[i]] = (rows[depth[i]] ?? -1) + 1;
      return { x: 10 + depth[i] * 110, y: 10 + row * 62 };
    });
    const width = 10 + (Math.max(...depth) + 1) * 110;
    const height = 10 + Math.max(...rows) * 62 + 52;
    const svg = chart(width, height);
    nodes.forEach((n, i) => {
      for (const c of n.children) {
        svg.append(
          s("path", {
            class: "edge",
            d: `M${pos[c].x + 84},${pos[c].y + 22} C${pos[c].x + 100},${
              pos[c].y + 22
            } ${pos[i].x - 16},${pos[i].y + 22} ${pos[i].x},${pos[i].y + 22}`,
          }),
        );
      }
    });
    nodes.forEach((n, i) => {
      svg.append(
        s(
          "g",
          {
            class: "node",
            transform: `translate(${pos[i].x},${pos[i].y})`,
            "data-label": n.label,
            "data-data": n.data,
            "data-grad": n.grad,
          },
          s("rect", { width: 84, height: 44, rx: 5 }),
          s("text", { x: 6, y: 14 }, `${n.label}${n.op ? `  (${n.op})` : ""}`),
          s("text", { x: 6, y: 27 }, `data ${fmt(n.data)}`),
          s("text", { x: 6, y: 40, class: "grad" }, `grad ${fmt(n.grad)}`),
        ),
      );
    });
    plot.replaceChildren(svg);
    section.dataset.ready = "true";
  };
  const update = ask(
    "value-graph",
    () => Object.fromEntries(inputs.map((i) => [i.dataset.leaf, leaf(i)])),
    show,
    plot,
  );
  for (const input of inputs) input.addEventListener("input", update);
  return update();
}
