// Attention (guide 3.5, 4.3): for each head, a heatmap of who looks at
// whom in a name, from the lessons' gpt: row p is position p reading,
// column t a position it looks at. Nothing above the diagonal: a position
// only sees the cache, which holds positions 0 … p.
import { askModel, nameToRead } from "../gpt.js";
import { h } from "../api.js";
import { heatCell, heatmap, signedFill, weightFill } from "../svg.js";

export function mount(parts, status) {
  const { name, even, plot } = parts;
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
  };
  const params = () => ({ name: nameToRead(parts) });
  const steps = status.details.steps;
  const update = askModel("attention", parts, steps, 4, params, show);
  name.addEventListener("input", update);
  even.addEventListener("change", () => answer && draw());
  return update();
}

/**
 * One head's weights: a lower-triangular heatmap. One head gets the card's
 * width to itself, and room to print each weight in its cell (style.css);
 * four share it. With `even`, a cell is blue when it gets more than an
 * even share 1 / (p + 1) of row p, orange when less (full colour at 1.5
 * times or 2/3 of it): small trained models stay close to even, and this
 * shows how.
 */
function headMap(weights, labels, head, even, heads) {
  const fill = (w, p) =>
    even ? signedFill(Math.log(w * (p + 1)), Math.log(1.5)) : weightFill(w);
  const tip = (w, p, t) =>
    `${labels[p]} (position ${p}) looks at ${labels[t]} (position ${t}): ${
      w.toFixed(3)
    }`;
  const print = heads === 1 && "weight";
  const rows = weights.map((row, p) =>
    row.map((w, t) => heatCell(w, fill(w, p), tip(w, p, t), print))
  );
  const caption = h("figcaption", {}, `head ${head + 1}`);
  const table = heatmap(rows, { labels, columns: labels });
  return h("figure", { class: heads === 1 ? "one" : "" }, caption, table);
}
