// The page's calls to the server (one JSON request per widget answer, and
// trainings streamed as newline-delimited JSON), and the few DOM helpers
// every widget uses.

/** What a card says when the server does not answer. */
const NOT_ANSWERING =
  "The server is not answering (stopped?): this card redraws by itself when it is back.";

/**
 * POSTs `params` as JSON to `path` and returns the answer: a Response for
 * a training, else its JSON. A refusal throws an Error with the server's
 * one sentence, marked `waiting` when it is a lesson still to write (409).
 */
export async function post(path, params, signal) {
  const headers = { "content-type": "application/json" };
  const body = JSON.stringify(params);
  const response = await fetch(path, { method: "POST", headers, body, signal })
    .catch((error) => {
      // The browser's bare "Failed to fetch", as a sentence to act on.
      throw error?.name === "AbortError" ? error : new Error(NOT_ANSWERING);
    });
  if (!response.ok) {
    throw refusalError((await response.text()).trim(), response.status === 409);
  }
  return path === "/api/train" ? response : await response.json();
}

/** An Error for a refusal; `waiting`: a lesson to write, not a mistake. */
function refusalError(message, waiting = false) {
  return Object.assign(new Error(message), { waiting });
}

/** A refusal as a paragraph: grey when it waits for a lesson, red when something is wrong. */
export function refusal(error) {
  return h("p", { class: error.waiting ? "waiting" : "error" }, error.message);
}

/**
 * Asks widget `id` with `params()` on every call. A slider fires many
 * requests, and each new one aborts the one before (the server then stops
 * computing it): only the latest answer reaches `show`, and a refusal
 * (`params()` may throw one too) replaces what `plot` shows, after
 * `onRefusal()`.
 */
export function ask(id, params, show, plot, onRefusal = () => {}) {
  let current;
  return async () => {
    current?.abort();
    const mine = current = new AbortController();
    try {
      const answer = await post(`/api/widgets/${id}`, params(), mine.signal);
      if (mine === current) show(answer);
    } catch (error) {
      if (mine !== current || error?.name === "AbortError") return;
      onRefusal();
      plot.replaceChildren(refusal(error));
    }
  };
}

/**
 * Trains step `step` for `steps` steps on the server, calling `onMessage`
 * for every message (start, step, line, end, done); a refusal throws.
 * Resolves when the training ends; `signal` stops it (the server then
 * stops it too).
 */
export async function train(step, steps, onMessage, signal) {
  try {
    const response = await post("/api/train", { step, steps }, signal);
    let buffer = "";
    for await (
      const text of response.body.pipeThrough(new TextDecoderStream())
    ) {
      const lines = (buffer + text).split("\n");
      buffer = lines.pop();
      for (const line of lines.filter(Boolean)) {
        const { refusal, ...message } = JSON.parse(line);
        if (refusal) {
          throw refusalError(refusal.message, refusal.status === 409);
        }
        onMessage(message);
      }
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

/**
 * Keeps `control`'s value (a checkbox: whether it is ticked) across the
 * page's redraws: every save redraws each widget afresh, and a learner
 * should still see what they were looking at. Saved in sessionStorage under
 * the widget and the control's name on every change, restored now; a
 * select gets back only an option it still offers enabled. The page keeps
 * every control of a card's template that has a name; a widget keeps the
 * ones it makes itself, before its first request. Returns `control`.
 */
export function keep(widget, name, control) {
  const prop = control.type === "checkbox" ? "checked" : "value";
  const saved = kept(widget, name);
  const offered = control.tagName !== "SELECT" ||
    [...control.options].some((o) => o.value === saved && !o.disabled);
  if (saved !== null && offered) {
    control[prop] = prop === "checked" ? saved === "true" : saved;
  }
  const save = () =>
    sessionStorage.setItem(`viz:${widget}:${name}`, String(control[prop]));
  control.addEventListener("input", save);
  control.addEventListener("change", save);
  return control;
}

/** What `keep` saved for a widget's control, or null. */
export function kept(widget, name) {
  return sessionStorage.getItem(`viz:${widget}:${name}`);
}
