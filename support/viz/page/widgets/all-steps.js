// Every step's loss curve on one chart (guide 3.8, 4.6, 5.4): each ticked
// live step trains in turn on the server; its checkbox also shows or hides
// its curve afterwards, in the step's colour (style.css).
import { fmt, h, keep, kept, refusal, train } from "../api.js";
import { LOSS_AXES } from "../gpt.js";
import { axes, chart, path } from "../svg.js";

export function mount(parts, status) {
  const { steps: length, button, plot, info, note } = parts;
  const live = status.details.steps.filter((st) => st.state === "live");
  const why = (st) =>
    st.state === "waiting" ? `waits for ${st.lesson}` : "fails";
  note.textContent = status.details.steps.filter((st) => st.state !== "live")
    .map((st) => `Step ${st.step} ${why(st)}.`).join(" ");
  const runs = new Map(); // step → its smoothed losses
  const boxes = new Map(live.map(({ step }) => {
    const box = h("input", { type: "checkbox", checked: "" });
    box.addEventListener("change", draw);
    const label = h("label", { class: `step${step}` }, box, `Step ${step}`);
    parts.choice.append(label);
    return [step, keep("all-steps", `step${step}`, box)];
  }));
  button.addEventListener("click", async () => {
    // Trained before a redraw: trained again (on the new lessons) after it.
    sessionStorage.setItem("viz:all-steps:trained", "true");
    const ticked = live.filter((st) => boxes.get(st.step).checked);
    if (ticked.length === 0) return info.textContent = "Tick a step to train.";
    button.disabled = true;
    runs.clear();
    try {
      for (const { step } of ticked) {
        const smooth = [];
        runs.set(step, smooth);
        info.textContent = `Training Step ${step}…`;
        const onMessage = (m) => {
          if (m.type === "step") smooth.push(m.smooth);
          if (smooth.length % 20 === 0) draw();
        };
        await train(step, +length.value, onMessage);
      }
    } catch (error) {
      return info.replaceChildren(refusal(error));
    } finally {
      button.disabled = false;
    }
    draw();
  });

  function draw() {
    const shown = [...runs].filter(([step]) => boxes.get(step).checked);
    const svg = chart(520, 240);
    const all = shown.flatMap(([, smooth]) => smooth);
    const range = [Math.min(1.5, ...all), Math.max(3.6, ...all)];
    const titles = { ...LOSS_AXES, yTitle: "loss, smoothed" };
    const sc = axes(svg, [0, +length.value], range, titles);
    const line = ([step, smooth]) => path(smooth, sc, `smooth step${step}`, 1);
    svg.append(...shown.map(line));
    plot.replaceChildren(svg);
    const done = [...runs].filter(([, smooth]) => smooth.length > 0);
    const final = ([step, smooth]) => `Step ${step}: ${fmt(smooth.at(-1), 3)}`;
    // The button is disabled while it trains.
    if (!button.disabled && done.length > 0) {
      info.textContent = `Final smoothed losses (lower is better): ${
        done.map(final).join(" · ")
      }`;
    }
  }
  draw();
  if (kept("all-steps", "trained") === "true") button.click();
}
