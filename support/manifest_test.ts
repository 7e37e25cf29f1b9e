import { assert, assertEquals } from "@std/assert";
import { allLessons, resolveLesson, TRACKS } from "./manifest.ts";

// The manifest is the one list of tracks and lessons: these checks keep it
// and the files on disk in step, both ways.
//
// File rules, per track folder:
// - lessons/<dir>/ and solutions/<dir>/: `NN_name.ts` files are lessons;
//   files starting with "_" are helpers; nothing else.
// - tests/<dir>/: `NN_name_test.ts` files are lesson tests; other
//   `*_test.ts` files are the track's own checks (guide_fidelity_test.ts);
//   files starting with "_" are helpers.

const ROOT = new URL("../", import.meta.url).pathname;
const LESSON_FILE = /^\d{2}_[a-z0-9_]+\.ts$/;
const LESSON_TEST_FILE = /^\d{2}_[a-z0-9_]+_test\.ts$/;

function filesIn(dir: string): string[] {
  try {
    return [...Deno.readDirSync(ROOT + dir)].filter((e) => e.isFile).map((e) =>
      e.name
    ).sort();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
}

function foldersIn(dir: string): string[] {
  return [...Deno.readDirSync(ROOT + dir)].filter((e) => e.isDirectory).map((
    e,
  ) => e.name).sort();
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(ROOT + path).isFile;
  } catch {
    return false;
  }
}

Deno.test("manifest: every lesson has its lesson, solution and test file and a hint", () => {
  const problems: string[] = [];
  for (const { lesson, lessonFile, solutionFile, testFile } of allLessons()) {
    for (const file of [lessonFile, solutionFile, testFile]) {
      if (!isFile(file)) problems.push(`${lesson.id}: ${file} is missing`);
    }
    if (lesson.hints.length === 0) problems.push(`${lesson.id}: no hint`);
    lesson.hints.forEach((hint, i) => {
      if (hint.trim() === "") {
        problems.push(`${lesson.id}: hint ${i + 1} is empty`);
      }
    });
    if (lesson.title.trim() === "" || lesson.guide.trim() === "") {
      problems.push(`${lesson.id}: empty title or guide page`);
    }
  }
  assertEquals(problems, []);
});

Deno.test("manifest: no lesson, solution or test file is missing from it", () => {
  const known = new Set(
    allLessons().flatMap((e) => [e.lessonFile, e.solutionFile, e.testFile]),
  );
  const dirs = new Set(TRACKS.map((t) => t.dir));
  const problems: string[] = [];
  for (const top of ["lessons", "solutions", "tests"]) {
    for (const dir of foldersIn(top)) {
      if (!dirs.has(dir)) {
        problems.push(`${top}/${dir}/ is not a track of the manifest`);
        continue;
      }
      for (const name of filesIn(`${top}/${dir}`)) {
        const path = `${top}/${dir}/${name}`;
        if (name.startsWith("_") || known.has(path)) continue;
        if (top === "tests") {
          if (LESSON_TEST_FILE.test(name)) {
            problems.push(
              `${path} looks like a lesson test but no lesson has it`,
            );
          } else if (!name.endsWith("_test.ts")) {
            problems.push(`${path} is neither a test nor a helper (_name.ts)`);
          }
        } else {
          problems.push(
            LESSON_FILE.test(name)
              ? `${path} is not in the manifest`
              : `${path} is neither a lesson (NN_name.ts) nor a helper (_name.ts)`,
          );
        }
      }
    }
  }
  assertEquals(problems, []);
});

Deno.test("manifest: tracks and lessons have unique, well-formed ids in order", () => {
  const problems: string[] = [];
  const unique = (what: string, values: (string | number)[]) => {
    const seen = new Set<string | number>();
    for (const value of values) {
      if (seen.has(value)) problems.push(`${what} ${value} appears twice`);
      seen.add(value);
    }
  };
  unique("track step", TRACKS.map((t) => t.step));
  unique("track folder", TRACKS.map((t) => t.dir));
  unique("lesson id", allLessons().map((e) => e.lesson.id));
  for (const track of TRACKS) {
    unique(`${track.dir} slug`, track.lessons.map((l) => l.slug));
    let previous = 0;
    for (const { id, slug } of track.lessons) {
      if (!LESSON_FILE.test(`${slug}.ts`)) {
        problems.push(`${id}: slug "${slug}" is not NN_name`);
        continue;
      }
      if (id !== `${track.dir}/${slug.slice(0, 2)}`) {
        problems.push(
          `${id}: expected the id ${track.dir}/${slug.slice(0, 2)}`,
        );
      }
      const number = Number(slug.slice(0, 2));
      if (number <= previous) problems.push(`${id}: out of order`);
      previous = number;
    }
  }
  assertEquals(problems, []);
});

