// Tokenizer playground (guide 0.2): a name as token ids, BOS at both ends.
import { controls, h, keep, latest, post, refusal } from "../api.js";

export function mount(body, _status, section) {
  const input = keep(
    "tokenizer",
    "name",
    h("input", {
      type: "text",
      value: "ava",
      maxlength: 32,
      "aria-label": "name",
    }),
  );
  const chips = h("div", { class: "chips" });
  const note = h("p", { class: "muted" });
  body.append(
    controls(h("label", {}, "Name ", input)),
    h(
      "p",
      { class: "muted" },
      "Names are lower case: the vocabulary is the characters of the dataset's names, and nothing else.",
    ),
    chips,
    note,
  );

  const show = ({ ids, chars, bos, vocabSize }) => {
    chips.replaceChildren(
      ...ids.map((id) =>
        h(
          "span",
          { class: id === bos ? "chip bos" : "chip" },
          id === bos ? "BOS" : chars[id],
          h("small", {}, id),
        )
      ),
    );
    note.textContent = `${vocabSize} tokens: ${chars.join("")} are 0…${
      bos - 1
    }, BOS is ${bos}. ${predictions(ids.length - 1)}`;
    section.dataset.ids = ids.join(",");
    section.dataset.vocabSize = vocabSize;
    section.dataset.ready = "true";
  };
  const update = latest(
    () => post("tokenizer", { name: input.value }),
    show,
    (error) => {
      chips.replaceChildren(refusal(error));
      // The caption described the last name that worked, not this one.
      note.textContent = "";
      section.dataset.ids = "";
    },
  );
  input.addEventListener("input", update);
  return update();
}

/**
 * What training asks of a name's tokens: each one, but the last, predicts
 * the token after it (the first BOS predicts the first letter, the last
 * letter predicts the closing BOS).
 */
function predictions(n) {
  const what = n === 1 ? "1 prediction" : `${n} predictions`;
  return `${what}: each token but the last is asked to predict the one after it.`;
}
