// The KV cache (guide 3.7, 4.5): step through a name one position at a
// time. After position p, the cache holds p + 1 keys and values (one row
// each, 16 numbers in colour), and position p's attention weights over
// them (one column per head) say how much of each value it takes.
import { kept } from "../api.js";
import { askModel, modelControls, nameToRead } from "../gpt.js";
import { cell, chart, number, s, signedFill, weightFill } from "../svg.js";

/** A vector entry's width, a row's height, a weight's width, in user units. */
const [W, ROW, WEIGHT] = [11, 15, 28];
/** Where the keys start: after the row labels. */
const KEYS = 62;

export function mount(parts, status, section) {
  const { name, position, readout, note, plot, hovered } = parts;
  const model = modelControls(parts, status.details.steps, 3, "kv-cache");
  // The position kept from before a redraw, once its name's length is known.
  let keptPosition = kept("kv-cache", "position");
  let answer;
  const draw = () => {
    const p = Number(position.value);
    const { keys, values, heads } = answer.readings[p];
    readout.textContent = p;
    const holds = `${count(keys.length, "key")} and ${
      count(values.length, "value")
    }`;
    const reads = `Position ${p} reads “${answer.labels[p]}”`;
    note.textContent =
      `${reads}: the cache holds ${holds}, and its query weighs them.`;
    plot.replaceChildren(cacheMap(answer.labels, keys, values, heads, hovered));
    Object.assign(section.dataset, { cacheKeys: keys.length, ready: "true" });
  };
  const show = (a) => {
    answer = a;
    position.max = a.readings.length - 1;
    position.value = keptPosition ?? a.readings.length - 1;
    keptPosition = null;
    draw();
  };
  const name_ = () => ({ name: nameToRead(parts) });
  const update = askModel("kv-cache", model, name_, plot, show);
  name.addEventListener("input", update);
  position.addEventListener("input", () => answer && draw());
  return update();
}

/** "1 key", "2 keys". */
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * One row per cached position: its key, its value, and the weights on it
 * (a column per head, each weight printed). Hovering a cell writes its
 * number in `hovered`.
 */
function cacheMap(labels, keys, values, heads, hovered) {
  const dims = keys[0].length;
  const VALUES = KEYS + dims * W + 14;
  const WEIGHTS = VALUES + dims * W + 14;
  const map = chart(
    WEIGHTS + Math.max(heads.length * WEIGHT, 40),
    18 + keys.length * ROW,
  );
  const max = Math.max(...[...keys, ...values].flat().map(Math.abs));
  const head = (h) => heads.length > 1 ? `h${h + 1}` : "weight";
  map.append(
    s("text", { x: KEYS, y: 11 }, "key k"),
    s("text", { x: VALUES, y: 11 }, "value v"),
    ...heads.map((_, h) =>
      s("text", { x: WEIGHTS + h * WEIGHT + 2, y: 11 }, head(h))
    ),
  );
  // One cell per entry of a key or value, from x0 on, titled `k3[5] = …`.
  const vector = (numbers, x0, y, name) =>
    numbers.map((x, j) => {
      const tip = `${name}[${j}] = ${x.toFixed(4)}`;
      return cell(
        [x0 + j * W, y, W - 1, ROW - 2],
        signedFill(x, max),
        tip,
        {},
        hovered,
      );
    });
  keys.forEach((key, t) => {
    const y = 16 + t * ROW;
    map.append(
      s("text", { x: 2, y: y + 10 }, `pos ${t} ${labels[t]}`),
      ...vector(key, KEYS, y, `k${t}`),
      ...vector(values[t], VALUES, y, `v${t}`),
    );
    heads.forEach((row, h) => {
      const [x, w] = [WEIGHTS + h * WEIGHT, row[t]];
      const tip = `head ${h + 1}, weight on position ${t}: ${w.toFixed(3)}`;
      const at = [x, y, WEIGHT - 2, ROW - 2];
      map.append(
        cell(at, weightFill(w), tip, { head: h, col: t }, hovered),
        number(x + WEIGHT / 2 - 1, y + 10, w, w > 0.4),
      );
    });
  });
  return map;
}
