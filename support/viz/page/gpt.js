// What the Step 3–5 widgets share: the choice of model (which step, how
// long it trained) and the colours of their heatmaps.
import { h } from "./api.js";
import { s } from "./svg.js";

/** How long the model may have trained: the server accepts only these. */
const TRAINED = [
  [0, "untrained"],
  [200, "trained 200 steps"],
  [1000, "trained 1000 steps"],
];

/**
 * A step select (steps that wait for a lesson are disabled and say which)
 * and a training select. `value()` is the request's `{ step, trained }`.
 */
export function modelControls(steps, preferred = 3) {
  const live = steps.filter((st) => st.state === "live").map((st) => st.step);
  const step = h(
    "select",
    { "aria-label": "step" },
    ...steps.map((st) =>
      h(
        "option",
        st.state === "live"
          ? { value: st.step }
          : { value: st.step, disabled: "" },
        st.state === "live"
          ? `Step ${st.step}`
          : `Step ${st.step}: waits for ${st.lesson}`,
      )
    ),
  );
  step.value = String(live.includes(preferred) ? preferred : live[0]);
  const trained = h(
    "select",
    { "aria-label": "trained" },
    ...TRAINED.map(([n, text]) => h("option", { value: n }, text)),
  );
  return {
    elements: [step, trained],
    value: () => ({ step: Number(step.value), trained: Number(trained.value) }),
    onChange(fn) {
      step.addEventListener("change", fn);
      trained.addEventListener("change", fn);
    },
  };
}

/** A note while the server trains a model (once: it keeps it). */
export function trainingNote({ step, trained }) {
  return trained > 0
    ? `Training Step ${step}'s model for ${trained} steps (once)…`
    : "";
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

/** One heatmap cell with a tooltip and data attributes. */
export function cell(x, y, w, hgt, fill, tip, data = {}) {
  const attrs = { class: "cell", x, y, width: w, height: hgt, fill };
  for (const [key, value] of Object.entries(data)) {
    attrs[`data-${key}`] = value;
  }
  return s("rect", attrs, s("title", {}, tip));
}
