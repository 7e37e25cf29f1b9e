// Temperature (guide 1.9): the trained Step 1 model's guess for the next
// character, and names sampled at that temperature.
import { latest, post, refusal } from "../api.js";
import { bars } from "../svg.js";

export function mount(parts, _status, section) {
  const { temperature, prefix, readout, note, plot, samples } = parts;
  const show = (answer) => {
    const t = answer.temperature.toFixed(2);
    readout.textContent = t;
    note.textContent =
      `P(next character | “${prefix.value}”), at temperature ${t} (· ends the name)`;
    plot.replaceChildren(
      bars(answer.probs, [...answer.chars, "·"], { max: 1 }),
    );
    samples.textContent =
      "Sampled at this temperature, each from the start of a name (not from the prefix): " +
      answer.samples.join(", ");
    Object.assign(section.dataset, { temperature: t, ready: "true" });
  };
  const params = () => ({
    temperature: Number(temperature.value),
    prefix: prefix.value,
  });
  const update = latest(
    (signal) => post("/api/widgets/temperature", params(), signal),
    show,
    (error) => {
      // The heading and samples were the last prefix's: not this one's.
      note.textContent = samples.textContent = "";
      plot.replaceChildren(refusal(error));
    },
  );
  temperature.addEventListener("input", update);
  prefix.addEventListener("input", update);
  return update();
}
