// Every step's loss curve on one chart (guide 3.8, 4.6, 5.4): each live
// step trains in turn on the server; a checkbox shows or hides its curve.
import { h, train } from "../api.js";
import { axes, chart, path, s } from "../svg.js";

const BETA = 0.95;
const COLORS = [
  "#6b7280",
  "#2563eb",
  "#16a34a",
  "#d9480f",
  "#9333ea",
  "#0891b2",
];

export function mount(body, status, section) {
  const steps = status.details.steps.filter((st) => st.state === "live");
  const curves = new Map(); // step → smoothed losses
  const boxes = steps.map((st) => {
    const box = h("input", {
      type: "checkbox",
      checked: "",
      "data-step": st.step,
    });
    box.addEventListener("change", draw);
    return box;
  });
  const button = h("button", { type: "button" }, "Train every step");
  const plot = h("div");
  body.append(
    h(
      "div",
      { class: "controls" },
      ...boxes.map((b, i) =>
        h(
          "label",
          { style: `color:${COLORS[steps[i].step % COLORS.length]}` },
          b,
          `Step ${steps[i].step}`,
        )
      ),
      button,
    ),
    plot,
  );
  button.addEventListener("click", async () => {
    button.disabled = true;
    for (const st of steps) {
      const curve = [];
      curves.set(st.step, curve);
      await train(st.step, 1000, (m) => {
        if (m.type === "step") {
          curve.push(
            curve.length ? BETA * curve.at(-1) + (1 - BETA) * m.loss : m.loss,
          );
        }
      });
      draw();
    }
    button.disabled = false;
  });

  function draw() {
    const svg = chart(520, 240);
    const sc = axes(svg, [0, 1000], [1.5, 3.6]);
    const last = [];
    boxes.forEach((box, i) => {
      const curve = curves.get(steps[i].step);
      if (!box.checked || !curve) return;
      const line = path(curve.map((l, k) => [k + 1, l]), sc, "smooth");
      line.setAttribute(
        "style",
        `stroke:${COLORS[steps[i].step % COLORS.length]}`,
      );
      svg.append(line);
      last.push(`${steps[i].step}:${curve.at(-1)}`);
    });
    svg.append(s("text", { x: 50, y: 20 }, "smoothed loss per step"));
    plot.replaceChildren(svg);
    section.dataset.lastLosses = last.join(",");
  }
  draw();
  section.dataset.ready = "true";
}
