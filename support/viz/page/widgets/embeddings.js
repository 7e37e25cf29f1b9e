// Position embeddings (guide 3.2): the input of a position is the token's
// vector plus the position's, entry by entry, as the lessons' embed adds
// them. Pick a character and a position.
import { controls, h, keep, kept, slider } from "../api.js";
import { askModel, modelControls, signedFill } from "../gpt.js";
import { chart, s } from "../svg.js";

/** An entry's box, in user units. */
const W = 29;
const ROW = 22;
const LEFT = 62;

export function mount(body, status, section) {
  // Its options come with the first answer; until then, the kept token.
  const token = keep(
    "embeddings",
    "token",
    h("select", { "aria-label": "token" }),
  );
  const position = keep(
    "embeddings",
    "position",
    slider("position", 0, 15, 1, 2),
  );
  const readout = h("span", { class: "mono" });
  const model = modelControls(status.details.steps, 3, "embeddings");
  const plot = h("div");
  body.append(
    controls(
      h("label", {}, "character", token),
      h("label", {}, "position", position, readout),
      ...model.elements,
    ),
    h(
      "p",
      { class: "muted" },
      "The input of a position is the character's vector plus the position's, entry by entry: the same character reads differently at another position.",
    ),
    plot,
    model.note,
  );
  const show = (a) => {
    if (token.options.length === 0) {
      token.append(...a.labels.map((l, i) => h("option", { value: i }, l)));
      token.value = String(a.token);
    }
    readout.textContent = String(a.pos);
    const label = a.labels[a.token];
    plot.replaceChildren(rows([
      [`wte[${label}]`, a.wte],
      [`wpe[${a.pos}]`, a.wpe],
      ["x = sum", a.sum],
    ]));
    Object.assign(section.dataset, {
      step: a.step,
      trained: a.trained,
      token: a.token,
      pos: a.pos,
      wte: a.wte.join(","),
      wpe: a.wpe.join(","),
      sum: a.sum.join(","),
      ready: "true",
    });
  };
  const update = askModel(
    "embeddings",
    model,
    () => ({
      // "e" until the server has said which characters there are.
      token: Number(
        token.options.length ? token.value : kept("embeddings", "token") ?? 4,
      ),
      pos: Number(position.value),
    }),
    plot,
    show,
  );
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
      ...vector.flatMap((x, j) => [
        s("rect", {
          x: LEFT + j * W,
          y,
          width: W - 2,
          height: ROW,
          fill: signedFill(x, max),
        }, s("title", {}, `${label}[${j}] = ${x.toFixed(4)}`)),
        s("text", {
          x: LEFT + j * W + (W - 2) / 2,
          y: y + 14,
          "text-anchor": "middle",
          class: "small",
        }, short(x)),
      ]),
    );
  });
  return svg;
}

/** Two decimals without the leading zero, and no "-.00". */
function short(x) {
  const text = Math.abs(x) < 0.005 ? "0.00" : x.toFixed(2);
  return text.replace("0.", ".");
}
