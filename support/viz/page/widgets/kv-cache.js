// The KV cache (guide 3.7, 4.5): step through a name one position at a
// time. After position p, the cache holds p + 1 keys and values (one row
// each, 16 numbers in colour), and position p's attention weights over
// them (one column per head) say how much of each value it takes.
import { kept } from "../api.js";
import { askModel, nameToRead } from "../gpt.js";
import { cells, chart, s, signedFill, weightFill } from "../svg.js";

/** A vector entry's width, a row's height, a weight's width, in user units. */
const [W, ROW, WEIGHT] = [11, 15, 28];
/** Where the keys start: after the row labels. */
const KEYS = 62;

export function mount(parts, status) {
  const { name, position, readout, note, plot, hovered } = parts;
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

/** "1 key", "2 keys". */
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * One row per cached position: its key, its value, and the weights on it
 * (a column per head, each weight printed). Hovering a cell writes its
 * number in `readout`.
 */
function cacheMap(labels, keys, values, heads, readout) {
  const dims = keys[0].length;
  const VALUES = KEYS + dims * W + 14;
  const WEIGHTS = VALUES + dims * W + 14;
  const map = chart(
    WEIGHTS + Math.max(heads.length * WEIGHT, 40),
    18 + keys.length * ROW,
  );
  const max = Math.max(...[...keys, ...values].flat().map(Math.abs));
  const head = (h) => heads.length > 1 ? `h${h + 1}` : "weight";
  // Titled `k3[5] = …`: the vector of position 3, its entry 5.
  const vectors = (rows, x0, name) =>
    cells(rows, [x0, 16, W, ROW], {
      fill: (x) => signedFill(x, max),
      tip: (x, t, j) => `${name}${t}[${j}] = ${x.toFixed(4)}`,
      readout,
    });
  // A row per cached position, a column per head.
  const weights = keys.map((_, t) => heads.map((row) => row[t]));
  map.append(
    s("text", { x: KEYS, y: 11 }, "key k"),
    s("text", { x: VALUES, y: 11 }, "value v"),
    ...heads.map((_, h) =>
      s("text", { x: WEIGHTS + h * WEIGHT + 2, y: 11 }, head(h))
    ),
    ...labels.slice(0, keys.length).map((label, t) =>
      s("text", { x: 2, y: 26 + t * ROW }, `pos ${t} ${label}`)
    ),
    ...vectors(keys, KEYS, "k"),
    ...vectors(values, VALUES, "v"),
    ...cells(weights, [WEIGHTS, 16, WEIGHT, ROW], {
      fill: weightFill,
      tip: (w, t, h) =>
        `head ${h + 1}, weight on position ${t}: ${w.toFixed(3)}`,
      print: "weight",
      readout,
    }),
  );
  return map;
}
