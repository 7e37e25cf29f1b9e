// Tokenizer playground (guide 0.2): a name as token ids, BOS at both ends.
import { ask, h } from "../api.js";

export function mount({ name, plot, note }) {
  const chip = (id, { chars, bos }) => {
    const label = id === bos ? "BOS" : chars[id];
    const attrs = { class: id === bos ? "chip bos" : "chip" };
    return h("span", attrs, label, h("small", {}, id));
  };
  const show = (answer) => {
    const { ids, chars, bos, vocabSize } = answer;
    plot.replaceChildren(...ids.map((id) => chip(id, answer)));
    // What training asks of a name: each token but the last predicts the next.
    const n = ids.length - 1;
    const predictions = n === 1 ? "1 prediction" : `${n} predictions`;
    note.textContent = `${vocabSize} tokens: ${chars.join("")} are 0…${
      bos - 1
    }, BOS is ${bos}. ${predictions}: each token but the last is asked to predict the one after it.`;
  };
  const update = ask("tokenizer", () => ({ name: name.value }), show, plot);
  name.addEventListener("input", () => {
    // The caption described the last name that worked, not this one.
    note.textContent = "";
    update();
  });
  return update();
}
