/**
 * Test double for lessons/step1/11_sampling.ts as a learner has it before
 * writing `sample()`: `temperatureSoftmax` is solved, `sample` is the stub.
 * `../cli_test.ts` maps the lesson to this file to see what the trainer
 * says about an unfinished lesson, whatever the real lesson's state.
 *
 * @module
 */

import { todo } from "../../todo.ts";

export {
  type SampleOptions,
  temperatureSoftmax,
} from "../../../solutions/step1/11_sampling.ts";

const LESSON = new URL(
  "../../../lessons/step1/11_sampling.ts",
  import.meta.url,
);

/** The unwritten `sample()`: throws NotImplementedError like the stub. */
export function sample(..._args: unknown[]): string {
  return todo("sample", LESSON.href);
}
