// Live training (guide 1.9, 2.8, …): the loss of every step as the model
// trains on the server, with ln(vocab) (a model that guesses uniformly) and
// a smoothed curve.
import {
  controls,
  fmt,
  h,
  keep,
  refusal,
  refusalError,
  train,
} from "../api.js";
import { LOSS_AXES, pushLoss, stepSelect, stepsInput } from "../gpt.js";
import { axes, chart, path, s } from "../svg.js";

export function mount(body, status, section) {
  const select = keep(
    "loss-curve",
    "step",
    stepSelect(status.details.steps, (st) => `Step ${st.step}: ${st.title}`, 1),
  );
  const length = keep("loss-curve", "steps", stepsInput());
  const button = h("button", { type: "button" }, "Train");
  const plot = h("div");
  const info = h("p", { class: "muted" });
  const samples = h("p", { class: "samples" });
  body.append(
    controls(select, h("label", {}, "steps", length), button),
    plot,
    info,
    samples,
    h(
      "p",
      { class: "muted" },
      "Light blue: each step's loss, on one name; dark: smoothed. Dashed: ln 27 ≈ 3.296, the loss of a model that guesses uniformly among the 27 tokens: training should take the loss below it. Step 2 computes Step 1's gradients by autograd instead of by hand, so it draws exactly Step 1's curve.",
    ),
  );

  let run;
  button.addEventListener("click", () => start());
  select.addEventListener("change", () => start());

  async function start() {
    run?.abort();
    const controller = new AbortController();
    run = controller;
    const state = {
      losses: [],
      smooth: [],
      vocabSize: 27,
      steps: Number(length.value),
      names: [],
    };
    section.dataset.state = "live";
    Object.assign(section.dataset, { training: "running", stepsDone: 0 });
    delete section.dataset.firstLoss;
    samples.textContent = "";
    info.textContent = "Training…";
    let frame = 0;
    const redraw = () => {
      frame = 0;
      draw(state);
    };
    try {
      await train(
        Number(select.value),
        state.steps,
        (m) => {
          if (m.type === "start") {
            Object.assign(state, { vocabSize: m.vocabSize, steps: m.steps });
          }
          if (m.type === "step") {
            pushLoss(state, m.loss);
            if (!frame) frame = requestAnimationFrame(redraw);
          }
          if (m.type === "line" && m.text.startsWith("sample")) {
            state.names.push(m.text.split(": ")[1]);
          }
          if (m.type === "error") throw refusalError(m.message, m.waiting);
        },
        controller.signal,
        "loss",
      );
      if (controller.signal.aborted) return;
      draw(state);
      samples.textContent = state.names.length
        ? `Invented: ${state.names.join(", ")}`
        : "";
      section.dataset.training = "done";
    } catch (error) {
      info.replaceChildren(refusal(error));
      section.dataset.training = "error";
    }
  }

  function draw({ losses, smooth, vocabSize, steps }) {
    const lnV = Math.log(vocabSize);
    const top = Math.max(lnV + 0.3, ...losses.slice(0, 50));
    const svg = chart(520, 240);
    const sc = axes(svg, [0, steps], [Math.min(1.5, ...losses), top], {
      ...LOSS_AXES,
      yTitle: "loss",
    });
    svg.append(
      s("line", {
        class: "ref",
        x1: sc.x(0),
        x2: sc.x(steps),
        y1: sc.y(lnV),
        y2: sc.y(lnV),
      }),
      s(
        "text",
        { x: sc.x(steps) - 4, y: sc.y(lnV) - 4, "text-anchor": "end" },
        `ln ${vocabSize} = ${lnV.toFixed(3)}: guessing uniformly`,
      ),
      path(losses.map((l, i) => [i + 1, l]), sc, "raw"),
      path(smooth.map((l, i) => [i + 1, l]), sc, "smooth"),
    );
    plot.replaceChildren(svg);
    const last = losses.length - 1;
    info.textContent = last < 0
      ? ""
      : `step ${last + 1} / ${steps} | loss ${fmt(losses[last])} | smoothed ${
        fmt(smooth[last])
      }`;
    Object.assign(section.dataset, {
      stepsDone: losses.length,
      lnVocab: lnV,
      ...(last >= 0 &&
        {
          firstLoss: losses[0],
          lastLoss: losses[last],
          smoothedLoss: smooth[last],
        }),
    });
  }

  section.dataset.ready = "true";
  return start();
}
