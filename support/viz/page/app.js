// The page: asks the server where every widget stands, mounts each live
// one from its own module (widgets/<id>.js) in a copy of its template, and
// shows the others as waiting for a lesson, or broken. The server watches
// the lessons: the page polls its boot id, and draws every widget afresh
// when it changes.

import { h, keep } from "./api.js";

/** How often the page asks whether the lessons changed, in ms. */
const POLL_MS = 1000;
/** How long the "lessons changed" notice stays over the cards, in ms. */
const RESTARTED_MS = 4000;

const main = document.getElementById("widgets");
const server = document.getElementById("server");

/** The boot id of the lessons whose widgets are on the page. */
let boot;
await render(await bootId());
watchServer();

/** The server's boot id: a new one after every save of a lesson. */
async function bootId() {
  return (await (await fetch("/api/boot")).json()).boot;
}

/**
 * Asks the server for every widget's status and draws them all afresh;
 * `id` is the boot id of the lessons asked about.
 */
async function render(id) {
  document.body.dataset.ready = "false";
  const { source, widgets } = await (await fetch("/api/widgets")).json();
  document.getElementById("source").textContent = `Names from ${source}.`;
  main.replaceChildren();
  await Promise.all(widgets.map(card));
  boot = id;
  document.body.dataset.ready = "true";
}

/**
 * Appends a widget's card to the page, from a copy of its template (a
 * live widget's words and controls) or of the waiting or broken card's,
 * and fills it in; resolves when it is drawn (its `data-ready`). Its parts
 * are found by name (a control, whose value is kept across redraws) or by
 * data-part; a waiting or broken card's take the status's words.
 */
async function card(status) {
  const { id, state } = status;
  const { title, guide } = document.getElementById(id).dataset;
  const section = h("section", { "data-testid": id, "data-state": state });
  const content =
    document.getElementById(state === "live" ? id : state).content;
  const body = h("div", {}, content.cloneNode(true));
  section.append(
    h("h2", {}, title),
    h("p", { class: "guide" }, `Guide ${guide}`),
    body,
  );
  main.append(section);
  const parts = { body };
  for (const part of body.querySelectorAll("[name], [data-part]")) {
    const name = part.dataset.part ?? part.name;
    parts[name] = part;
    if (part.name) keep(id, name, part);
    if (state !== "live" && status[name]) part.textContent = status[name];
  }
  if (state !== "live") return;
  section.append(document.getElementById("caveat").content.cloneNode(true));
  try {
    await (await import(`./widgets/${id}.js`)).mount(parts, status, section);
    section.dataset.ready = "true";
  } catch (error) {
    body.replaceChildren(h("p", { class: "error" }, error.message ?? error));
    section.dataset.state = "broken";
  }
}

/**
 * Polls the boot id: a new one means a lesson was saved, so the widgets
 * are drawn again; no answer means the server was stopped.
 */
async function watchServer() {
  while (true) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const id = await bootId().catch(() => undefined);
    if (id === undefined) {
      say(
        "down",
        "The server is not answering: was deno task viz stopped? Start it again, and this page comes back by itself.",
      );
    } else if (id === boot) {
      if (server.dataset.state === "down") say("up", "");
    } else if (await render(id).then(() => true, () => false)) {
      // (A failed redraw keeps the old boot id: the next poll tries again.)
      const time = new Date().toLocaleTimeString();
      say("restarted", `Lessons changed at ${time}: the widgets were redrawn.`);
      // Good news needs no banner over the cards for long.
      setTimeout(
        () => server.dataset.state === "restarted" && say("up", ""),
        RESTARTED_MS,
      );
    }
  }
}

/** Shows (or, with no text, hides) the line about the server's state. */
function say(state, text) {
  server.dataset.state = state;
  server.textContent = text;
  server.hidden = text === "";
}
