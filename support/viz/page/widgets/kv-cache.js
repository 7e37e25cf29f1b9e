// The KV cache (guide 3.7): step through a name one position at a time.
// After position p, the cache holds p + 1 keys and values (one row each,
// a small heatmap of 16 numbers), and position p's attention weights over
// them say how much of each value it takes.
import { controls, h, keep, kept, slider } from "../api.js";
import {
  askModel,
  cell,
  cutNote,
  modelControls,
  nameInput,
  nameToRead,
  signedFill,
  weightFill,
} from "../gpt.js";
import { chart, s } from "../svg.js";

/** A vector entry's width and a row's height, in user units. */
const W = 11;
const ROW = 15;
/** Where the keys, the values and the weights start. */
const KEYS = 62;

export function mount(body, status, section) {
  const cut = cutNote();
  const name = keep("kv-cache", "name", nameInput("emma"));
  const model = modelControls(status.details.steps, 3, "kv-cache");
  const position = keep("kv-cache", "position", slider("position", 0, 0, 1, 0));
  // The position kept from before a redraw, once its name's length is known.
  let keptPosition = kept("kv-cache", "position");
  const readout = h("span", { class: "mono" });
  const caption = h("p", {});
  const plot = h("div");
  body.append(
    controls(
      h("label", {}, "name", name),
      ...model.elements,
      h("label", {}, "position", position, readout),
    ),
    cut,
    caption,
    plot,
    model.note,
  );

  let answer;
  const draw = () => {
    const p = Number(position.value);
    const { labels, readings } = answer;
    const { keys, values, heads } = readings[p];
    readout.textContent = String(p);
    caption.textContent = `Position ${p} reads “${
      labels[p]
    }”: the cache holds ${count(keys.length, "key")} and ${
      count(values.length, "value")
    }, and its query weighs them.`;
    plot.replaceChildren(cacheMap(labels, keys, values, heads));
    Object.assign(section.dataset, {
      step: answer.step,
      trained: answer.trained,
      name: answer.name,
      positions: readings.length,
      position: p,
      cacheKeys: keys.length,
      cacheValues: values.length,
      weights: JSON.stringify(heads),
      ready: "true",
    });
  };
  const update = askModel(
    "kv-cache",
    model,
    () => ({ name: nameToRead(name, cut) }),
    plot,
    (a) => {
      answer = a;
      position.max = a.readings.length - 1;
      position.value = keptPosition ?? String(a.readings.length - 1);
      keptPosition = null;
      draw();
    },
  );
  name.addEventListener("input", update);
  position.addEventListener("input", () => answer && draw());
  return update();
}

/** "1 key", "2 keys". */
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** One row per cached position: its key, its value, the weights on it. */
function cacheMap(labels, keys, values, heads) {
  const dims = keys[0].length;
  const VALUES = KEYS + dims * W + 14;
  const WEIGHTS = VALUES + dims * W + 14;
  const svg = chart(WEIGHTS + heads.length * ROW + 48, 18 + keys.length * ROW);
  const max = Math.max(
    ...keys.flat().map(Math.abs),
    ...values.flat().map(Math.abs),
  );
  svg.append(
    s("text", { x: KEYS, y: 11 }, "key k"),
    s("text", { x: VALUES, y: 11 }, "value v"),
    s("text", { x: WEIGHTS, y: 11 }, heads.length > 1 ? "weights" : "weight"),
  );
  // One cell per entry of a key or value, from x0 on, titled `k3[5] = …`.
  const vectorCells = (vector, x0, y, name) =>
    vector.map((x, j) =>
      cell(
        x0 + j * W,
        y,
        W - 1,
        ROW - 2,
        signedFill(x, max),
        `${name}[${j}] = ${x.toFixed(4)}`,
      )
    );
  keys.forEach((key, t) => {
    const y = 16 + t * ROW;
    svg.append(
      s("text", { x: 2, y: y + 10 }, `pos ${t} ${labels[t]}`),
      ...vectorCells(key, KEYS, y, `k${t}`),
      ...vectorCells(values[t], VALUES, y, `v${t}`),
      ...heads.map((row, head) =>
        cell(
          WEIGHTS + head * ROW,
          y,
          ROW - 2,
          ROW - 2,
          weightFill(row[t]),
          `head ${head + 1}: ${row[t].toFixed(3)}`,
          { head, col: t, weight: row[t] },
        )
      ),
    );
    if (heads.length === 1) {
      svg.append(
        s("text", { x: WEIGHTS + ROW + 2, y: y + 10 }, heads[0][t].toFixed(3)),
      );
    }
  });
  return svg;
}
