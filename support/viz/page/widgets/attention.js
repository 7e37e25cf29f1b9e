// Attention (guide 3.5, 4.3): for each head, a heatmap of who looks at
// whom in a name, from the lessons' gpt: row p is position p reading,
// column t a position it looks at. Nothing above the diagonal: a position
// only sees the cache, which holds positions 0 … p.
import { controls, h } from "../api.js";
import {
  askModel,
  cell,
  modelControls,
  nameInput,
  signedFill,
  weightFill,
} from "../gpt.js";
import { chart, s } from "../svg.js";

/** A cell's side, in user units. */
const CELL = 14;
/** Room for the row and column labels. */
const LEFT = 16;
const TOP = 30;

export function mount(body, status, section) {
  const name = nameInput("isabella");
  const model = modelControls(status.details.steps, 4);
  const even = h("input", { type: "checkbox", "aria-label": "even" });
  const plot = h("div", { class: "multiples" });
  body.append(
    controls(
      h("label", {}, "name", name),
      ...model.elements,
      h("label", {}, even, "against an even share"),
    ),
    h(
      "p",
      { class: "muted" },
      "Row: the position reading (· is BOS); column: the position it looks at; darker: more weight. Each row sums to 1, and nothing lies above the diagonal: a position sees only the cache, positions 0 … p. Against an even share: blue gets more than 1 / (p + 1), orange less.",
    ),
    plot,
    model.note,
  );
  let answer;
  const draw = () => {
    const { labels, weights } = answer;
    plot.replaceChildren(
      ...weights.map((w, head) => headMap(w, labels, head, even.checked)),
    );
  };
  const show = (a) => {
    const { step, trained, name, weights } = a;
    answer = a;
    draw();
    Object.assign(section.dataset, {
      step,
      trained,
      name,
      heads: weights.length,
      weights: JSON.stringify(weights),
      ready: "true",
    });
  };
  const update = askModel(
    "attention",
    model,
    () => ({ name: name.value }),
    plot,
    show,
  );
  name.addEventListener("input", update);
  even.addEventListener("change", () => answer && draw());
  return update();
}

/**
 * One head's weights: a lower-triangular heatmap. With `even`, a cell is
 * blue when it gets more than an even share 1 / (p + 1) of row p, orange
 * when less (full colour at 1.5 times or 2/3 of it): small trained models
 * stay close to even, and this shows how.
 */
function headMap(weights, labels, head, even) {
  const n = labels.length;
  const svg = chart(LEFT + n * CELL + 2, TOP + n * CELL + 2);
  svg.append(s("text", { x: LEFT, y: 10 }, `head ${head + 1}`));
  labels.forEach((label, i) => {
    const mid = i * CELL + CELL / 2;
    svg.append(
      s("text", { x: LEFT + mid, y: TOP - 4, "text-anchor": "middle" }, label),
      s(
        "text",
        { x: LEFT / 2, y: TOP + mid + 3, "text-anchor": "middle" },
        label,
      ),
    );
  });
  weights.forEach((row, p) =>
    row.forEach((w, t) =>
      svg.append(cell(
        LEFT + t * CELL,
        TOP + p * CELL,
        CELL - 1,
        CELL - 1,
        even ? signedFill(Math.log(w * (p + 1)), Math.log(1.5)) : weightFill(w),
        `${labels[p]} (position ${p}) looks at ${labels[t]} (position ${t}): ${
          w.toFixed(3)
        }`,
        { head, row: p, col: t, weight: w },
      ))
    )
  );
  return svg;
}
