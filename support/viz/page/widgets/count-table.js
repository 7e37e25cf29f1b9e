// Step 0's count table as a heatmap (guide 0.3); click a row for the
// model's next-token distribution after that character (0.4).
import { h, post } from "../api.js";
import { bars, chart, s } from "../svg.js";

export async function mount(body, _status, section) {
  const { chars, bos, counts, probs } = await post("count-table", {});
  const labels = [...chars, "·"]; // "·" is BOS
  const v = labels.length;
  const cell = 14;
  const svg = chart(24 + v * cell, 16 + v * cell);
  const max = Math.max(...counts.flat());
  const mark = s("rect", {
    class: "selected",
    width: v * cell,
    height: cell,
    x: 24,
    y: 16,
  });
  for (let i = 0; i < v; i++) {
    svg.append(
      s(
        "text",
        { x: 16, y: 16 + i * cell + 10, "text-anchor": "middle" },
        labels[i],
      ),
      s(
        "text",
        { x: 24 + i * cell + cell / 2, y: 11, "text-anchor": "middle" },
        labels[i],
      ),
    );
    for (let j = 0; j < v; j++) {
      // Log scale: the counts span four orders of magnitude.
      const shade = counts[i][j] === 0
        ? 0
        : Math.log1p(counts[i][j]) / Math.log1p(max);
      const rect = s("rect", {
        class: "cell",
        x: 24 + j * cell,
        y: 16 + i * cell,
        width: cell - 1,
        height: cell - 1,
        fill: `rgba(37, 99, 235, ${(0.04 + 0.96 * shade).toFixed(3)})`,
        "data-row": i,
        "data-col": j,
      }, s("title", {}, `${labels[i]} → ${labels[j]}: ${counts[i][j]}`));
      rect.addEventListener("click", () => select(i));
      svg.append(rect);
    }
  }
  svg.append(mark);
  const detail = h("div");
  body.append(
    h(
      "p",
      { class: "muted" },
      "Row: the current character (· is BOS); column: the next. Click a row.",
    ),
    h(
      "div",
      {
        style: "display:flex; gap:1rem; flex-wrap:wrap; align-items:flex-start",
      },
      svg,
      detail,
    ),
  );
  section.dataset.total = counts.flat().reduce((a, b) => a + b, 0);

  function select(row) {
    mark.setAttribute("y", 16 + row * cell);
    const p = probs[row];
    detail.replaceChildren(
      h("p", {}, `After “${labels[row]}”: P(next), add-one smoothed`),
      bars(p, labels, { width: 420, height: 150 }),
    );
    section.dataset.row = labels[row];
    section.dataset.rowCounts = counts[row].join(",");
    section.dataset.rowProbs = p.join(",");
  }
  select(bos);
  section.dataset.ready = "true";
}
