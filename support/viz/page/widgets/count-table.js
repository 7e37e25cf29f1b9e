// Step 0's count table as a heatmap (guide 0.3); click a row for the
// model's next-token distribution after that character (0.4).
import { h, post } from "../api.js";
import { bars, heatCell, heatmap, weightFill } from "../svg.js";

export async function mount({ plot, detail }) {
  const answer = await post("/api/widgets/count-table", {});
  const { counts, probs } = answer;
  const labels = [...answer.chars, "·"]; // "·" is BOS
  const max = Math.log1p(Math.max(...counts.flat()));
  // Log scale: the counts span four orders of magnitude.
  const cell = (count, i, j) => {
    const fill = weightFill((Math.log1p(count) / max) ** 2);
    return heatCell(count, fill, `${labels[i]} → ${labels[j]}: ${count}`);
  };
  const rows = counts.map((row, i) => row.map((count, j) => cell(count, i, j)));
  const table = heatmap(rows, { labels, columns: labels });
  const select = (row) => {
    table.querySelector(".selected")?.classList.remove("selected");
    table.rows[row + 1].classList.add("selected");
    const title = `After “${labels[row]}”: P(next), add-one smoothed`;
    const chart = bars(probs[row], labels, { width: 420 });
    detail.replaceChildren(h("p", {}, title), chart);
  };
  // A click on a cell shows its row (row 0 labels the columns).
  table.addEventListener("click", ({ target }) => {
    const row = target.closest("tr").rowIndex;
    if (row > 0) select(row - 1);
  });
  plot.append(table);
  select(answer.bos);
}
