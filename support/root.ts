/**
 * The project root, the one place every module finds it, and paths from it.
 *
 * @module
 */

/** The project root, as a path ending in "/". */
export const ROOT_DIR: string = new URL("../", import.meta.url).pathname;

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
