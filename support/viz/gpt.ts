/**
 * What the Steps 3–5 widgets (embeddings, attention, KV cache) share, in
 * the child: each step as an option, with its trained models, and a name
 * read through the lessons' `gpt` on the model the server trained.
 *
 * @module
 */

import type { GptView } from "../train/step_program.ts";
import {
  knownCharacters,
  modelParams,
  MODELS,
  type Params,
  stringParam,
} from "./params.ts";
import {
  type Context,
  load,
  programStatus,
  statusOf,
  stepNeeds,
  test,
  trainedModel,
} from "./widget.ts";

/**
 * Every GPT step as an option of a widget that shows `view` of its model:
 * live when the view runs on the step's starting weights; its trained
 * models live when the step's program trains.
 */
export async function modelStatuses(view: (gpt: GptView) => unknown) {
  const steps = [];
  for (const step of MODELS.steps) {
    const status = await statusOf(
      stepNeeds(step),
      test(`tests/step${step}/`),
      async () => {
        const model = await trainedModel(step, 0, ["ab", "ba"]);
        view((await load(step, model)).gpt!);
      },
    );
    steps.push({ step, ...status, trained: await programStatus(step) });
  }
  return { steps };
}

/** The GPT of the request's step, on the model the server trained for it. */
export async function gptOf(params: Params, ctx: Context) {
  const { step, trained } = modelParams(params);
  const model = ctx.model!;
  const gpt = (await load(step, model)).gpt!;
  /** A token as the page shows it: its character, or "·" for BOS. */
  const label = (token: number) => model.vocabulary[token] ?? "·";
  return { step, trained, model, gpt, label };
}

/**
 * Reads the request's `name` with the requested model: BOS and its
 * characters, position by position (the closing BOS is only ever a target).
 *
 * @throws {BadRequest} For a bad step, training length or name.
 */
export async function readName(params: Params, ctx: Context) {
  const { step, trained, model, gpt, label } = await gptOf(params, ctx);
  // The longest name: BOS and 15 characters fill blockSize 16.
  const name = stringParam(params, "name", gpt.blockSize - 1);
  knownCharacters(name, model.vocabulary);
  const bos = model.vocabulary.length;
  const tokens = [bos, ...[...name].map((ch) => model.vocabulary.indexOf(ch))];
  return {
    step,
    trained,
    name,
    labels: tokens.map(label),
    readings: gpt.read(tokens),
  };
}
