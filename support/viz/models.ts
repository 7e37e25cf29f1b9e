/**
 * The Step 3–5 models the attention, KV-cache and embedding widgets look
 * into: untrained (the trainer's starting point), or trained for a few
 * fixed lengths in a worker (see `model_worker.ts`), each kept once made.
 *
 * @module
 */

import { PyRandom } from "../random.ts";
import { encode, type Tokenizer } from "../../lessons/step1/01_tokenizer.ts";
import {
  GPT_STEPS,
  type GptModel,
  gptModel,
  startingPoint,
} from "./gpt_steps.ts";
import type { ModelAnswer } from "./model_worker.ts";
import type { TrainRequest } from "./train_worker.ts";
import {
  cached,
  knownCharacters,
  oneOf,
  type Params,
  stepStatuses,
  stringParam,
  type VizContext,
} from "./widget.ts";

/** How long a widget's model may have trained, in steps: a bounded choice. */
const TRAINED_STEPS: readonly number[] = [0, 200, 1000];

/**
 * The request's `step` (3, 4 or 5) and `trained` (one of `TRAINED_STEPS`).
 *
 * @throws {BadRequest} For anything else.
 */
export function modelParams(params: Params): { step: number; trained: number } {
  return {
    step: oneOf(params, "step", GPT_STEPS),
    trained: oneOf(params, "trained", TRAINED_STEPS),
  };
}

/** Step `step`'s model after `trained` training steps on the dataset, made once. */
export function modelView(
  ctx: VizContext,
  step: number,
  trained: number,
): Promise<{ model: GptModel; tokenizer: Tokenizer }> {
  return cached(ctx, `gpt-step${step}-trained${trained}`, async () => {
    const { names } = ctx;
    const { model, tokenizer } = startingPoint(step, names);
    if (trained > 0) {
      // The worker trained this very model: the same step, the same names.
      const numbers = await trainInWorker({ step, steps: trained, names });
      model.parameters().forEach((p, i) => p.data = numbers[i]);
    }
    return { model, tokenizer };
  });
}

function trainInWorker(request: TrainRequest): Promise<number[]> {
  const worker = new Worker(new URL("./model_worker.ts", import.meta.url), {
    type: "module",
  });
  return new Promise<number[]>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<ModelAnswer>) => {
      if ("parameters" in data) resolve(data.parameters);
      else {
        // Rebuilt with its name, so a stub's error still names its lesson.
        const error = new Error(data.error.message);
        error.name = data.error.name;
        reject(error);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message));
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/**
 * Runs step `step`'s model of the lessons on a tiny vocabulary: reading a
 * name (Steps 3 and 4), and for Step 5, whose model is Step 4's, one step
 * of its Adam training.
 *
 * @throws Whatever the lessons throw (NotImplementedError for a stub).
 */
function probeStep(step: number): void {
  const model = gptModel(step, 3, new PyRandom(1));
  model.read([2, 0, 1]);
  if (step === 5) model.train([[2, 0, 1, 2]], { steps: 1, lr0: 0.01 });
}

/** Every GPT step's status, in step order. */
export function gptStatuses() {
  return stepStatuses(GPT_STEPS, probeStep);
}

/**
 * The probe of the widgets that read a name (attention, KV cache): live once
 * Step 3's model reads one; its details, every GPT step's status.
 */
export async function probeReading() {
  probeStep(3);
  return { steps: await gptStatuses() };
}

/**
 * Reads the request's `name` with the requested model: BOS and its
 * characters, position by position (the closing BOS is only ever a target).
 *
 * @throws {BadRequest} For a bad step, training length or name.
 */
export async function readName(params: Params, ctx: VizContext) {
  const { step, trained } = modelParams(params);
  // The longest name: BOS and 15 characters fill blockSize 16.
  const name = stringParam(params, "name", 15);
  const { model, tokenizer } = await modelView(ctx, step, trained);
  knownCharacters(name, tokenizer.chars);
  const tokens = encode(tokenizer, name).slice(0, -1);
  return {
    step,
    trained,
    name,
    nHead: model.nHead,
    labels: tokens.map((t) => tokenLabel(tokenizer, t)),
    readings: model.read(tokens),
  };
}

/** A token as the page shows it: its character, or "·" for BOS. */
export function tokenLabel(tokenizer: Tokenizer, token: number): string {
  return token === tokenizer.bos ? "·" : tokenizer.chars[token];
}
