/**
 * Test helper: prints every widget's status as JSON, as `GET /api/widgets`
 * answers, without starting a server. Run with an import map that makes a
 * learner (see needs_test.ts).
 *
 * @module
 */

import { WIDGETS } from "./registry.ts";
import { widgetStatus } from "./widget.ts";

if (import.meta.main) {
  const statuses = [];
  for (const widget of WIDGETS) statuses.push(await widgetStatus(widget));
  console.log(JSON.stringify(statuses));
}
