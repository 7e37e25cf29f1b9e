// Step 0's count table as a heatmap (guide 0.3); click a row for the
// model's next-token distribution after that character (0.4).
import { h, post } from "../api.js";
import * as svg from "../svg.js";

/** A cell's side, and the room for the labels, in user units. */
const [CELL, LEFT, TOP] = [14, 24, 16];

export async function mount({ plot, detail }, _status, section) {
  const answer = await post("/api/widgets/count-table", {});
  const { counts, probs } = answer;
  const labels = [...answer.chars, "·"]; // "·" is BOS
  const v = labels.length;
  const map = svg.chart(LEFT + v * CELL, TOP + v * CELL);
  const max = Math.log1p(Math.max(...counts.flat()));
  const mark = svg.s("rect", { class: "selected", height: CELL, x: LEFT });
  mark.setAttribute("width", v * CELL);
  const select = (row) => {
    mark.setAttribute("y", TOP + row * CELL);
    const title = `After “${labels[row]}”: P(next), add-one smoothed`;
    const bars = svg.bars(probs[row], labels, { width: 420 });
    detail.replaceChildren(h("p", {}, title), bars);
  };
  labels.forEach((label, i) => {
    const mid = i * CELL + CELL / 2;
    map.append(
      svg.s("text", { x: 16, y: TOP + mid + 3, class: "mid" }, label),
      svg.s("text", { x: LEFT + mid, y: 11, class: "mid" }, label),
    );
    counts[i].forEach((count, j) => {
      // Log scale: the counts span four orders of magnitude.
      const fill = svg.weightFill((Math.log1p(count) / max) ** 2);
      const tip = `${label} → ${labels[j]}: ${count}`;
      const at = [LEFT + j * CELL, TOP + i * CELL, CELL - 1, CELL - 1];
      const cell = svg.cell(at, fill, tip, { row: i });
      cell.addEventListener("click", () => select(i));
      map.append(cell);
    });
  });
  map.append(mark);
  plot.append(map);
  select(answer.bos);
  section.dataset.ready = "true";
}
