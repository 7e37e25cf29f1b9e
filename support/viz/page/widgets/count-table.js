// Step 0's count table as a heatmap (guide 0.3); click a row for the
// model's next-token distribution after that character (0.4).
import { h, post } from "../api.js";
import { cell } from "../gpt.js";
import { bars, chart, s } from "../svg.js";

/** A cell's side, in user units. */
const CELL = 14;

export async function mount(body, _status, section) {
  const { chars, bos, counts, probs } = await post("count-table", {});
  const labels = [...chars, "·"]; // "·" is BOS
  const v = labels.length;
  const svg = chart(24 + v * CELL, 16 + v * CELL);
  const max = Math.max(...counts.flat());
  const mark = s("rect", {
    class: "selected",
    width: v * CELL,
    height: CELL,
    x: 24,
    y: 16,
  });
  for (let i = 0; i < v; i++) {
    svg.append(
      s(
        "text",
        { x: 16, y: 16 + i * CELL + 10, "text-anchor": "middle" },
        labels[i],
      ),
      s(
        "text",
        { x: 24 + i * CELL + CELL / 2, y: 11, "text-anchor": "middle" },
        labels[i],
      ),
    );
    for (let j = 0; j < v; j++) {
      // Log scale: the counts span four orders of magnitude.
      const shade = Math.log1p(counts[i][j]) / Math.log1p(max);
      const rect = cell(
        24 + j * CELL,
        16 + i * CELL,
        CELL - 1,
        CELL - 1,
        `rgba(37, 99, 235, ${(0.04 + 0.96 * shade).toFixed(3)})`,
        `${labels[i]} → ${labels[j]}: ${counts[i][j]}`,
        { row: i, col: j },
      );
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
    mark.setAttribute("y", 16 + row * CELL);
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
