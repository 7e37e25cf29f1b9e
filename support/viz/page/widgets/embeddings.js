// Position embeddings (guide 3.2): the input of a position is the token's
// vector plus the position's, entry by entry, as the lessons' embed adds
// them. Pick a character and a position.
import { h, keep, kept } from "../api.js";
import { askModel } from "../gpt.js";
import { heatCell, heatmap, signedFill } from "../svg.js";

export function mount(parts, status) {
  const { token, position, readout, plot } = parts;
  const show = (a) => {
    // Its characters come with the first answer; kept once they are there.
    if (token.options.length === 0) {
      token.append(...a.labels.map((l, i) => h("option", { value: i }, l)));
      token.value = a.token;
      keep("embeddings", "token", token);
    }
    readout.textContent = String(a.pos);
    const wte = [`wte[${a.labels[a.token]}]`, a.wte];
    const wpe = [`wpe[${a.pos}]`, a.wpe];
    plot.replaceChildren(rows([wte, wpe, ["x = sum", a.sum]]));
  };
  // Until then, the kept token, or "e".
  const chosen = () =>
    token.options.length ? token.value : kept("embeddings", "token") ?? 4;
  const params = () => ({ token: +chosen(), pos: +position.value });
  const steps = status.details.steps;
  const update = askModel("embeddings", parts, steps, 3, params, show);
  token.addEventListener("change", update);
  position.addEventListener("input", update);
  return update();
}

/** Labelled rows of numbers, each entry a shaded cell with its value. */
function rows(vectors) {
  const max = Math.max(...vectors.flatMap(([, v]) => v.map(Math.abs)));
  const cell = (label) => (x, j) => {
    const tip = `${label}[${j}] = ${x.toFixed(4)}`;
    return heatCell(x, signedFill(x, max), tip, "small");
  };
  const labels = vectors.map(([label]) => label);
  const cells = vectors.map(([label, vector]) => vector.map(cell(label)));
  return heatmap(cells, { labels });
}
