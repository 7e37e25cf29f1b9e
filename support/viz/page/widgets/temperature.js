// Temperature (guide 1.9): the trained Step 1 model's guess for the next
// character, and names sampled at that temperature.
import { ask } from "../api.js";
import { bars } from "../svg.js";

export function mount(parts) {
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
  };
  const params = () => ({
    temperature: Number(temperature.value),
    prefix: prefix.value,
  });
  // On a refusal, the heading and samples were the last prefix's: not this one's.
  const clear = () => (note.textContent = samples.textContent = "");
  const update = ask("temperature", params, show, plot, clear);
  temperature.addEventListener("input", update);
  prefix.addEventListener("input", update);
  return update();
}
