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
  type Needs,
  oneOf,
  type Params,
  someLive,
  type StepStatus,
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
 * What a widget shows of a step's model: the lessons that takes, by step,
 * and a probe that asks it of a model on a tiny vocabulary (and throws what
 * the lessons throw, a NotImplementedError for a stub).
 */
export interface View {
  needs: Record<number, Needs>;
  probe(model: GptModel, step: number): void;
}

/**
 * Step 5's model is Step 4's trained with Adam (untrained, it is Step 4's):
 * every view of it waits for its Adam training, and Step 4's lessons.
 */
const STEP5: Needs = { from: "step4/01", to: "step5/03" };

/** Reading a name through the lessons' `gpt` (attention, KV cache). */
export const READING: View = {
  needs: {
    3: { from: "step3/01", to: "step3/05" },
    4: { from: "step4/01", to: "step4/03" },
    5: STEP5,
  },
  probe: (model) => model.read([2, 0, 1]),
};

/** A token's and a position's embeddings (the first thing `gpt` does). */
export const EMBEDDING: View = {
  needs: {
    3: { from: "step3/02", to: "step3/02" },
    4: { from: "step4/02", to: "step4/02" },
    5: STEP5,
  },
  probe: (model) => model.embedding(2, 1),
};

/** Training the model: what the "trained N steps" choices need. */
const TRAINING: View = {
  needs: {
    3: { from: "step3/01", to: "step3/06" },
    4: { from: "step4/01", to: "step4/04" },
    5: STEP5,
  },
  probe: (model, step) =>
    model.train([[2, 0, 1, 2]], { steps: 1, lr0: step === 5 ? 0.01 : 0.1 }),
};

/** Runs `view`'s probe on a fresh step `step` model (Step 5's after one Adam step). */
function probeView(view: View, step: number): void {
  const model = gptModel(step, 3, new PyRandom(1));
  view.probe(model, step);
  if (step === 5 && view !== TRAINING) TRAINING.probe(model, step);
}

/** A GPT step as a widget's option, and whether its trained models can be made. */
export type ModelStatus = StepStatus & { trained: StepStatus };

/**
 * Every GPT step's status for `view`, in step order, each with its
 * training's status. Throws the Step 3 probe's error when no step can show
 * `view`: the card then waits rather than going live with nothing to draw.
 */
export async function modelStatuses(view: View): Promise<ModelStatus[]> {
  const probe = (step: number) => probeView(view, step);
  const [shown, trained] = await Promise.all([
    stepStatuses(GPT_STEPS, probe, (step) => view.needs[step]),
    stepStatuses(
      GPT_STEPS,
      (step) => probeView(TRAINING, step),
      (step) => TRAINING.needs[step],
    ),
  ]);
  return await someLive(
    shown.map((status, i) => ({ ...status, trained: trained[i] })),
    probe,
  );
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
