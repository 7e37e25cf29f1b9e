/**
 * `deno task viz`: the guide's "Try it" widgets on a local page, driven by
 * the learner's lessons (`--solutions`: the reference solutions). The
 * server lives in `support/viz/`.
 *
 * @module
 */

import { main } from "../viz/server.ts";

if (import.meta.main) Deno.exit(await main(Deno.args));
