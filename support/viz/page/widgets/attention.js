// Attention (guide 3.5, 4.3): for each head, a heatmap of who looks at
// whom in a name, from the lessons' gpt: row p is position p reading,
// column t a position it looks at. Nothing above the diagonal: a position
// only sees the cache, which holds positions 0 … p.
import { controls, h, keep } from "../api.js";
import {
  askModel,
  cell,
  cutNote,
  modelControls,
  nameInput,
  nameToRead,
  signedFill,
  weightFill,
} from "../gpt.js";
import { chart, s } from "../svg.js";

/**
 * A cell's side, in user units: one head gets the card's width to itself
 * and room to print each weight in its cell; four share it.
 */
const CELL = { one: 40, many: 20 };
/** Room for the row and column labels. */
const LEFT = 20;
const TOP = 34;

export function mount(body, status, section) {
  const cut = cutNote();
  const name = keep("attention", "name", nameInput("isabella"));
  const model = modelControls(status.details.steps, 4, "attention");
  const even = keep(
    "attention",
    "even",
    h("input", { type: "checkbox", "aria-label": "even" }),
  );
  const plot = h("div", { class: "multiples" });
  body.append(
    controls(
      h("label", {}, "name", name),
      ...model.elements,
      h("label", {}, even, "against an even share"),
    ),
    cut,
    h(
      "p",
      { class: "muted" },
      "Row: the position reading (· is BOS); column: the position it looks at; darker: more weight. Each row sums to 1, and nothing lies above the diagonal: a position sees only the cache, positions 0 … p.",
    ),
    h(
      "p",
      { class: "muted" },
      "An untrained or briefly trained model spreads its attention almost evenly: that is expected. Row p shares its weight among p + 1 positions, so later rows are lighter: an even share is 1 / (p + 1). Tick “against an even share” to see who gets more than that (blue) or less (orange).",
    ),
    plot,
    model.note,
  );
  let answer;
  const draw = () => {
    const { labels, weights } = answer;
    plot.replaceChildren(
      ...weights.map((w, head) =>
        headMap(w, labels, head, even.checked, weights.length)
      ),
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
    () => ({ name: nameToRead(name, cut) }),
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
function headMap(weights, labels, head, even, heads) {
  const n = labels.length;
  const side = heads === 1 ? CELL.one : CELL.many;
  const svg = chart(LEFT + n * side + 2, TOP + n * side + 2);
  svg.append(s("text", { x: LEFT, y: 12 }, `head ${head + 1}`));
  labels.forEach((label, i) => {
    const mid = i * side + side / 2;
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
    row.forEach((w, t) => {
      const [x, y] = [LEFT + t * side, TOP + p * side];
      svg.append(cell(
        x,
        y,
        side - 1,
        side - 1,
        even ? signedFill(Math.log(w * (p + 1)), Math.log(1.5)) : weightFill(w),
        `${labels[p]} (position ${p}) looks at ${labels[t]} (position ${t}): ${
          w.toFixed(3)
        }`,
        { head, row: p, col: t, weight: w },
      ));
      if (side === CELL.one) svg.append(weightText(x, y, side, w, even));
    })
  );
  return svg;
}

/**
 * A weight printed in its cell, two decimals ("1" for the first row's
 * whole weight), white on the darker blues; the cell's tooltip stays
 * reachable under it.
 */
function weightText(x, y, side, w, even) {
  return s("text", {
    x: x + side / 2,
    y: y + side / 2 + 3,
    "text-anchor": "middle",
    class: !even && w > 0.4 ? "weight on-dark" : "weight",
    "pointer-events": "none",
  }, w > 0.995 ? "1" : w.toFixed(2).replace("0.", "."));
}
