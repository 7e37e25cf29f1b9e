// The page's calls to the server: one JSON request per widget answer, and
// trainings streamed as newline-delimited JSON.

/** This page's id: the server runs one training at a time per page. */
export const PAGE_ID = Math.random().toString(36).slice(2, 12) || "page";

/**
 * POSTs `params` to a widget and returns its JSON answer; a refusal throws
 * an Error with the server's one sentence, marked `waiting` when it is a
 * lesson still to write (409) rather than a mistake.
 */
export async function post(id, params) {
  const response = await reach(`/api/widgets/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  if (!response.ok) {
    throw refusalError((await response.text()).trim(), response.status === 409);
  }
  return await response.json();
}

/** What a request says when the server is gone (restarting, or stopped). */
export const NOT_ANSWERING =
  "The server is not answering (restarting after a save, or stopped): this card redraws by itself when it is back.";

/**
 * `fetch`, but a server that does not answer (the browser's bare "Failed to
 * fetch") becomes a sentence a learner can act on. An abort stays an abort.
 */
export async function reach(url, options = {}) {
  try {
    return await fetch(url, options);
  } catch (error) {
    if (error?.name === "AbortError") throw error;
    throw new Error(NOT_ANSWERING);
  }
}

/** An Error for a refusal; `waiting`: a lesson to write, not a mistake. */
export function refusalError(message, waiting = false) {
  return Object.assign(new Error(message), { waiting });
}

/**
 * A refusal as a paragraph: grey like a waiting card when it waits for a
 * lesson, red when something is wrong.
 */
export function refusal(error) {
  return h("p", { class: error.waiting ? "waiting" : "error" }, error.message);
}

/** The lessons a card or option needs, in words (as the server says them). */
export function needsText({ from, to }) {
  return from === to ? `lesson ${to}` : `lessons ${from} to ${to}`;
}

/**
 * Wraps an async function so that only the answer to the latest call is
 * handed on: a slider can fire many requests, the page shows the last.
 */
export function latest(fn, onAnswer, onError) {
  let sequence = 0;
  return async (...args) => {
    const mine = ++sequence;
    try {
      const answer = await fn(...args);
      if (mine === sequence) onAnswer(answer);
    } catch (error) {
      if (mine === sequence) onError(error);
    }
  };
}

/**
 * Asks widget `id` with `params()` on every call: only the latest answer
 * reaches `show`, and a refusal replaces what `plot` shows.
 */
export function ask(id, params, show, plot) {
  return latest(
    () => post(id, params()),
    show,
    (error) => plot.replaceChildren(refusal(error)),
  );
}

/**
 * Trains step `step` for `steps` steps on the server, calling `onMessage`
 * for every message (start, step, line, end, done, error). Resolves when
 * the training ends; `signal` stops it. A new training in the same `lane`
 * (a few letters; one per widget) stops the lane's previous one.
 */
export async function train(step, steps, onMessage, signal, lane = "") {
  const query = new URLSearchParams({ step, steps, page: PAGE_ID + lane });
  try {
    const response = await reach(`/api/train?${query}`, { signal });
    if (!response.ok) throw new Error((await response.text()).trim());
    const reader = response.body.pipeThrough(new TextDecoderStream())
      .getReader();
    let buffer = "";
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split("\n");
      buffer = lines.pop();
      for (const line of lines) if (line) onMessage(JSON.parse(line));
    }
  } catch (error) {
    // A training stopped on purpose (`signal`) ends quietly.
    if (!signal?.aborted) throw error;
  }
}

/** Shortens a number for display. */
export function fmt(x, digits = 4) {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/** Makes an HTML element with attributes and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  el.append(...children);
  return el;
}

/** A row of a widget's controls. */
export function controls(...children) {
  return h("div", { class: "controls" }, ...children);
}

/**
 * Keeps `control`'s value (a checkbox: whether it is ticked) across the
 * page's redraws: every save restarts the server and draws each widget
 * afresh, and a learner should still see what they were looking at. Saved
 * in sessionStorage under the widget and the control's name on every
 * change, restored now; a select gets back only an option it still offers
 * enabled. Call it before the widget's first request. Returns `control`.
 */
export function keep(widget, name, control) {
  const prop = control.type === "checkbox" ? "checked" : "value";
  const saved = kept(widget, name);
  if (saved !== null && offers(control, saved)) {
    control[prop] = prop === "checked" ? saved === "true" : saved;
  }
  const save = () =>
    sessionStorage.setItem(keyOf(widget, name), String(control[prop]));
  control.addEventListener("input", save);
  control.addEventListener("change", save);
  return control;
}

/** What `keep` saved for a widget's control, or null. */
export function kept(widget, name) {
  return sessionStorage.getItem(keyOf(widget, name));
}

function keyOf(widget, name) {
  return `viz:${widget}:${name}`;
}

/** Whether `control` can take `value`: any input can; a select, its own. */
function offers(control, value) {
  return control.tagName !== "SELECT" ||
    [...control.options].some((o) => o.value === value && !o.disabled);
}

/** A range input named `label` (for screen readers and the tests). */
export function slider(label, min, max, step, value, attrs = {}) {
  return h("input", {
    type: "range",
    min,
    max,
    step,
    value,
    "aria-label": label,
    ...attrs,
  });
}
