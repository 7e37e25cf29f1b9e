// Live training (guide 1.9, 2.8, …): the loss of every step as the model
// trains on the server, against ln(vocab) (a model that guesses
// uniformly), and smoothed (by the server, as the trainer smooths it).
import { fmt, refusal, train } from "../api.js";
import { LOSS_AXES, stepSelect } from "../gpt.js";
import { axes, chart, path, s } from "../svg.js";

export function mount(parts, status) {
  const { steps: length, button, plot, info, samples } = parts;
  const label = (st) => `Step ${st.step}: ${st.title}`;
  const select = stepSelect(status.details.steps, label, 1, "loss-curve");
  parts.choice.replaceWith(select);
  let run;
  button.addEventListener("click", () => start());
  select.addEventListener("change", () => start());

  async function start() {
    run?.abort();
    const controller = run = new AbortController();
    const steps = +length.value;
    const state = { steps, losses: [], smooth: [], vocabSize: 27 };
    const names = [];
    samples.textContent = "";
    info.textContent = "Training…";
    let frame = 0;
    const onMessage = (m) => {
      if (m.type === "start") Object.assign(state, m);
      if (m.type === "line" && m.text.startsWith("sample")) {
        names.push(m.text.split(": ")[1]);
      }
      if (m.type !== "step") return;
      state.losses.push(m.loss);
      state.smooth.push(m.smooth);
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        draw(state);
      });
    };
    try {
      await train(+select.value, steps, onMessage, controller.signal);
      if (controller.signal.aborted) return;
      draw(state);
      samples.textContent = names.length ? `Invented: ${names.join(", ")}` : "";
    } catch (error) {
      info.replaceChildren(refusal(error));
    }
  }

  function draw({ losses, smooth, vocabSize, steps }) {
    const lnV = Math.log(vocabSize);
    const svg = chart(520, 240);
    const range = [
      Math.min(1.5, ...losses),
      Math.max(lnV + 0.3, ...losses.slice(0, 50)),
    ];
    const sc = axes(svg, [0, steps], range, LOSS_AXES);
    const [x0, x1, y] = [sc.x(0), sc.x(steps), sc.y(lnV)];
    const guess = `ln ${vocabSize} = ${lnV.toFixed(3)}: guessing uniformly`;
    svg.append(
      s("line", { class: "ref", x1: x0, x2: x1, y1: y, y2: y }),
      s("text", { x: x0 + 4, y: y - 4 }, guess),
      path(losses, sc, "raw", 1),
      path(smooth, sc, "smooth", 1),
    );
    plot.replaceChildren(svg);
    const last = losses.length - 1;
    const now = `step ${last + 1} / ${steps} | loss ${fmt(losses[last])}`;
    info.textContent = last < 0 ? "" : `${now} | smoothed ${fmt(smooth[last])}`;
  }

  start();
}
