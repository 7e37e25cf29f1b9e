// Every step's loss curve on one chart (guide 3.8, 4.6, 5.4): each live
// step trains in turn on the server; a checkbox shows or hides its curve.
import {
  controls,
  fmt,
  h,
  keep,
  kept,
  needsText,
  refusal,
  refusalError,
  train,
} from "../api.js";
import { LOSS_AXES, pushLoss, stepsInput } from "../gpt.js";
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
const color = (step) => COLORS[step % COLORS.length];

/** Why one curve seems missing. */
export const SAME_CURVES =
  "Step 2 is Step 1's model with its gradients computed by autograd: it trains to exactly the same numbers, so its line hides Step 1's (untick Step 2 to see it).";

export function mount(body, status, section) {
  const steps = status.details.steps.filter((st) => st.state === "live");
  const waiting = status.details.steps
    .filter((st) => st.state === "waiting")
    .map((st) =>
      `Step ${st.step} needs ${
        needsText(st.needs)
      } (next to write: ${st.lesson}).`
    )
    .join(" ");
  const runs = new Map(); // step → { losses, smooth }
  const boxes = steps.map((st) => {
    const box = h("input", {
      type: "checkbox",
      checked: "",
      "data-step": st.step,
    });
    box.addEventListener("change", draw);
    return keep("all-steps", `step${st.step}`, box);
  });
  const length = keep("all-steps", "steps", stepsInput());
  const button = h("button", { type: "button" }, "Train every step");
  const plot = h("div");
  const info = h("p", { class: "muted" });
  body.append(
    controls(
      ...boxes.map((b, i) =>
        h(
          "label",
          { style: `color:${color(steps[i].step)}` },
          b,
          `Step ${steps[i].step}`,
        )
      ),
      h("label", {}, "steps", length),
      button,
    ),
    plot,
    info,
    h("p", { class: "muted" }, SAME_CURVES),
    h("p", { class: "muted" }, waiting),
  );
  button.addEventListener("click", async () => {
    // Trained before a redraw: trained again (on the new lessons) after it.
    sessionStorage.setItem("viz:all-steps:trained", "true");
    button.disabled = true;
    runs.clear();
    const total = Number(length.value);
    section.dataset.training = "running";
    try {
      for (const st of steps) {
        const run = { losses: [], smooth: [] };
        runs.set(st.step, run);
        info.textContent = `Training Step ${st.step}…`;
        let frame = 0;
        await train(
          st.step,
          total,
          (m) => {
            if (m.type === "error") throw refusalError(m.message, m.waiting);
            if (m.type !== "step") return;
            pushLoss(run, m.loss);
            frame ||= requestAnimationFrame(() => {
              frame = 0;
              draw();
            });
          },
          undefined,
          "all",
        );
        draw();
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
    const total = Number(length.value);
    const shown = boxes
      .map((box, i) => [box, steps[i].step, runs.get(steps[i].step)])
      .filter(([box, , run]) => box.checked && run);
    const all = shown.flatMap(([, , run]) => run.smooth);
    const svg = chart(520, 240);
    const sc = axes(svg, [0, total], [
      Math.min(1.5, ...all),
      Math.max(3.6, ...all),
    ], LOSS_AXES);
    for (const [, step, run] of shown) {
      const line = path(run.smooth.map((l, k) => [k + 1, l]), sc, "smooth");
      line.setAttribute("style", `stroke:${color(step)}`);
      svg.append(line);
    }
    plot.replaceChildren(svg);
    const done = [...runs].filter(([, run]) => run.losses.length > 0);
    if (section.dataset.training !== "running") {
      info.textContent = done.length === 0
        ? ""
        : `Final smoothed losses (lower is better): ${
          done.map(([step, run]) =>
            `Step ${step}: ${fmt(run.smooth.at(-1), 3)}`
          )
            .join(" · ")
        }`;
    }
    Object.assign(section.dataset, {
      firstLosses: done.map(([step, run]) => `${step}:${run.losses[0]}`)
        .join(","),
      lastLosses: shown.map(([, step, run]) => `${step}:${run.smooth.at(-1)}`)
        .join(","),
      stepsDone: done.map(([step, run]) => `${step}:${run.losses.length}`)
        .join(","),
    });
  }
  draw();
  section.dataset.ready = "true";
  if (kept("all-steps", "trained") === "true") button.click();
}
