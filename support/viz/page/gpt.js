// What the widgets share: the step select, the choice of model of the
// Step 3–5 widgets (which step, how long it trained) and its request, the
// colours of their heatmaps, and the loss curves' steps and smoothing.
import { h, keep, latest, post, refusal } from "./api.js";
import { s } from "./svg.js";

/** How long the model may have trained: the server accepts only these. */
const TRAINED = [
  [0, "untrained"],
  [200, "trained 200 steps"],
  [1000, "trained 1000 steps"],
];

/**
 * A select of `steps`: those that wait for a lesson are disabled and say
 * which lessons they need (the whole message in their tooltip); the live
 * ones read `label(st)`.
 */
export function stepSelect(steps, label, preferred) {
  const live = steps.filter((st) => st.state === "live").map((st) => st.step);
  const select = h(
    "select",
    { "aria-label": "step" },
    ...steps.map((st) =>
      st.state === "live"
        ? h("option", { value: st.step }, label(st))
        : waitingOption(st.step, `Step ${st.step}`, st)
    ),
  );
  select.value = String(live.includes(preferred) ? preferred : live[0]);
  return select;
}

/** A disabled option that says what it waits for. */
function waitingOption(value, text, status) {
  const option = h("option", { value });
  gate(option, text, status);
  return option;
}

/**
 * Enables `option` (reading `text`) when `status` is live; else disables
 * it, labelled with the lessons it needs, first to last (a target that
 * does not move as lessons pass), the whole message as its tooltip.
 */
function gate(option, text, status) {
  const live = status.state === "live";
  option.disabled = !live;
  option.textContent = live
    ? text
    : status.state === "waiting"
    ? `${text} (needs ${span(status.needs)})`
    : `${text} (your lesson code failed)`;
  option.title = live ? "" : status.message;
}

/** "step4/02", or "step3/01–step3/06": a range short enough for a select. */
function span({ from, to }) {
  return from === to ? to : `${from}–${to}`;
}

/**
 * A step select and a training select, and a note to show while the server
 * trains the chosen model. `value()` is the request's `{ step, trained }`.
 * The trained models of a step that cannot train yet are disabled. Both
 * are kept across redraws, under `widget`.
 */
export function modelControls(steps, preferred, widget) {
  const step = keep(
    widget,
    "step",
    stepSelect(steps, (st) => `Step ${st.step}`, preferred),
  );
  const trained = h(
    "select",
    { "aria-label": "trained" },
    ...TRAINED.map(([n, text]) => h("option", { value: n }, text)),
  );
  const gateTrained = () => {
    const chosen = steps.find((st) => st.step === Number(step.value));
    TRAINED.forEach(([n, text], i) => {
      if (n > 0) gate(trained.options[i], text, chosen.trained);
    });
    if (trained.selectedOptions[0].disabled) trained.value = "0";
  };
  // Closed, they show a short choice; open, the waiting ones' full labels.
  step.classList.add("compact");
  trained.classList.add("compact");
  // Registered before askModel's listener: the request sees the new gate.
  step.addEventListener("change", gateTrained);
  gateTrained();
  keep(widget, "trained", trained);
  return {
    elements: [step, trained],
    note: h("p", { class: "muted" }),
    value: () => ({ step: Number(step.value), trained: Number(trained.value) }),
  };
}

/**
 * Asks widget `id` about the chosen model (with `params()`) on every call
 * and whenever the choice of model changes, showing its note while the
 * server trains it (once: it keeps it) and a refusal in `plot`; only the
 * latest answer reaches `show`.
 */
export function askModel(id, model, params, plot, show) {
  const { note } = model;
  const done = () => {
    note.textContent = "";
    plot.classList.remove("stale");
  };
  const update = latest(
    () => {
      const { step, trained } = model.value();
      note.textContent = trained > 0
        ? `Training Step ${step}'s model for ${trained} steps (once)…`
        : "";
      // The drawing on show is the old model's until the new answer comes.
      plot.classList.toggle("stale", trained > 0);
      return post(id, { ...params(), ...model.value() });
    },
    (answer) => {
      done();
      show(answer);
    },
    (error) => {
      done();
      plot.replaceChildren(refusal(error));
    },
  );
  for (const select of model.elements) {
    select.addEventListener("change", update);
  }
  return update;
}

/** The most letters a model reads: BOS and 15 letters fill its 16 positions. */
const MAX_LETTERS = 15;

/**
 * A name to read. It may be typed longer than MAX_LETTERS: `nameToRead`
 * then cuts it, and says so, rather than the box refusing keys silently.
 */
export function nameInput(value) {
  return h("input", {
    type: "text",
    value,
    maxlength: 40,
    size: 12,
    spellcheck: "false",
    "aria-label": "name",
  });
}

/**
 * The name in `input` as the model can read it: its first MAX_LETTERS
 * letters. When it is longer, `note` says what was cut; else it is empty.
 */
export function nameToRead(input, note) {
  const name = input.value.slice(0, MAX_LETTERS);
  note.textContent = input.value.length > MAX_LETTERS
    ? `The model has 16 positions (BOS and ${MAX_LETTERS} letters): it reads “${name}”, the rest is cut.`
    : "";
  return name;
}

/** A paragraph for `nameToRead` to say a name was cut. */
export function cutNote() {
  return h("p", { class: "muted", "data-cut": "" });
}

/** How many steps a loss curve trains for. */
export function stepsInput() {
  return h("input", {
    type: "number",
    min: 1,
    max: 2000,
    value: 1000,
    "aria-label": "steps",
  });
}

/** The loss charts' axis titles. */
export const LOSS_AXES = {
  xTitle: "training step",
  yTitle: "loss (smoothed)",
};

/** Smoothing of the loss curves: an exponential moving average with this β. */
const BETA = 0.95;

/** Adds a step's loss to `run.losses` and its smoothed value to `run.smooth`. */
export function pushLoss(run, loss) {
  run.smooth.push(
    run.smooth.length ? BETA * run.smooth.at(-1) + (1 - BETA) * loss : loss,
  );
  run.losses.push(loss);
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
