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
  type Reading,
  setParameters,
  startingPoint,
} from "./gpt_steps.ts";
import type { ModelAnswer, ModelRequest } from "./model_worker.ts";
import {
  BadRequest,
  cached,
  knownCharacters,
  type Params,
  stringParam,
  type VizContext,
  type WidgetStatus,
  widgetStatus,
} from "./widget.ts";

/** How long a widget's model may have trained, in steps: a bounded choice. */
export const TRAINED_STEPS: readonly number[] = [0, 200, 1000];

/** A model and the tokenizer it reads names with. */
export interface ModelView {
  model: GptModel;
  tokenizer: Tokenizer;
}

/**
 * The request's `step` (3, 4 or 5) and `trained` (one of
 * {@linkcode TRAINED_STEPS}).
 *
 * @throws {BadRequest} For anything else.
 */
export function modelParams(params: Params): { step: number; trained: number } {
  const { step, trained } = params;
  if (typeof step !== "number" || !GPT_STEPS.includes(step)) {
    throw new BadRequest(
      `"step" must be one of ${GPT_STEPS.join(", ")}, got ${
        JSON.stringify(step)
      }.`,
    );
  }
  if (typeof trained !== "number" || !TRAINED_STEPS.includes(trained)) {
    throw new BadRequest(
      `"trained" must be one of ${TRAINED_STEPS.join(", ")}, got ${
        JSON.stringify(trained)
      }.`,
    );
  }
  return { step, trained };
}

/** Step `step`'s model after `trained` training steps on the dataset, made once. */
export function modelView(
  ctx: VizContext,
  step: number,
  trained: number,
): Promise<ModelView> {
  return cached(ctx, `gpt-step${step}-trained${trained}`, async () => {
    const { names } = ctx;
    const { model, tokenizer } = startingPoint(step, names);
    if (trained > 0) {
      setParameters(
        model,
        await trainInWorker({ step, steps: trained, names }),
      );
    }
    return { model, tokenizer };
  });
}

function trainInWorker(request: ModelRequest): Promise<number[]> {
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

/** One GPT step and whether the widgets can show it. */
export type GptStatus = WidgetStatus & { step: number };

/**
 * Runs step `step`'s model of the lessons on a tiny vocabulary: reading a
 * name (Steps 3 and 4), and for Step 5, whose model is Step 4's, one step
 * of its Adam training.
 *
 * @throws Whatever the lessons throw (NotImplementedError for a stub).
 */
export function probeStep(step: number): void {
  const model = gptModel(step, 3, new PyRandom(1));
  model.read([2, 0, 1]);
  if (step === 5) model.train([[2, 0, 1, 2]], { steps: 1, lr0: 0.01 });
}

/** Every GPT step's status, in step order. */
export function gptStatuses(): Promise<GptStatus[]> {
  return Promise.all(GPT_STEPS.map(async (step) => {
    const status = await widgetStatus({
      id: `step${step}`,
      title: `Step ${step}`,
      guide: `Step ${step}`,
      probe: () => probeStep(step),
    }, { names: [], source: "", cache: new Map() });
    return { ...status, step };
  }));
}

/** The longest name a widget reads: BOS and 15 characters fill blockSize 16. */
export const MAX_NAME = 15;

/**
 * Reads the request's `name` with the requested model: BOS and its
 * characters, position by position (the closing BOS is only ever a target).
 *
 * @throws {BadRequest} For a bad step, training length or name.
 */
export async function readName(
  params: Params,
  ctx: VizContext,
): Promise<
  {
    step: number;
    trained: number;
    name: string;
    nHead: number;
    labels: string[];
    readings: Reading[];
  }
> {
  const { step, trained } = modelParams(params);
  const name = stringParam(params, "name", MAX_NAME);
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
