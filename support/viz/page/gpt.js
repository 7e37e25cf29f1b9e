// What the widgets with a choice of step share: the step select, the
// choice of model of the Step 3–5 widgets (which step, how long it
// trained) and its request, the name they read, and the loss charts' parts.
import { h, keep, latest, post, refusal } from "./api.js";

/** How long the model may have trained: the server accepts only these. */
const TRAINED = [
  [0, "untrained"],
  [200, "trained 200 steps"],
  [1000, "trained 1000 steps"],
];

/**
 * Enables `option` (reading `text`) when `status` is live; else disables
 * it, labelled with the lesson it waits for, its whole message as tooltip.
 */
function gate(option, text, status) {
  const live = status.state === "live";
  option.disabled = !live;
  option.textContent = live
    ? text
    : status.state === "waiting"
    ? `${text} (waits for ${status.lesson})`
    : `${text} (your lesson code fails)`;
  option.title = live ? "" : status.message;
}

/**
 * A select of `steps` (statuses with a `step`), kept across redraws under
 * `widget`: those not live are disabled and say why; the live ones read
 * `label(st)`; `preferred` is chosen when live.
 */
export function stepSelect(steps, label, preferred, widget) {
  const select = h("select", { "aria-label": "step" });
  for (const st of steps) {
    const option = h("option", { value: st.step });
    gate(option, label(st), st);
    select.append(option);
  }
  const live = steps.filter((st) => st.state === "live").map((st) => st.step);
  select.value = String(live.includes(preferred) ? preferred : live[0]);
  return keep(widget, "step", select);
}

/**
 * A step select and a training select, put in the card's `model` part, and
 * a note at its end to show while the server trains the chosen model.
 * `value()` is the request's `{ step, trained }`. The trained models of a
 * step that cannot train yet are disabled. Both are kept across redraws,
 * under `widget`.
 */
export function modelControls(parts, steps, preferred, widget) {
  const step = stepSelect(steps, (st) => `Step ${st.step}`, preferred, widget);
  step.classList.add("compact");
  const trained = h(
    "select",
    { "aria-label": "trained", class: "compact" },
    ...TRAINED.map(([n, text]) => h("option", { value: n }, text)),
  );
  const gateTrained = () => {
    const chosen = steps.find((st) => st.step === Number(step.value));
    TRAINED.forEach(([n, text], i) => {
      if (n > 0) gate(trained.options[i], text, chosen.trained);
    });
    if (trained.selectedOptions[0].disabled) trained.value = "0";
  };
  // Registered before askModel's listener: the request sees the new gate.
  step.addEventListener("change", gateTrained);
  gateTrained();
  keep(widget, "trained", trained);
  parts.model.append(step, " ", trained);
  const note = h("p", { class: "muted" });
  parts.body.append(note);
  return {
    elements: [step, trained],
    note,
    value: () => ({ step: Number(step.value), trained: Number(trained.value) }),
  };
}

/**
 * Asks widget `id` about the chosen model (with `params()`) on every call
 * and whenever the choice of model changes, showing its note while the
 * server trains it (once: it keeps it), and a refusal in `plot`; only the
 * latest answer reaches `show`.
 */
export function askModel(id, model, params, plot, show) {
  const done = () => {
    model.note.textContent = "";
    plot.classList.remove("stale");
  };
  const update = latest(
    (signal) => {
      const { step, trained } = model.value();
      model.note.textContent = trained > 0
        ? `Training Step ${step}'s model for ${trained} steps (once)…`
        : "";
      // The drawing on show is the old model's until the new answer comes.
      plot.classList.toggle("stale", trained > 0);
      return post(`/api/widgets/${id}`, { ...params(), step, trained }, signal);
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
 * The name in the card's name box as the model can read it: its first
 * MAX_LETTERS letters. The box takes longer names, and the card's `cut`
 * part says what was cut, rather than the box refusing keys.
 */
export function nameToRead({ name: input, cut }) {
  const name = input.value.slice(0, MAX_LETTERS);
  cut.textContent = input.value.length > MAX_LETTERS
    ? `The model has 16 positions (BOS and ${MAX_LETTERS} letters): it reads “${name}”, the rest is cut.`
    : "";
  return name;
}

/** The loss charts' axis titles. */
export const LOSS_AXES = { xTitle: "training step", yTitle: "loss" };
