// Small charts, drawn by hand: SVG axes, lines and bars are a few dozen
// lines each, and a heatmap is a table the browser lays out, so the page
// needs no chart library. Every widget draws with these.
import { h } from "./api.js";

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

/** Three or four round values from lo to hi, for ticks. */
function ticks(lo, hi) {
  const raw = (hi - lo) / 4;
  if (!(raw > 0)) return [lo];
  const unit = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * unit).find((m) => m >= raw);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-12; t += step) {
    out.push(+t.toFixed(10));
  }
  return out;
}

/** A tick's label: short, in exponent notation when very large or small. */
function label(t) {
  const tiny = t !== 0 && Math.abs(t) < 1e-3;
  return Math.abs(t) >= 1e4 || tiny ? t.toExponential(0) : String(t);
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
  const kx = (width - M.left - M.right) / (x1 - x0 || 1);
  const ky = (height - M.top - M.bottom) / (y1 - y0 || 1);
  const x = (v) => M.left + (v - x0) * kx;
  const y = (v) => height - M.bottom - (v - y0) * ky;
  const [left, bottom] = [M.left, y(y0)];
  const middle = (y(y0) + y(y1)) / 2;
  svg.append(
    s("line", { class: "axis", x1: left, x2: x(x1), y1: bottom, y2: bottom }),
    s("line", { class: "axis", x1: left, x2: left, y1: bottom, y2: y(y1) }),
    ...(xTicks ? ticks(x0, x1) : []).map((t) =>
      s("text", { x: x(t), y: height - 6, class: "mid" }, label(t))
    ),
    ...ticks(y0, y1).map((t) =>
      s("text", { x: left - 4, y: y(t) + 3, class: "end" }, label(t))
    ),
    // The x title sits above the axis at its end, clear of the tick
    // labels; the y title runs up the left edge.
    s("text", { class: "title end", x: x(x1), y: bottom - 5 }, xTitle),
    s("text", {
      class: "title mid",
      transform: `translate(9, ${middle}) rotate(-90)`,
    }, yTitle),
  );
  return { x, y };
}

/**
 * A polyline through the values of `ys`, at x = 0, 1, … plus `from`, in
 * data units; a value that is not a finite number leaves a gap (it is
 * never drawn as 0).
 */
export function path(ys, { x, y }, cls, from = 0) {
  let d = "";
  let pen = "M";
  ys.forEach((py, i) => {
    if (!Number.isFinite(py)) {
      pen = "M";
      return;
    }
    d += `${pen}${x(i + from).toFixed(1)},${y(py).toFixed(1)}`;
    pen = "L";
  });
  return s("path", { d: d || "M0,0", class: cls });
}

/** A bar per value (probabilities), labelled underneath. */
export function bars(values, labels, { width = 520, height = 150, max } = {}) {
  const svg = chart(width, height);
  const top = max ?? Math.max(...values, 1e-12);
  const { x, y } = axes(svg, [0, values.length], [0, top], { xTicks: false });
  const w = (x(1) - x(0)) * 0.8;
  values.forEach((v, i) => {
    const [left, up] = [x(i) + w * 0.1, y(Math.min(v, top))];
    const bar = { class: "bar", x: left, y: up, width: w, height: y(0) - up };
    svg.append(
      s("rect", bar, s("title", {}, `${labels[i]}: ${v.toFixed(4)}`)),
      s("text", { x: left + w / 2, y: height - 8, class: "mid" }, labels[i]),
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
 * A heatmap's cell for value `v`: shaded `color` and titled `tip`; with
 * `print`, its number in it too ("weight": two decimals without the
 * leading zero, "1" for a whole row's weight; "small": the same, smaller),
 * white on a dark shade.
 */
export function heatCell(v, color, tip, print) {
  // rgba's last part is the shade's opacity: white on the darker ones.
  const dark = parseFloat(color.split(",").at(-1)) > 0.6;
  const attrs = { style: `background: ${color}`, title: tip };
  if (!print) return h("td", attrs);
  const two = (Math.abs(v) < 0.005 ? 0 : v).toFixed(2);
  const number = print === "weight" && v > 0.995
    ? "1"
    : two.replace(/^(-?)0\./, "$1.");
  return h("td", { ...attrs, class: `${print}${dark ? " dark" : ""}` }, number);
}

/**
 * A heatmap, as a table that the browser lays out: `rows` of cells
 * (`heatCell`), `labels` heading the rows and `columns` (texts, or header
 * cells) the columns, when given. Pointing at a cell shows its tip in
 * `readout` too, when there is one: a tooltip takes a second to appear,
 * and a learner wants to run along a row.
 */
export function heatmap(rows, { labels, columns, readout } = {}) {
  const head = (label) => labels ? [h("th", {}, label)] : [];
  const header = columns?.map((c) =>
    typeof c === "string" ? h("th", {}, c) : c
  );
  const table = h(
    "table",
    { class: "heat" },
    ...(header ? [h("tr", {}, ...head(""), ...header)] : []),
    ...rows.map((row, i) => h("tr", {}, ...head(labels?.[i]), ...row)),
  );
  table.addEventListener("mouseover", ({ target }) => {
    if (readout && target.title) readout.textContent = target.title;
  });
  return table;
}
