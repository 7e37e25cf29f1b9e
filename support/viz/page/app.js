// The page: asks the server which widgets are live, mounts each live one
// from its own module (widgets/<id>.js), and shows the others as waiting
// for their lessons. `deno task viz` restarts its server whenever a lesson
// is saved (deno run --watch): the page polls the server's boot id, and
// draws every widget afresh when it changes.

import { h, needsText } from "./api.js";

/** How often the page asks whether the server restarted, in ms. */
const POLL_MS = 1000;
/** How long the "lessons changed" notice stays over the cards, in ms. */
const RESTARTED_MS = 4000;

/**
 * Under every live card: live means implemented, not correct (the server
 * runs no tests), so a buggy lesson can still draw plausible numbers.
 */
const CAVEAT =
  "Numbers are only as right as your lessons: deno task progress says whether their tests pass.";

const main = document.getElementById("widgets");
const server = document.getElementById("server");

/** The id of the server run that drew the widgets now on the page. */
let boot;
await render(await bootId());
watchServer();

/** The server's boot id: a new one after every restart. */
async function bootId() {
  const response = await fetch("/api/boot");
  return (await response.json()).boot;
}

/**
 * Asks the server for every widget's status and draws them all afresh;
 * `id` is the boot id of the server run asked.
 */
async function render(id) {
  document.body.dataset.ready = "false";
  const { source, widgets } = await (await fetch("/api/widgets")).json();
  document.getElementById("source").textContent = `Names from ${source}.`;
  const sections = widgets.map(card);
  main.replaceChildren(...sections.map(([section]) => section));
  await Promise.all(sections.map(([, mount]) => mount()));
  boot = id;
  document.body.dataset.boot = id;
  document.body.dataset.ready = "true";
}

/** A widget's section, and a function that fills it in. */
function card(status) {
  const section = h("section", {
    "data-testid": status.id,
    "data-state": status.state,
  });
  section.append(
    h("h2", {}, status.title),
    h("p", { class: "guide" }, `Guide ${status.guide}`),
  );
  if (status.state === "live") {
    return [section, () => mountLive(section, status)];
  }
  if (status.state === "waiting") {
    Object.assign(section.dataset, {
      lesson: status.lesson,
      needsTo: status.needs.to,
    });
    section.append(
      h("p", { class: "message" }, status.message),
      h(
        "p",
        {},
        "Check it with ",
        h("code", { "data-command": "" }, status.command),
        ". Save the lesson and this card updates itself.",
      ),
    );
  } else {
    // Which lessons, and how to test them: the error alone does not say.
    section.append(
      h(
        "p",
        { class: "message" },
        `Your lesson code failed: ${status.message}`,
      ),
      h(
        "p",
        {},
        `This card runs ${needsText(status.needs)}. Test them with `,
        h("code", { "data-command": "" }, status.command),
        ", fix, save: this card updates itself.",
      ),
    );
  }
  return [section, () => {}];
}

/** Mounts a live widget's page module in its section. */
async function mountLive(section, status) {
  const body = h("div");
  section.append(body, h("p", { class: "caveat" }, CAVEAT));
  try {
    const widget = await import(`./widgets/${status.id}.js`);
    await widget.mount(body, status, section);
  } catch (error) {
    body.replaceChildren(
      h("p", { class: "error" }, String(error.message ?? error)),
    );
    section.dataset.state = "broken";
  }
}

/**
 * Polls the boot id: a new one means the lessons changed (the server
 * restarted), so the widgets are drawn again; no answer means it is
 * restarting, or stopped (a lesson that does not parse, or Ctrl-C).
 */
async function watchServer() {
  while (true) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    let id;
    try {
      id = await bootId();
    } catch {
      say(
        "down",
        "The server is not answering: deno task viz restarts when you save a lesson, and this page comes back by itself. Still here after a few seconds? Look at its terminal: a lesson that does not parse is named there (fix it and save), or it was stopped (start it again).",
      );
      continue;
    }
    if (id !== boot) {
      // A failed redraw (the server restarting again) keeps the old boot
      // id, so the next poll tries again.
      try {
        await render(id);
      } catch {
        continue;
      }
      const time = new Date().toLocaleTimeString();
      say("restarted", `Lessons changed at ${time}: the widgets were redrawn.`);
      // Good news needs no banner over the cards for long.
      setTimeout(() => {
        if (server.dataset.state === "restarted") server.hidden = true;
      }, RESTARTED_MS);
    } else if (server.dataset.state === "down") {
      say("up", "");
    }
  }
}

/** Shows (or, with no text, hides) the line about the server's state. */
function say(state, text) {
  server.dataset.state = state;
  server.textContent = text;
  server.hidden = text === "";
}
