// Momentum (guide 5.2): a noisy gradient, its exponential moving average
// and the bias-corrected average, computed by the Step 5 lesson's ema and
// biasCorrected, redrawn as β changes. The plain average starts near 0
// (m starts at 0); dividing by 1 − βᵗ undoes that.
import { ask } from "../api.js";
import { axes, chart, path } from "../svg.js";

/** The curves: the answer's key, the line's style, and its name (the template's legend). */
const CURVES = [
  ["gradient", "raw", "gradient g"],
  ["ema", "smooth", "EMA m"],
  ["corrected", "corrected", "m / (1 − βᵗ)"],
];

export function mount({ beta, readout, note, plot }) {
  const show = (answer) => {
    readout.textContent = answer.beta.toFixed(2);
    // A broken lesson's Infinity or NaN comes as text: a warning, never a point.
    const problems = [];
    const curves = CURVES.map(([key, , name]) => {
      const t = answer[key].findIndex((x) => typeof x !== "number");
      if (t >= 0) problems.push(`${name} is ${answer[key][t]} at t = ${t + 1}`);
      return answer[key].map(Number);
    });
    note.hidden = problems.length === 0;
    note.textContent = `${
      problems.join("; ")
    }: not drawn. Does your lesson divide by 0, or raise β to the wrong power?`;
    const finite = curves.flat().filter(Number.isFinite);
    const range = [Math.min(...finite), Math.max(...finite)];
    const svg = chart(520, 220);
    const titles = { xTitle: "step t", yTitle: "gradient" };
    const sc = axes(svg, [0, curves[0].length], range, titles);
    svg.append(...curves.map((curve, i) => path(curve, sc, CURVES[i][1])));
    plot.replaceChildren(svg);
  };
  const update = ask("ema", () => ({ beta: Number(beta.value) }), show, plot);
  beta.addEventListener("input", update);
  return update();
}
