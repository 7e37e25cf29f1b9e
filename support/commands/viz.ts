/**
 * `deno task viz`: the guide's "Try it" widgets on a local page, driven by
 * the learner's lessons (`--solutions`: the reference solutions). The
 * server lives in `support/viz/`.
 *
 * @module
 */

import { main } from "../viz/server.ts";

if (import.meta.main) {
  const code = await main(Deno.args);
  // Under the launcher's `deno run --watch` (KATA_WATCHED=1), exiting ends
  // only this run, and the watcher would wait for a file change: a server
  // that could not start (a bad flag, a port in use) ends the watcher too.
  if (code !== 0 && Deno.env.get("KATA_WATCHED") === "1") {
    Deno.kill(Deno.pid, "SIGTERM");
  }
  Deno.exit(code);
}
