// Small SVG charts, drawn by hand: a line chart, bars, heatmap cells and
// their legends are a few dozen lines each, so the page needs no chart
// library.

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
function scale(d0, d1, r0, r1) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

/** Three or four round tick values between lo and hi. */
function ticks(lo, hi, count = 4) {
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
export function axes(svg, [x0, x1], [y0, y1], options = {}) {
  const { xTicks = true, xTitle = "", yTitle = "" } = options;
  const width = +svg.getAttribute("width");
  const height = +svg.getAttribute("height");
  const x = scale(x0, x1, M.left, width - M.right);
  const y = scale(y0, y1, height - M.bottom, M.top);
  const text = (attrs, label) => s("text", attrs, label);
  svg.append(
    s("line", { class: "axis", x1: M.left, x2: x(x1), y1: y(y0), y2: y(y0) }),
    s("line", { class: "axis", x1: M.left, x2: M.left, y1: y(y0), y2: y(y1) }),
    ...(xTicks ? ticks(x0, x1) : []).map((t) =>
      text({ x: x(t), y: height - 6, "text-anchor": "middle" }, short(t))
    ),
    ...ticks(y0, y1).map((t) =>
      text({ x: M.left - 4, y: y(t) + 3, "text-anchor": "end" }, short(t))
    ),
    // The x title sits above the axis at its end, clear of the tick
    // labels; the y title runs up the left edge.
    text(
      { class: "title", x: x(x1), y: y(y0) - 5, "text-anchor": "end" },
      xTitle,
    ),
    text({
      class: "title",
      transform: `translate(9, ${(y(y0) + y(y1)) / 2}) rotate(-90)`,
      "text-anchor": "middle",
    }, yTitle),
  );
  return { x, y };
}

function short(t) {
  return Math.abs(t) >= 1e4 || (t !== 0 && Math.abs(t) < 1e-3)
    ? t.toExponential(0)
    : String(t);
}

/**
 * A polyline through points [[x, y], …], in data units; a point that is not
 * a finite number leaves a gap (it is never drawn as 0).
 */
export function path(points, { x, y }, cls) {
  let d = "";
  let pen = "M";
  for (const [px, py] of points) {
    if (!Number.isFinite(py)) {
      pen = "M";
      continue;
    }
    d += `${pen}${x(px).toFixed(1)},${y(py).toFixed(1)}`;
    pen = "L";
  }
  return s("path", { d: d || "M0,0", class: cls });
}

/**
 * A legend of curves, a short line in each one's style (a class, and a
 * style such as a colour) and its name: from (`x`, `y`), one under the
 * other, or side by side `dx` apart.
 */
export function legend(x, y, entries, dx = 0) {
  return s(
    "g",
    { class: "legend" },
    ...entries.flatMap(([cls, name, style = ""], i) => {
      const [ex, ey] = [x + i * dx, y + (dx ? 0 : i * 14)];
      return [
        s("path", { d: `M${ex},${ey}h16`, class: cls, style }),
        s("text", { x: ex + 20, y: ey + 3 }, name),
      ];
    }),
  );
}

/** A bar per value (probabilities), labelled underneath. */
export function bars(values, labels, { width = 520, height = 150, max } = {}) {
  const svg = chart(width, height);
  const top = max ?? Math.max(...values, 1e-12);
  const { x, y } = axes(svg, [0, values.length], [0, top], { xTicks: false });
  const w = (x(1) - x(0)) * 0.8;
  values.forEach((v, i) => {
    const tip = s("title", {}, `${labels[i]}: ${v.toFixed(4)}`);
    svg.append(
      s("rect", {
        class: "bar",
        x: x(i) + w * 0.1,
        y: y(Math.min(v, top)),
        width: w,
        height: y(0) - y(Math.min(v, top)),
      }, tip),
      s(
        "text",
        { x: x(i) + w * 0.6, y: height - 8, "text-anchor": "middle" },
        labels[i],
      ),
    );
  });
  return svg;
}

/**
 * A weight in [0, 1] as a shade of blue. The square root spreads the small
 * weights apart: after 8 positions even a uniform row is 0.125 each.
 */
export function weightFill(w) {
  return `rgba(37, 99, 235, ${(0.03 + 0.97 * Math.sqrt(w)).toFixed(3)})`;
}

/** A signed number as blue (positive) or orange (negative), by |x| / max. */
export function signedFill(x, max) {
  const a = (Math.min(1, Math.abs(x) / (max || 1)) * 0.9 + 0.05).toFixed(3);
  return x >= 0 ? `rgba(37, 99, 235, ${a})` : `rgba(217, 72, 15, ${a})`;
}

/**
 * One heatmap cell: `tip` is its tooltip, and `data` its data attributes.
 * Hovering it shows `tip` in `readout` too, when there is one: a tooltip
 * takes a second to appear, and a learner wants to run along a row.
 */
export function cell(x, y, w, hgt, fill, tip, data = {}, readout) {
  const attrs = { class: "cell", x, y, width: w, height: hgt, fill };
  for (const [key, value] of Object.entries(data)) attrs[`data-${key}`] = value;
  const rect = s("rect", attrs, s("title", {}, tip));
  if (readout) {
    rect.addEventListener("mouseenter", () => readout.textContent = tip);
  }
  return rect;
}

/** The colour key of `signedFill`: from −max (orange) through 0 to +max (blue). */
export function signedKey(max, x, y) {
  const steps = [-1, -0.5, 0, 0.5, 1];
  return s(
    "g",
    { class: "legend" },
    ...steps.map((k, i) =>
      s("rect", {
        x: x + i * 14,
        y,
        width: 13,
        height: 10,
        fill: signedFill(k * max, max),
      })
    ),
    s("text", { x: x - 4, y: y + 9, "text-anchor": "end" }, (-max).toFixed(2)),
    s("text", { x: x + 72, y: y + 9 }, `+${max.toFixed(2)}`),
  );
}

/**
 * A weight printed in its cell, centred on (`x`, `y`), two decimals ("1"
 * for a whole row's weight), white on the darker blues; the cell's tooltip
 * stays reachable under it.
 */
export function weightText(x, y, w, dark) {
  const attrs = { x, y, "text-anchor": "middle", "pointer-events": "none" };
  return s(
    "text",
    { ...attrs, class: dark ? "weight on-dark" : "weight" },
    w > 0.995 ? "1" : w.toFixed(2).replace("0.", "."),
  );
}