Deno.test("manifest: each lesson file's header names its id, title and guide page", () => {
  const problems: string[] = [];
  for (const { lesson, lessonFile, solutionFile, testFile } of allLessons()) {
    for (const file of [lessonFile, solutionFile]) {
      if (!isFile(file)) continue; // reported by the first test
      const text = Deno.readTextFileSync(ROOT + file);
      const expected = [
        `Lesson ${lesson.id} · ${lesson.title}`,
        `Guide: ${lesson.guide}`,
        `deno task test ${testFile}`,
      ];
      for (const line of expected) {
        if (!text.includes(line)) problems.push(`${file} lacks "${line}"`);
      }
    }
  }
  assertEquals(problems, []);
});

/**
 * The names given to Deno.test in `source`: string literals, as the first
 * argument or as `name:` of an options object; `undefined` for a name that
 * is not a literal.
 */
function testNames(source: string): (string | undefined)[] {
  const names: (string | undefined)[] = [];
  const call = /Deno\.test(?:\.(?:ignore|only))?\(\s*/g;
  for (const match of source.matchAll(call)) {
    let rest = source.slice(match.index! + match[0].length);
    if (rest.startsWith("{")) {
      const name = rest.match(/^\{\s*name:\s*/);
      if (name === null) {
        names.push(undefined);
        continue;
      }
      rest = rest.slice(name[0].length);
    }
    const literal = rest.match(/^(["'`])((?:\\.|(?!\1).)*)\1/s);
    // A template literal counts up to its first ${…}.
    const text = literal?.[2].split("${")[0];
    names.push(literal === null ? undefined : text);
  }
  return names;
}

Deno.test("manifest: every test of a lesson is named after the lesson's id", () => {
  const problems: string[] = [];
  for (const { lesson, testFile } of allLessons()) {
    if (!isFile(testFile)) continue; // reported by the first test
    const names = testNames(Deno.readTextFileSync(ROOT + testFile));
    if (names.length === 0) problems.push(`${testFile} declares no Deno.test`);
    for (const name of names) {
      if (name === undefined) {
        problems.push(
          `${testFile}: a test name is not a string literal (it must start with "${lesson.id} ")`,
        );
      } else if (!name.startsWith(`${lesson.id} `)) {
        problems.push(
          `${testFile}: "${name}" does not start with "${lesson.id} "`,
        );
      }
    }
  }
  assertEquals(problems, []);
});

Deno.test("testNames() reads literal names from the forms of Deno.test", () => {
  const source = [
    'Deno.test("step1/04 a", () => {});',
    "Deno.test('step1/04 b', fn);",
    "Deno.test(`step1/04 c ${x}`, fn);",
    'Deno.test({\n  name: "step1/04 d",\n  fn() {},\n});',
    "Deno.test({ fn() {}, name: x });",
    "Deno.test(NAME, fn);",
    'Deno.test.ignore("step1/04 e", fn);',
  ].join("\n");
  assertEquals(testNames(source), [
    "step1/04 a",
    "step1/04 b",
    "step1/04 c ",
    "step1/04 d",
    undefined,
    undefined,
    "step1/04 e",
  ]);
});

Deno.test("resolveLesson() finds each lesson by id, file and file URL", () => {
  const findLesson = (key: string) => {
    try {
      return resolveLesson(key);
    } catch {
      return undefined;
    }
  };
  for (const entry of allLessons()) {
    const url = new URL(`../${entry.lessonFile}`, import.meta.url).href;
    for (const key of [entry.lesson.id, entry.lessonFile, url]) {
      assertEquals(findLesson(key)?.lesson.id, entry.lesson.id, key);
    }
  }
  assertEquals(findLesson("nothing/99"), undefined);
  // A slug shared by two tracks (01_tokenizer) names no single lesson.
  const slugs = allLessons().map((e) => e.lesson.slug);
  for (const slug of new Set(slugs)) {
    const count = slugs.filter((s) => s === slug).length;
    assert(
      count === 1
        ? findLesson(slug)?.lesson.slug === slug
        : findLesson(slug) === undefined,
      slug,
    );
  }
});
