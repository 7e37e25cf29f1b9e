/**
 * Texts that must stay true: the README's copy of the trainer's help, and
 * every lesson id and project file that support code and the README name.
 */

import { assertEquals } from "@std/assert";
import { allLessons } from "./manifest.ts";
import { ROOT_DIR } from "./root.ts";
import { usage } from "./train/args.ts";

const README = Deno.readTextFileSync(`${ROOT_DIR}README.md`);

/** support/'s own modules (not the @std stand-ins), with their text. */
function supportTexts(): [string, string][] {
  const found: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(`${ROOT_DIR}${dir}`)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory && path !== "support/std") walk(path);
      if (entry.isFile && path.endsWith(".ts") && !path.endsWith("_test.ts")) {
        found.push([path, Deno.readTextFileSync(`${ROOT_DIR}${path}`)]);
      }
    }
  };
  walk("support");
  return found;
}

Deno.test("README's usage block is deno task train --help, word for word", () => {
  const block = README.match(/```text\n(Usage: deno task train[\s\S]*?)```/);
  assertEquals(block?.[1], usage("train"));
});

Deno.test("every lesson id that support code or the README names is a lesson", () => {
  const ids = new Set(allLessons().map((entry) => entry.lesson.id));
  const unknown: string[] = [];
  for (const [path, text] of [...supportTexts(), ["README.md", README]]) {
    for (const [id] of text.matchAll(/\bstep\d+\/\d\d\b/g)) {
      if (!ids.has(id)) unknown.push(`${path}: ${id}`);
    }
  }
  assertEquals(unknown, [], "lesson ids that are not in the manifest");
});

Deno.test("every project file that support code or the README names exists", () => {
  const missing: string[] = [];
  const file =
    /(?<![\w./-])((?:support|lessons|solutions|tests|bench)\/[\w./-]*\w\.(?:ts|py|json|md))\b/g;
  for (const [path, text] of [...supportTexts(), ["README.md", README]]) {
    for (const [, name] of text.matchAll(file)) {
      if (/NAME|stepN\b/.test(name)) continue; // a placeholder
      try {
        Deno.statSync(`${ROOT_DIR}${name}`);
      } catch {
        missing.push(`${path}: ${name}`);
      }
    }
  }
  assertEquals(missing, [], "files named in texts that do not exist");
});
