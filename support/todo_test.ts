import {
  assertEquals,
  assertInstanceOf,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { NotImplementedError, todo } from "./todo.ts";

Deno.test("todo() names the function, the lesson file and the hint command", () => {
  const url =
    new URL("../lessons/step1/08_analytic_gradient.ts", import.meta.url).href;
  const error = assertThrows(
    () => todo("analyticGradient", url),
    NotImplementedError,
  );
  assertEquals(error.name, "NotImplementedError");
  assertInstanceOf(error, Error);
  assertStringIncludes(
    error.message,
    "analyticGradient() is not implemented yet",
  );
  assertStringIncludes(
    error.message,
    "open lessons/step1/08_analytic_gradient.ts",
  );
  assertStringIncludes(error.message, "deno task hint step1/08");
});

Deno.test("todo() still says what is missing for a file outside the manifest", () => {
  assertThrows(
    () => todo("mystery", "file:///somewhere/else.ts"),
    NotImplementedError,
    "mystery() is not implemented yet",
  );
});
