// Momentum (guide 5.2): a noisy gradient, its exponential moving average
// and the bias-corrected average, computed by the Step 5 lesson's ema and
// biasCorrected, redrawn as β changes. The plain average starts near 0
// (m starts at 0); dividing by 1 − βᵗ undoes that.
import { ask, controls, h, keep, slider } from "../api.js";
import { axes, chart, path, s } from "../svg.js";

export function mount(body, _status, section) {
  const betaSlider = keep("ema", "beta", slider("beta", 0, 0.99, 0.01, 0.85));
  const readout = h("span", { class: "mono" });
  const plot = h("div");
  body.append(
    controls(h("label", {}, "β", betaSlider, readout)),
    plot,
  );
  const show = ({ beta, gradient, ema, corrected }) => {
    readout.textContent = beta.toFixed(2);
    const svg = chart(520, 200);
    const all = [...gradient, ...ema, ...corrected];
    const sc = axes(svg, [0, gradient.length], [
      Math.min(...all),
      Math.max(...all),
    ]);
    svg.append(
      path(gradient.map((g, i) => [i, g]), sc, "raw"),
      path(ema.map((m, i) => [i, m]), sc, "smooth"),
      path(corrected.map((m, i) => [i, m]), sc, "corrected"),
      legend(430, 18, "raw", "gradient"),
      legend(430, 32, "smooth", "EMA m"),
      legend(430, 46, "corrected", "m / (1 − β^t)"),
    );
    plot.replaceChildren(svg);
    Object.assign(section.dataset, {
      beta,
      gradient: gradient.join(","),
      ema: ema.join(","),
      corrected: corrected.join(","),
      ready: "true",
    });
  };
  const update = ask(
    "ema",
    () => ({ beta: Number(betaSlider.value) }),
    show,
    plot,
  );
  betaSlider.addEventListener("input", update);
  return update();
}

/** A short line in a curve's style, and its name. */
function legend(x, y, cls, text) {
  const g = s("g");
  g.append(
    s("path", { d: `M${x},${y}L${x + 16},${y}`, class: cls }),
    s("text", { x: x + 20, y: y + 3 }, text),
  );
  return g;
}
