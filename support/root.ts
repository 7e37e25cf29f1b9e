/**
 * The project root, the one place every module finds it.
 *
 * @module
 */

/** The project root, as a path ending in "/". */
export const ROOT_DIR: string = new URL("../", import.meta.url).pathname;
