// Softmax playground (guide 1.3): slide the logits, see the probabilities.
import { ask, controls, fmt, h, keep, slider } from "../api.js";
import { bars } from "../svg.js";

const NAMES = ["a", "b", "c", "d", "e"];

export function mount(body, _status, section) {
  const start = [2, 1, 0, -1, 0.5];
  const sliders = start.map((v, i) =>
    keep(
      "softmax",
      NAMES[i],
      slider(`logit ${NAMES[i]}`, -6, 6, 0.1, v, { "data-logit": i }),
    )
  );
  const readouts = start.map(() => h("span", { class: "mono" }));
  const plot = h("div");
  body.append(
    controls(
      ...sliders.map((s, i) => h("label", {}, NAMES[i], s, readouts[i])),
    ),
    h(
      "p",
      { class: "muted" },
      "Drag the logits: softmax turns them into probabilities, the largest logit gets the most, and they always sum to 1.",
    ),
    plot,
  );
  const show = ({ logits, probs }) => {
    logits.forEach((x, i) => (readouts[i].textContent = fmt(x, 1)));
    plot.replaceChildren(
      bars(probs, NAMES.map((n, i) => `${n} ${probs[i].toFixed(3)}`), {
        max: 1,
        height: 140,
      }),
    );
    section.dataset.logits = logits.join(",");
    section.dataset.probs = probs.join(",");
    section.dataset.ready = "true";
  };
  const update = ask(
    "softmax",
    () => ({ logits: sliders.map((s) => Number(s.value)) }),
    show,
    plot,
  );
  for (const input of sliders) input.addEventListener("input", update);
  return update();
}
