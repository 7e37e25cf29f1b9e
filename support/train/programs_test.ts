import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { UsageError } from "./errors.ts";
import {
  availableSteps,
  DEFAULT_STEP,
  findProgram,
  PROGRAMS,
} from "./programs.ts";

Deno.test("findProgram() finds the registered step programs", () => {
  assertEquals(DEFAULT_STEP, 1);
  assertEquals(findProgram(1).step, 1);
  for (const [step, program] of PROGRAMS) assertEquals(program.step, step);
});

Deno.test("findProgram() lists the available steps for an unknown one", () => {
  const error = assertThrows(
    () => findProgram(42),
    UsageError,
    "There is no program for step 42: available steps are ",
  );
  assertStringIncludes(error.message, "1 (Gradient descent");
  assertStringIncludes(availableSteps(), "1 (Gradient descent");
});
