// Step 0's count table as a heatmap (guide 0.3); click a row for the
// model's next-token distribution after that character (0.4).
import { h, post } from "../api.js";
import { bars, cells, chart, gridLabels, s, weightFill } from "../svg.js";

/** A cell's side, and the room for the labels, in user units. */
const [CELL, LEFT, TOP] = [14, 24, 16];

export async function mount({ plot, detail }) {
  const answer = await post("/api/widgets/count-table", {});
  const { counts, probs } = answer;
  const labels = [...answer.chars, "·"]; // "·" is BOS
  const v = labels.length;
  const map = chart(LEFT + v * CELL, TOP + v * CELL);
  const max = Math.log1p(Math.max(...counts.flat()));
  const mark = s("rect", { class: "selected", height: CELL, x: LEFT });
  mark.setAttribute("width", v * CELL);
  const select = (row) => {
    mark.setAttribute("y", TOP + row * CELL);
    const title = `After “${labels[row]}”: P(next), add-one smoothed`;
    const chart = bars(probs[row], labels, { width: 420 });
    detail.replaceChildren(h("p", {}, title), chart);
  };
  const grid = cells(counts, [LEFT, TOP, CELL, CELL], {
    // Log scale: the counts span four orders of magnitude.
    fill: (count) => weightFill((Math.log1p(count) / max) ** 2),
    tip: (count, i, j) => `${labels[i]} → ${labels[j]}: ${count}`,
  });
  // Cell k is in row k / v: clicking it shows that row.
  const row = (k) => Math.floor(k / v);
  grid.forEach((c, k) => c.addEventListener("click", () => select(row(k))));
  map.append(...gridLabels(labels, LEFT, TOP, CELL), ...grid, mark);
  plot.append(map);
  select(answer.bos);
}
