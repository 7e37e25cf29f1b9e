// Softmax playground (guide 1.3): slide the logits, see the probabilities.
import { ask, fmt } from "../api.js";
import { bars } from "../svg.js";

export function mount({ body, plot }) {
  const sliders = [...body.querySelectorAll("input")];
  const readouts = [...body.querySelectorAll(".mono")];
  const show = ({ logits, probs }) => {
    logits.forEach((x, i) => (readouts[i].textContent = fmt(x, 1)));
    const labels = sliders.map((s, i) => `${s.name} ${probs[i].toFixed(3)}`);
    plot.replaceChildren(bars(probs, labels, { max: 1, height: 140 }));
  };
  const logits = () =>
    Object.fromEntries(sliders.map((s) => [s.name, Number(s.value)]));
  const update = ask("softmax", logits, show, plot);
  for (const input of sliders) input.addEventListener("input", update);
  return update();
}
