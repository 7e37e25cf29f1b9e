/**
 * Every widget, in the order the page shows them (the guide's order). To
 * add one: write its server half in `widgets/`, its page half in
 * `page/widgets/<id>.js`, and list it here.
 *
 * @module
 */

import type { Widget } from "./widget.ts";
import { TOKENIZER } from "./widgets/tokenizer.ts";
import { COUNT_TABLE } from "./widgets/count_table.ts";
import { SOFTMAX } from "./widgets/softmax.ts";
import { GRADIENT_CHECK } from "./widgets/gradient_check.ts";
import { LOSS_CURVE } from "./widgets/loss_curve.ts";
import { TEMPERATURE } from "./widgets/temperature.ts";
import { VALUE_GRAPH } from "./widgets/value_graph.ts";
import { EMBEDDINGS } from "./widgets/embeddings.ts";
import { ATTENTION } from "./widgets/attention.ts";
import { KV_CACHE } from "./widgets/kv_cache.ts";
import { EMA } from "./widgets/ema.ts";
import { ALL_STEPS } from "./widgets/all_steps.ts";

/** The page's widgets, in guide order. */
export const WIDGETS: readonly Widget[] = [
  TOKENIZER,
  COUNT_TABLE,
  SOFTMAX,
  GRADIENT_CHECK,
  LOSS_CURVE,
  TEMPERATURE,
  VALUE_GRAPH,
  EMBEDDINGS,
  ATTENTION,
  KV_CACHE,
  EMA,
  ALL_STEPS,
];
