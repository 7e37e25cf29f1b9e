// Gradient check (guide 1.8): every parameter's numerical gradient (x)
// against its analytic one (y). Right lessons put every point on the
// diagonal.
import { fmt, h, post } from "../api.js";
import { axes, chart, s } from "../svg.js";

export async function mount(body, _status, section) {
  const result = await post("gradient-check", {});
  const { numerical, analytic } = result;
  let maxDiff = 0;
  for (let i = 0; i < numerical.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(numerical[i] - analytic[i]));
  }
  const all = [...numerical, ...analytic];
  const lo = Math.min(...all), hi = Math.max(...all);
  const pad = (hi - lo) * 0.05 || 1e-3;
  const svg = chart(520, 300);
  const { x, y } = axes(svg, [lo - pad, hi + pad], [lo - pad, hi + pad]);
  svg.append(
    s("line", {
      class: "ref",
      x1: x(lo - pad),
      y1: y(lo - pad),
      x2: x(hi + pad),
      y2: y(hi + pad),
    }),
  );
  const dots = s("g", { fill: "rgba(37, 99, 235, 0.45)" });
  for (let i = 0; i < numerical.length; i++) {
    dots.append(
      s("circle", {
        cx: x(numerical[i]).toFixed(1),
        cy: y(analytic[i]).toFixed(1),
        r: 2,
      }),
    );
  }
  svg.append(dots);
  body.append(
    h(
      "p",
      {},
      `${numerical.length} parameters, on the name “${result.name}”: loss ${
        fmt(result.lossNumerical, 6)
      } (numerical) and ${
        fmt(result.lossAnalytic, 6)
      } (analytic); largest difference `,
      h("strong", {}, maxDiff.toExponential(2)),
      ".",
    ),
    svg,
    h(
      "p",
      { class: "muted" },
      "x: numerical gradient (nudge each weight by 1e-5); y: analytic gradient (backprop); dashed: x = y.",
    ),
  );
  Object.assign(section.dataset, {
    count: numerical.length,
    maxDiff,
    lossNumerical: result.lossNumerical,
    lossAnalytic: result.lossAnalytic,
    ready: "true",
  });
}
