// Small SVG charts, drawn by hand: a line chart, bars, a heatmap and a
// scatter are a few dozen lines each, so the page needs no chart library.

const NS = "http://www.w3.org/2000/svg";

/** Makes an SVG element with attributes and children. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  el.append(...children);
  return el;
}

/** An empty chart of `width` × `height` user units. */
export function chart(width, height) {
  return s("svg", { viewBox: `0 0 ${width} ${height}`, width, height });
}

/** A linear map from [d0, d1] to [r0, r1]. */
export function scale(d0, d1, r0, r1) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

/** Three or four round tick values between lo and hi. */
export function ticks(lo, hi, count = 4) {
  const raw = (hi - lo) / count;
  if (!(raw > 0)) return [lo];
  const step = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((m) => m >= raw);
  const out = [];
  for (let t = Math.ceil(lo / nice) * nice; t <= hi + 1e-12; t += nice) {
    out.push(+t.toFixed(10));
  }
  return out;
}

// The right margin leaves room for the last x tick's label.
const M = { left: 40, right: 16, top: 10, bottom: 22 };

/**
 * Axes for a plot area inside `svg`, with ticks and, when given, a title on
 * each axis; returns the x and y scales from data to user units.
 */
export function axes(
  svg,
  [x0, x1],
  [y0, y1],
  { xTicks = true, xTitle = "", yTitle = "" } = {},
) {
  const width = +svg.getAttribute("width");
  const height = +svg.getAttribute("height");
  const x = scale(x0, x1, M.left, width - M.right);
  const y = scale(y0, y1, height - M.bottom, M.top);
  const g = s("g");
  g.append(
    s("line", {
      class: "axis",
      x1: M.left,
      x2: width - M.right,
      y1: y(y0),
      y2: y(y0),
    }),
    s("line", { class: "axis", x1: M.left, x2: M.left, y1: y(y0), y2: y(y1) }),
  );
  for (const t of xTicks ? ticks(x0, x1) : []) {
    g.append(
      s("text", { x: x(t), y: height - 6, "text-anchor": "middle" }, label(t)),
    );
  }
  for (const t of ticks(y0, y1)) {
    g.append(
      s("text", { x: M.left - 4, y: y(t) + 3, "text-anchor": "end" }, label(t)),
    );
  }
  // The x title sits above the axis at its end, clear of the tick labels;
  // the y title runs up the left edge.
  g.append(
    s("text", {
      class: "title",
      x: width - M.right,
      y: y(y0) - 5,
      "text-anchor": "end",
    }, xTitle),
    s("text", {
      class: "title",
      transform: `translate(9, ${(y(y0) + y(y1)) / 2}) rotate(-90)`,
      "text-anchor": "middle",
    }, yTitle),
  );
  svg.append(g);
  return { x, y };
}

function label(t) {
  return Math.abs(t) >= 1e4 || (t !== 0 && Math.abs(t) < 1e-3)
    ? t.toExponential(0)
    : String(t);
}

/** A polyline through points [[x, y], …], in data units. */
export function path(points, { x, y }, cls) {
  const d = points.map(([px, py], i) =>
    `${i ? "L" : "M"}${x(px).toFixed(1)},${y(py).toFixed(1)}`
  ).join("");
  return s("path", { d: d || "M0,0", class: cls });
}

/**
 * A bar per value (probabilities), labelled underneath; the bar at
 * `highlight` is drawn in the second colour.
 */
export function bars(values, labels, { width = 520, height = 150, max } = {}) {
  const svg = chart(width, height);
  const top = max ?? Math.max(...values, 1e-12);
  const { x, y } = axes(svg, [0, values.length], [0, top], { xTicks: false });
  const w = (x(1) - x(0)) * 0.8;
  values.forEach((v, i) => {
    svg.append(
      s("rect", {
        class: "bar",
        x: x(i) + w * 0.1,
        y: y(Math.min(v, top)),
        width: w,
        height: y(0) - y(Math.min(v, top)),
      }, s("title", {}, `${labels[i]}: ${v.toFixed(4)}`)),
      s(
        "text",
        { x: x(i) + w * 0.6, y: height - 8, "text-anchor": "middle" },
        labels[i],
      ),
    );
  });
  return svg;
}
