// Position embeddings (guide 3.2): the input of a position is the token's
// vector plus the position's, entry by entry, as the lessons' embed adds
// them. Pick a character and a position.
import { h, keep, kept } from "../api.js";
import { askModel } from "../gpt.js";
import { cells, chart, s, signedFill } from "../svg.js";

/** An entry's box, a row's height and the labels' room, in user units. */
const [W, ROW, LEFT] = [29, 22, 62];

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
    plot.replaceChildren(
      rows([wte, [`wpe[${a.pos}]`, a.wpe], ["x = sum", a.sum]]),
    );
  };
  // Until then, the kept token, or "e".
  const chosen = () =>
    token.options.length ? token.value : kept("embeddings", "token") ?? 4;
  const params = () => ({
    token: Number(chosen()),
    pos: Number(position.value),
  });
  const steps = status.details.steps;
  const update = askModel("embeddings", parts, steps, 3, params, show);
  token.addEventListener("change", update);
  position.addEventListener("input", update);
  return update();
}

/** Labelled rows of numbers, each entry a shaded box with its value. */
function rows(vectors) {
  const dims = vectors[0][1].length;
  const svg = chart(LEFT + dims * W, vectors.length * (ROW + 12));
  const max = Math.max(...vectors.flatMap(([, v]) => v.map(Math.abs)));
  vectors.forEach(([label, vector], i) => {
    const y = i * (ROW + 12) + 4;
    svg.append(
      s("text", { x: 0, y: y + 15 }, label),
      ...cells([vector], [LEFT, y, W, ROW], {
        fill: (x) => signedFill(x, max),
        tip: (x, _, j) => `${label}[${j}] = ${x.toFixed(4)}`,
        print: "small",
      }),
    );
  });
  return svg;
}
