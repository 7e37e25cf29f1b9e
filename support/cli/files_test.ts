import { assertEquals, assertThrows } from "@std/assert";
import { FileReadError, readFileSafely, writeFileSafely } from "./files.ts";

Deno.test("readFileSafely() reads a regular file and refuses a folder or a file over the limit", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/a.txt`, "abc");
    assertEquals(
      new TextDecoder().decode(readFileSafely(`${dir}/a.txt`, 3, "data file")),
      "abc",
    );
    assertThrows(
      () => readFileSafely(`${dir}/a.txt`, 2, "data file"),
      FileReadError,
      "too big: over 2 bytes",
    );
    assertThrows(
      () => readFileSafely(dir, 9, "data file"),
      FileReadError,
      "it is a folder",
    );
    assertThrows(
      () => readFileSafely(`${dir}/none`, 9, "data file"),
      FileReadError,
      "does not exist",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("writeFileSafely() never replaces a file that appeared or changed after its check", () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/model.json`;
  try {
    writeFileSafely(path, "first");
    assertThrows(
      () => writeFileSafely(path, "second"),
      Error,
      "a file appeared there",
    );
    const checked = Deno.lstatSync(path);
    Deno.writeTextFileSync(path, "edited meanwhile");
    assertThrows(
      () => writeFileSafely(path, "second", checked),
      Error,
      "it changed after it was checked",
    );
    assertEquals(Deno.readTextFileSync(path), "edited meanwhile");
    Deno.chmodSync(path, 0o600);
    writeFileSafely(path, "second", Deno.lstatSync(path));
    assertEquals([
      Deno.readTextFileSync(path),
      Deno.statSync(path).mode! & 0o777,
    ], ["second", 0o600]);
    assertEquals(
      [...Deno.readDirSync(dir)].length,
      1,
      "no temporary file is left",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
