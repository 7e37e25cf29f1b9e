// Softmax playground (guide 1.3): slide the logits, see the probabilities.
import { fmt, h, latest, post } from "../api.js";
import { bars } from "../svg.js";

const NAMES = ["a", "b", "c", "d", "e"];

export function mount(body, _status, section) {
  const start = [2, 1, 0, -1, 0.5];
  const sliders = start.map((v, i) =>
    h("input", {
      type: "range",
      min: -6,
      max: 6,
      step: 0.1,
      value: v,
      "aria-label": `logit ${NAMES[i]}`,
      "data-logit": i,
    })
  );
  const readouts = start.map(() => h("span", { class: "mono" }));
  const plot = h("div");
  body.append(
    h(
      "div",
      { class: "controls" },
      ...sliders.map((s, i) => h("label", {}, NAMES[i], s, readouts[i])),
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
  const update = latest(
    () => post("softmax", { logits: sliders.map((s) => Number(s.value)) }),
    show,
    (error) => plot.replaceChildren(h("p", { class: "error" }, error.message)),
  );
  for (const slider of sliders) slider.addEventListener("input", update);
  return update();
}
