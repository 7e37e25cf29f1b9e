// Gradient check (guide 1.8): every parameter's numerical gradient (x)
// against its analytic one (y). Right lessons put every point on the
// diagonal.
import { fmt, h, post } from "../api.js";
import { axes, chart, s } from "../svg.js";

export async function mount({ plot, note }) {
  const answer = await post("/api/widgets/gradient-check", {});
  // Each parameter's gradient, numerical and analytic; and each one's loss.
  const [numerical, analytic] = [answer.numerical.grad, answer.analytic.grad];
  const gap = (n, i) => Math.abs(n - analytic[i]);
  const maxDiff = Math.max(...numerical.map(gap));
  const all = [...numerical, ...analytic];
  const pad = (Math.max(...all) - Math.min(...all)) * 0.05 || 1e-3;
  const [lo, hi] = [Math.min(...all) - pad, Math.max(...all) + pad];
  const svg = chart(520, 300);
  const { x, y } = axes(svg, [lo, hi], [lo, hi]);
  const dot = (n, i) => s("circle", { cx: x(n), cy: y(analytic[i]), r: 2 });
  svg.append(
    s("line", { class: "ref", x1: x(lo), y1: y(lo), x2: x(hi), y2: y(hi) }),
    s("g", { class: "dots" }, ...numerical.map(dot)),
  );
  plot.append(svg);
  const losses = `loss ${fmt(answer.numerical.loss, 6)} (numerical) and ${
    fmt(answer.analytic.loss, 6)
  } (analytic)`;
  note.append(
    `${numerical.length} parameters, on the name “${answer.name}”: ${losses}; largest difference `,
    h("strong", {}, maxDiff.toExponential(2)),
    ".",
  );
}
