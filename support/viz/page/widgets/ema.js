// Momentum (guide 5.2): a noisy gradient and its exponential moving
// average, computed by the Step 5 lesson, redrawn as β changes.
import { h, latest, post } from "../api.js";
import { axes, chart, path } from "../svg.js";

export function mount(body, _status, section) {
  const slider = h("input", {
    type: "range",
    min: 0,
    max: 0.99,
    step: 0.01,
    value: 0.85,
    "aria-label": "beta",
  });
  const readout = h("span", { class: "mono" });
  const plot = h("div");
  body.append(
    h("div", { class: "controls" }, h("label", {}, "β", slider, readout)),
    plot,
  );
  const show = ({ beta, gradient, ema }) => {
    readout.textContent = beta.toFixed(2);
    const svg = chart(520, 200);
    const all = [...gradient, ...ema];
    const sc = axes(svg, [0, gradient.length], [
      Math.min(...all),
      Math.max(...all),
    ]);
    svg.append(
      path(gradient.map((g, i) => [i, g]), sc, "raw"),
      path(ema.map((m, i) => [i, m]), sc, "smooth"),
    );
    plot.replaceChildren(svg);
    Object.assign(section.dataset, { beta, ema: ema.join(","), ready: "true" });
  };
  const update = latest(
    () => post("ema", { beta: Number(slider.value) }),
    show,
    (error) => plot.replaceChildren(h("p", { class: "error" }, error.message)),
  );
  slider.addEventListener("input", update);
  return update();
}
