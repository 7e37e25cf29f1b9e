// The KV cache (guide 3.7, 4.5): step through a name one position at a
// time. After position p, the cache holds p + 1 keys and values (one row
// each, 16 numbers in colour), and position p's attention weights over
// them (one column per head) say how much of each value it takes.
import { h, kept } from "../api.js";
import { askModel, nameToRead } from "../gpt.js";
import { heatCell, heatmap, signedFill, weightFill } from "../svg.js";

export function mount(parts, status) {
  const { name, position, readout, note, plot, hovered } = parts;
  // The position kept from before a redraw, once its name's length is known.
  let keptPosition = kept("kv-cache", "position");
  let answer;
  const draw = () => {
    const p = Number(position.value);
    const { keys, values, heads } = answer.readings[p];
    readout.textContent = p;
    // As many keys as values: one of each per position 0 … p.
    const n = keys.length;
    const holds = n === 1 ? "1 key and 1 value" : `${n} keys and ${n} values`;
    const reads = `Position ${p} reads “${answer.labels[p]}”`;
    note.textContent =
      `${reads}: the cache holds ${holds}, and its query weighs them.`;
    plot.replaceChildren(cacheMap(answer.labels, keys, values, heads, hovered));
  };
  const show = (a) => {
    answer = a;
    position.max = a.readings.length - 1;
    position.value = keptPosition ?? a.readings.length - 1;
    keptPosition = null;
    draw();
  };
  const params = () => ({ name: nameToRead(parts) });
  const steps = status.details.steps;
  const update = askModel("kv-cache", parts, steps, 3, params, show);
  name.addEventListener("input", update);
  position.addEventListener("input", () => answer && draw());
  return update();
}

/**
 * One row per cached position: its key, its value, and the weights on it
 * (a column per head, each weight printed). With several heads, keys and
 * values are cut into the heads' slices (head h reads dimensions
 * h·d … h·d + d − 1), each titled. Pointing at a cell writes its number in
 * `readout`.
 */
function cacheMap(labels, keys, values, heads, readout) {
  const max = Math.max(...[...keys, ...values].flat().map(Math.abs));
  const d = keys[0].length / heads.length; // one head's slice
  const head = (j) =>
    heads.length > 1 ? ` (head ${Math.floor(j / d) + 1})` : "";
  // Titled `k3[5] = … (head 2)`: the vector of position 3, its entry 5.
  const vector = (numbers, name) =>
    numbers.map((x, j) => {
      const tip = `${name}[${j}] = ${x.toFixed(4)}${head(j)}`;
      const cell = heatCell(x, signedFill(x, max), tip);
      if (j > 0 && j % d === 0) cell.classList.add("cut"); // a new head's slice
      return cell;
    });
  const weight = (row, k, t) => {
    const tip = `head ${k + 1}, weight on position ${t}: ${row[t].toFixed(3)}`;
    return heatCell(row[t], weightFill(row[t]), tip, "weight");
  };
  const gap = () => h("td", { class: "gap" });
  // A title over each head's slice, or one over the whole vector.
  const titles = (v, name) =>
    heads.map((_, k) =>
      h(
        "th",
        { colspan: d },
        heads.length > 1 ? `${v} h${k + 1}` : `${name} ${v}`,
      )
    );
  const columns = [
    ...titles("k", "key"),
    h("th"),
    ...titles("v", "value"),
    h("th"),
    ...heads.map((_, k) => heads.length > 1 ? `h${k + 1}` : "weight"),
  ];
  const rows = keys.map((key, t) => [
    ...vector(key, `k${t}`),
    gap(),
    ...vector(values[t], `v${t}`),
    gap(),
    ...heads.map((row, k) => weight(row, k, t)),
  ]);
  const names = labels.slice(0, keys.length);
  const positions = names.map((label, t) => `pos ${t} ${label}`);
  return heatmap(rows, { labels: positions, columns, readout });
}
