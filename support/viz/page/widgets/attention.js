// Attention (guide 3.5, 4.3): for each head, a heatmap of who looks at
// whom in a name, from the lessons' gpt: row p is position p reading,
// column t a position it looks at. Nothing above the diagonal: a position
// only sees the cache, which holds positions 0 … p.
import { askModel, modelControls, nameToRead } from "../gpt.js";
import * as svg from "../svg.js";

/**
 * A cell's side, in user units: one head gets the card's width to itself
 * and room to print each weight in its cell; four share it.
 */
const CELL = { one: 40, many: 20 };
/** Room for the row and column labels. */
const [LEFT, TOP] = [20, 34];

export function mount(parts, status, section) {
  const { name, even, plot } = parts;
  const model = modelControls(parts, status.details.steps, 4, "attention");
  let answer;
  const draw = () => {
    const { labels, readings } = answer;
    // weights[h][p][t]: head h, position p reading, position t read.
    const heads = readings[0].heads.map((_, h) =>
      readings.map((r) => r.heads[h])
    );
    const map = (weights, head) =>
      headMap(weights, labels, head, even.checked, heads.length);
    plot.replaceChildren(...heads.map(map));
  };
  const show = (a) => {
    answer = a;
    draw();
    Object.assign(section.dataset, {
      step: a.step,
      trained: a.trained,
      name: a.name,
      ready: "true",
    });
  };
  const update = askModel(
    "attention",
    model,
    () => ({ name: nameToRead(parts) }),
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
  const map = svg.chart(LEFT + n * side + 2, TOP + n * side + 2);
  map.append(svg.s("text", { x: LEFT, y: 12 }, `head ${head + 1}`));
  labels.forEach((label, i) => {
    const mid = i * side + side / 2;
    map.append(
      svg.s("text", { x: LEFT + mid, y: TOP - 4, class: "mid" }, label),
      svg.s("text", { x: LEFT / 2, y: TOP + mid + 3, class: "mid" }, label),
    );
  });
  weights.forEach((row, p) =>
    row.forEach((w, t) => {
      const [x, y] = [LEFT + t * side, TOP + p * side];
      const fill = even
        ? svg.signedFill(Math.log(w * (p + 1)), Math.log(1.5))
        : svg.weightFill(w);
      const tip = `${labels[p]} (position ${p}) looks at ${
        labels[t]
      } (position ${t}): ${w.toFixed(3)}`;
      map.append(
        svg.cell([x, y, side - 1, side - 1], fill, tip, {
          head,
          row: p,
          col: t,
        }),
      );
      if (side === CELL.one) {
        map.append(
          svg.number(x + side / 2, y + side / 2 + 3, w, !even && w > 0.4),
        );
      }
    })
  );
  return map;
}
