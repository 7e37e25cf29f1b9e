// Temperature (guide 1.9): the trained Step 1 model's guess for the next
// character, and names sampled at that temperature.
import { controls, h, keep, latest, post, refusal, slider } from "../api.js";
import { bars } from "../svg.js";

export function mount(body, _status, section) {
  const temperatureSlider = keep(
    "temperature",
    "temperature",
    slider("temperature", 0.1, 2, 0.05, 0.5),
  );
  const readout = h("span", { class: "mono" });
  const prefix = keep(
    "temperature",
    "prefix",
    h("input", {
      type: "text",
      value: "",
      maxlength: 15,
      placeholder: "(start of a name)",
      "aria-label": "prefix",
    }),
  );
  const plot = h("div");
  const caption = h("p", { class: "muted" });
  const names = h("p", { class: "samples" });
  body.append(
    controls(
      h("label", {}, "temperature", temperatureSlider, readout),
      h("label", {}, "prefix", prefix),
    ),
    h(
      "p",
      { class: "muted" },
      "The model: Step 1's neural bigram model, trained once as deno task train --step 1 trains it (1000 steps). Below 1 the temperature sharpens its guesses, above 1 it flattens them.",
    ),
    caption,
    plot,
    names,
  );
  const show = ({ chars, temperature, probs, samples }) => {
    const labels = [...chars, "·"];
    readout.textContent = temperature.toFixed(2);
    caption.textContent =
      `P(next character | “${prefix.value}”), at temperature ${
        temperature.toFixed(2)
      } (· ends the name)`;
    plot.replaceChildren(bars(probs, labels, { max: 1, height: 150 }));
    names.textContent =
      `Sampled at this temperature, each from the start of a name (not from the prefix): ${
        samples.join(", ")
      }`;
    Object.assign(section.dataset, {
      temperature,
      probs: probs.join(","),
      sum: probs.reduce((a, b) => a + b, 0),
      maxProb: Math.max(...probs),
      samples: samples.join(","),
      ready: "true",
    });
  };
  const update = latest(
    () =>
      post("temperature", {
        temperature: Number(temperatureSlider.value),
        prefix: prefix.value,
      }),
    show,
    (error) => {
      // The heading and samples were the last prefix's: not this one's.
      caption.textContent = "";
      names.textContent = "";
      plot.replaceChildren(refusal(error));
    },
  );
  temperatureSlider.addEventListener("input", update);
  prefix.addEventListener("input", update);
  caption.textContent = "Training the Step 1 model once (a second or so)…";
  return update();
}
