// Position embeddings (guide 3.2): the input of a position is the token's
// vector plus the position's, entry by entry, as the lessons' embed adds
// them. Pick a character and a position.
import { h, keep, kept } from "../api.js";
import { askModel, modelControls } from "../gpt.js";
import { chart, s, signedFill, signedKey } from "../svg.js";

/** An entry's box, a row's height and the labels' room, in user units. */
const [W, ROW, LEFT] = [29, 22, 62];

export function mount(parts, status, section) {
  const { token, position, readout, plot } = parts;
  const model = modelControls(parts, status.details.steps, 3, "embeddings");
  const show = (a) => {
    // Its characters come with the first answer; kept once they are there.
    if (token.options.length === 0) {
      token.append(...a.labels.map((l, i) => h("option", { value: i }, l)));
      keep("embeddings", "token", token);
    }
    readout.textContent = String(a.pos);
    const wte = [`wte[${a.labels[a.token]}]`, a.wte];
    plot.replaceChildren(
      rows([wte, [`wpe[${a.pos}]`, a.wpe], ["x = sum", a.sum]]),
    );
    Object.assign(section.dataset, { step: a.step, ready: "true" });
  };
  // Until then, the kept token, or "e".
  const chosen = () =>
    token.options.length ? token.value : kept("embeddings", "token") ?? 4;
  const params = () => ({
    token: Number(chosen()),
    pos: Number(position.value),
  });
  const update = askModel("embeddings", model, params, plot, show);
  token.addEventListener("change", update);
  position.addEventListener("input", update);
  return update();
}

/** Labelled rows of numbers, each entry a shaded box with its value; the colours' key under them. */
function rows(vectors) {
  const dims = vectors[0][1].length;
  const height = vectors.length * (ROW + 12);
  const svg = chart(LEFT + dims * W, height + 16);
  const max = Math.max(...vectors.flatMap(([, v]) => v.map(Math.abs)));
  vectors.forEach(([label, vector], i) => {
    const y = i * (ROW + 12) + 4;
    svg.append(s("text", { x: 0, y: y + 15 }, label));
    vector.forEach((x, j) => {
      const tip = s("title", {}, `${label}[${j}] = ${x.toFixed(4)}`);
      const box = { x: LEFT + j * W, y, width: W - 2, height: ROW };
      // Two decimals without the leading zero, and no "-.00".
      const text = (Math.abs(x) < 0.005 ? "0.00" : x.toFixed(2)).replace(
        "0.",
        ".",
      );
      const at = {
        x: LEFT + j * W + W / 2 - 1,
        y: y + 14,
        "text-anchor": "middle",
      };
      svg.append(
        s("rect", { ...box, fill: signedFill(x, max) }, tip),
        s("text", { ...at, class: "small" }, text),
      );
    });
  });
  svg.append(signedKey(max, LEFT + 40, height + 2));
  return svg;
}
