// What the widgets with a choice of step share: the step select, the
// choice of model of the Step 3–5 widgets (which step, how long it
// trained) and their requests, the name they read, and the loss charts'
// axes.
import { ask, h, keep } from "./api.js";

/**
 * Enables `option` (reading `text`) when `status` is live; else disables
 * it, labelled with the lesson it waits for, its whole message as tooltip.
 * Returns `option`.
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
  return option;
}

/**
 * A select of `steps` (statuses with a `step`), kept across redraws under
 * `widget`: those not live are disabled and say why; the live ones read
 * `label(st)`; `preferred` is chosen when live.
 */
export function stepSelect(steps, label, preferred, widget) {
  const option = (st) => gate(h("option", { value: st.step }), label(st), st);
  const select = h("select", { "aria-label": "step" }, ...steps.map(option));
  const live = steps.filter((st) => st.state === "live").map((st) => st.step);
  select.value = String(live.includes(preferred) ? preferred : live[0]);
  return keep(widget, "step", select);
}

/**
 * The Step 3–5 widget `id`'s choice of model, in the card's `model` part:
 * a step select (`preferred` chosen when live) before the template's
 * training select, whose trained models are disabled while the step cannot
 * train; both kept across redraws. Returns `update()`, which asks the
 * widget about the chosen model with `params()` (also whenever the choice
 * changes), says in the card's `training` part while the server trains it
 * (once: it keeps it), dims the old drawing meanwhile, and hands the latest
 * answer to `show`.
 */
export function askModel(id, parts, steps, preferred, params, show) {
  const { plot, trained, training } = parts;
  const step = stepSelect(steps, (st) => `Step ${st.step}`, preferred, id);
  step.classList.add("compact");
  parts.model.prepend(step, " ");
  const texts = [...trained.options].map((option) => option.textContent);
  const gateTrained = () => {
    const chosen = steps.find((st) => st.step === Number(step.value));
    // An untrained model needs no training.
    for (let i = 1; i < texts.length; i++) {
      gate(trained.options[i], texts[i], chosen.trained);
    }
    if (trained.selectedOptions[0].disabled) trained.value = "0";
  };
  // Registered before the request's listener: the request sees the new gate.
  step.addEventListener("change", gateTrained);
  gateTrained();
  const done = () => {
    training.textContent = "";
    plot.classList.remove("stale");
  };
  const model = () => {
    const chosen = { step: Number(step.value), trained: Number(trained.value) };
    training.textContent = chosen.trained > 0
      ? `Training Step ${chosen.step}'s model for ${chosen.trained} steps (once)…`
      : "";
    // The drawing on show is the old model's until the new answer comes.
    plot.classList.toggle("stale", chosen.trained > 0);
    return { ...params(), ...chosen };
  };
  const answered = (answer) => {
    done();
    show(answer);
  };
  const update = ask(id, model, answered, plot, done);
  step.addEventListener("change", update);
  trained.addEventListener("change", update);
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
