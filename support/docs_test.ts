/**
 * Texts that must stay true: what README.md says of the tracks and commands,
 * and every lesson id, project file and link that support code and the
 * documents (README.md, CONTRIBUTING.md, docs/, bench/README.md) name.
 */

import { assertEquals } from "@std/assert";
import { allLessons, TRACKS } from "./manifest.ts";
import { ROOT_DIR } from "./root.ts";

const DOCUMENTS = [
  "README.md",
  "CONTRIBUTING.md",
  "docs/trainer.md",
  "docs/viz.md",
  "bench/README.md",
];
const read = (path: string) => Deno.readTextFileSync(`${ROOT_DIR}${path}`);
const README = read("README.md");

/** The documents and support/'s own modules (not the stand-ins), by path. */
function texts(): [string, string][] {
  const found: [string, string][] = DOCUMENTS.map((p) => [p, read(p)]);
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(`${ROOT_DIR}${dir}`)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory && path !== "support/std") walk(path);
      if (entry.isFile && /\.(ts|js)$/.test(path) && !/_test\.ts$/.test(path)) {
        found.push([path, read(path)]);
      }
    }
  };
  walk("support");
  return found;
}

Deno.test("README's tracks table gives each track's lesson count, and its commands table every task", () => {
  for (const track of TRACKS) {
    const row = README.match(new RegExp(`^\\| \`${track.dir}\` .*$`, "m"))?.[0];
    assertEquals(
      row?.split("|")[3]?.trim(),
      `${track.lessons.length}`,
      `the lesson count of ${track.dir} in README's tracks table`,
    );
  }
  const tasks = Object.keys(JSON.parse(read("deno.json")).tasks)
    .filter((task) => task !== "maps" && task !== "mistakes");
  const listed = [...README.matchAll(/^\| `deno task (\w+)/gm)].map((m) =>
    m[1]
  );
  assertEquals(listed.sort(), tasks.sort(), "README's commands table");
});

Deno.test("every lesson id the documents and support code name is a lesson", () => {
  const ids = new Set(allLessons().map((entry) => entry.lesson.id));
  const unknown: string[] = [];
  for (const [path, text] of texts()) {
    for (const [id] of text.matchAll(/\bstep\d+\/\d\d\b/g)) {
      if (!ids.has(id)) unknown.push(`${path}: ${id}`);
    }
  }
  assertEquals(unknown, [], "lesson ids that are not in the manifest");
});

Deno.test("every project file the documents and support code name exists", () => {
  const missing: string[] = [];
  const file =
    /(?<![\w./-])((?:support|lessons|solutions|tests|bench|docs)\/[\w./-]*\w\.(?:ts|js|py|json|md|png))\b/g;
  const link = /\]\(((?!https?:)[^)#]+)/g;
  for (const [path, text] of texts()) {
    const from = path.replace(/[^/]*$/, "");
    const names = [
      ...[...text.matchAll(file)].map((m) => m[1]),
      ...[...text.matchAll(link)].map((m) =>
        new URL(m[1], `file:///${from}`).pathname.slice(1)
      ),
    ];
    for (const name of names) {
      if (/NAME|stepN\b|NN_/.test(name)) continue; // a placeholder
      try {
        Deno.statSync(`${ROOT_DIR}${name}`);
      } catch {
        missing.push(`${path}: ${name}`);
      }
    }
  }
  assertEquals(missing, [], "files named in texts that do not exist");
});
