// The page: asks the server which widgets are live, mounts each live one
// from its own module (widgets/<id>.js), and shows the others as waiting
// for their lesson.

import { h } from "./api.js";

const main = document.getElementById("widgets");
const { source, widgets } = await (await fetch("/api/widgets")).json();
document.getElementById("source").textContent = `Names from ${source}.`;

await Promise.all(widgets.map(async (status) => {
  const section = h("section", {
    "data-testid": status.id,
    "data-state": status.state,
  });
  section.append(
    h("h2", {}, status.title),
    h("p", { class: "guide" }, `Guide ${status.guide}`),
  );
  main.append(section);
  if (status.state === "live") {
    const body = h("div");
    section.append(body);
    try {
      const widget = await import(`./widgets/${status.id}.js`);
      await widget.mount(body, status, section);
    } catch (error) {
      body.replaceChildren(
        h("p", { class: "error" }, String(error.message ?? error)),
      );
      section.dataset.state = "broken";
    }
  } else if (status.state === "waiting") {
    section.dataset.lesson = status.lesson;
    section.append(
      h("p", { class: "message" }, status.message),
      h(
        "p",
        {},
        "Check it with ",
        h("code", { "data-command": "" }, status.command),
      ),
    );
  } else {
    section.append(
      h(
        "p",
        { class: "message" },
        `Your lesson code failed: ${status.message}`,
      ),
    );
  }
}));
document.body.dataset.ready = "true";
