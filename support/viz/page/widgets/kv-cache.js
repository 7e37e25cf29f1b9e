// The KV cache (guide 3.7, 4.5): step through a name one position at a
// time. After position p, the cache holds p + 1 keys and values (one row
// each, 16 numbers in colour), and position p's attention weights over
// them (one column per head) say how much of each value it takes.
import { kept } from "../api.js";
import { askModel, modelControls, nameToRead } from "../gpt.js";
import * as svg from "../svg.js";

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
    const { labels, readings } = answer;
    const { keys, values, heads } = readings[p];
    readout.textContent = String(p);
    const holds = `${count(keys.length, "key")} and ${
      count(values.length, "value")
    }`;
    note.textContent = `Position ${p} reads “${
      labels[p]
    }”: the cache holds ${holds}, and its query weighs them.`;
    plot.replaceChildren(cacheMap(labels, keys, values, heads, hovered));
    Object.assign(section.dataset, {
      step: answer.step,
      cacheKeys: keys.length,
      ready: "true",
    });
  };
  const show = (a) => {
    answer = a;
    position.max = a.readings.length - 1;
    position.value = keptPosition ?? String(a.readings.length - 1);
    keptPosition = null;
    draw();
  };
  const update = askModel(
    "kv-cache",
    model,
    () => ({ name: nameToRead(parts) }),
    plot,
    show,
  );
  name.addEventListener("input", update);
  position.addEventListener("input", () => answer && draw());
  return update();
}

/** "1 key", "2 keys". */
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * One row per cached position: its key, its value, the weights on it (a
 * column per head, each weight printed), and the colours' key under them.
 * Hovering a cell writes its number in `hovered`.
 */
function cacheMap(labels, keys, values, heads, hovered) {
  const dims = keys[0].length;
  const VALUES = KEYS + dims * W + 14;
  const WEIGHTS = VALUES + dims * W + 14;
  const height = 18 + keys.length * ROW;
  const map = svg.chart(
    WEIGHTS + Math.max(heads.length * WEIGHT, 40),
    height + 20,
  );
  const max = Math.max(...[...keys, ...values].flat().map(Math.abs));
  const head = (h) => heads.length > 1 ? `h${h + 1}` : "weight";
  map.append(
    svg.s("text", { x: KEYS, y: 11 }, "key k"),
    svg.s("text", { x: VALUES, y: 11 }, "value v"),
    ...heads.map((_, h) =>
      svg.s("text", { x: WEIGHTS + h * WEIGHT + 2, y: 11 }, head(h))
    ),
    svg.signedKey(max, KEYS + 34, height + 4),
    svg.s(
      "text",
      { x: KEYS + 130, y: height + 13 },
      "keys and values: orange below 0, blue above",
    ),
  );
  // One cell per entry of a key or value, from x0 on, titled `k3[5] = …`.
  const vectorCells = (vector, x0, y, name) =>
    vector.map((x, j) => {
      const fill = svg.signedFill(x, max);
      const tip = `${name}[${j}] = ${x.toFixed(4)}`;
      return svg.cell(x0 + j * W, y, W - 1, ROW - 2, fill, tip, {}, hovered);
    });
  keys.forEach((key, t) => {
    const y = 16 + t * ROW;
    map.append(
      svg.s("text", { x: 2, y: y + 10 }, `pos ${t} ${labels[t]}`),
      ...vectorCells(key, KEYS, y, `k${t}`),
      ...vectorCells(values[t], VALUES, y, `v${t}`),
    );
    heads.forEach((row, h) => {
      const [x, w] = [WEIGHTS + h * WEIGHT, row[t]];
      const tip = `head ${h + 1}, weight on position ${t}: ${w.toFixed(3)}`;
      map.append(
        svg.cell(x, y, WEIGHT - 2, ROW - 2, svg.weightFill(w), tip, {
          head: h,
          col: t,
        }, hovered),
        svg.weightText(x + WEIGHT / 2 - 1, y + 10, w, w > 0.4),
      );
    });
  });
  return map;
}
