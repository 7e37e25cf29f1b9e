/**
 * The project root, the one place every module finds it, and paths from it.
 *
 * @module
 */

/**
 * The project root, as a path ending in "/", decoded (a space is a space, not
 * "%20"). Not `node:url`'s fileURLToPath: the launcher would pay for loading
 * Node's modules on every start.
 */
export const ROOT_DIR: string = decodeURIComponent(
  new URL("../", import.meta.url).pathname,
);

/** A file URL made into a path from `root` when inside it (else unchanged). */
export function projectPath(url: string, root: string = ROOT_DIR): string {
  const rootUrl = new URL(`file://${root}`).href;
  const path = url.startsWith(rootUrl) ? url.slice(rootUrl.length) : url;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
