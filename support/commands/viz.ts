/**
 * `deno task viz`: the guide's "Try it" widgets on a local page, driven by
 * the learner's lessons (`--solutions`: the reference solutions). The
 * server lives in `support/viz/`.
 *
 * @module
 */

import { runMain } from "../cli/errors.ts";
import { main } from "../viz/server.ts";

if (import.meta.main) await runMain(() => main(Deno.args));
