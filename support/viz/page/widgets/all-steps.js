// Every step's loss curve on one chart (guide 3.8, 4.6, 5.4): each live
// step trains in turn on the server; a checkbox shows or hides its curve.
import { fmt, h, keep, kept, refusal, train } from "../api.js";
import { LOSS_AXES } from "../gpt.js";
import { axes, chart, path } from "../svg.js";

// No grey: a grey label reads as a disabled checkbox.
// Step 0 in ink and Step 3 in orange: no two alike.
const COLORS = [
  "#1d2330",
  "#0891b2",
  "#16a34a",
  "#d9480f",
  "#9333ea",
  "#2563eb",
];

export function mount(parts, status, section) {
  const { steps: length, button, plot, info, note } = parts;
  const steps = status.details.steps.filter((st) => st.state === "live");
  const why = (st) =>
    st.state === "waiting" ? `waits for ${st.lesson}` : "fails";
  const others = status.details.steps.filter((st) => st.state !== "live");
  note.textContent = others.map((st) => `Step ${st.step} ${why(st)}.`).join(
    " ",
  );
  const runs = new Map(); // step → its smoothed losses
  const boxes = steps.map(({ step }) => {
    const box = h("input", { type: "checkbox", checked: "" });
    box.addEventListener("change", draw);
    const style = `color:${COLORS[step]}`;
    parts.choice.append(h("label", { style }, box, `Step ${step}`));
    return keep("all-steps", `step${step}`, box);
  });
  button.addEventListener("click", async () => {
    // Trained before a redraw: trained again (on the new lessons) after it.
    sessionStorage.setItem("viz:all-steps:trained", "true");
    button.disabled = true;
    runs.clear();
    section.dataset.training = "running";
    try {
      for (const { step } of steps) {
        const smooth = [];
        runs.set(step, smooth);
        info.textContent = `Training Step ${step}…`;
        await train(
          step,
          +length.value,
          (m) => {
            if (m.type === "step") smooth.push(m.smooth);
            if (smooth.length % 20 === 0) draw();
          },
          undefined,
          "all",
        );
      }
      section.dataset.training = "done";
      draw();
    } catch (error) {
      info.replaceChildren(refusal(error));
      section.dataset.training = "error";
    }
    button.disabled = false;
  });

  function draw() {
    const shown = steps.filter(({ step }, i) =>
      boxes[i].checked && runs.has(step)
    );
    const svg = chart(520, 240);
    const all = shown.flatMap(({ step }) => runs.get(step));
    const range = [Math.min(1.5, ...all), Math.max(3.6, ...all)];
    const titles = { ...LOSS_AXES, yTitle: "loss, smoothed" };
    const sc = axes(svg, [0, +length.value], range, titles);
    for (const { step } of shown) {
      const line = path(runs.get(step), sc, "smooth", 1);
      line.setAttribute("style", `stroke:${COLORS[step]}`);
      svg.append(line);
    }
    plot.replaceChildren(svg);
    const done = [...runs].filter(([, smooth]) => smooth.length > 0);
    const final = ([step, smooth]) => `Step ${step}: ${fmt(smooth.at(-1), 3)}`;
    if (section.dataset.training !== "running" && done.length > 0) {
      info.textContent = `Final smoothed losses (lower is better): ${
        done.map(final).join(" · ")
      }`;
    }
  }
  draw();
  if (kept("all-steps", "trained") === "true") button.click();
}
