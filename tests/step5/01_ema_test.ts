import { assertAlmostEquals } from "@std/assert";
import { biasCorrected, ema } from "../../lessons/step5/01_ema.ts";

Deno.test("step5/01 ema() keeps β of the average and adds (1 − β) of the new number (worked by hand)", () => {
  const cases: [number, number, number, number][] = [
    // [average, x, β, expected]
    [0, 10, 0.9, 1], // 0.9·0 + 0.1·10
    [1, 10, 0.9, 1.9], // 0.9·1 + 0.1·10
    [1.9, 10, 0.9, 2.71], // 0.9·1.9 + 0.1·10
    [2, 4, 0.5, 3],
    [0.25, 1, 0.85, 0.3625], // 0.85·0.25 + 0.15·1
    [5, -1, 0, -1], // β = 0 keeps nothing of the old average
  ];
  for (const [average, x, beta, expected] of cases) {
    const actual = ema(average, x, beta);
    const swapped = beta * x + (1 - beta) * average;
    const hint = Math.abs(actual - swapped) < 1e-12 && expected !== swapped
      ? `. Your ${actual} is β·x + (1 − β)·average: β weighs the old average, not x`
      : "";
    // 1 − β in the message as written, not 0.09999999999999998.
    const rest = Number((1 - beta).toPrecision(12));
    assertAlmostEquals(
      actual,
      expected,
      1e-12,
      `ema(${average}, ${x}, β = ${beta}) is ${actual}, expected ${expected} = ${beta}·${average} + ${rest}·${x}${hint}`,
    );
  }
});

Deno.test("step5/01 ema() of a constant x, started at 0, is (1 − β^t)·x after t updates", () => {
  for (const beta of [0.85, 0.99]) {
    let average = 0;
    for (let t = 1; t <= 30; t++) {
      average = ema(average, 2, beta);
      assertAlmostEquals(
        average,
        (1 - beta ** t) * 2,
        1e-12,
        `β = ${beta}: after ${t} update${
          t === 1 ? "" : "s"
        } of 2 the average should be (1 − ${beta}^${t})·2`,
      );
    }
  }
});

Deno.test("step5/01 biasCorrected() divides by 1 − β^t (worked by hand)", () => {
  const cases: [number, number, number, number][] = [
    // [average, β, t, expected]
    [1, 0.9, 1, 10], // 1 / (1 − 0.9)
    [1.9, 0.9, 2, 10], // 1.9 / (1 − 0.81)
    [2.71, 0.9, 3, 10], // 2.71 / (1 − 0.729)
    [0.15, 0.85, 1, 1], // Adam's m after one gradient of 1
    [0.01, 0.99, 1, 1], // Adam's v after one squared gradient of 1
    [3, 0.5, 2, 4], // 3 / (1 − 0.25)
  ];
  for (const [average, beta, t, expected] of cases) {
    const actual = biasCorrected(average, beta, t);
    const candidates: [number, string][] = [
      [
        average / (1 - beta ** (t + 1)),
        "1 − β^(t + 1): t already counts the updates from 1",
      ],
      [
        average / (1 - beta) ** t,
        "(1 − β)^t: the power belongs to β alone, 1 − β^t",
      ],
      [average * (1 - beta ** t), "a multiplication: the correction divides"],
    ];
    const hint = candidates.find(([c]) =>
      Math.abs(actual - c) < 1e-9 && Math.abs(c - expected) > 1e-9
    );
    assertAlmostEquals(
      actual,
      expected,
      1e-12,
      `biasCorrected(${average}, β = ${beta}, t = ${t}) is ${actual}, expected ${expected} = ${average} / (1 − ${beta}^${t})${
        hint ? `; you computed ${hint[1]}` : ""
      }`,
    );
  }
});

Deno.test("step5/01 biasCorrected() gives a constant input back after every number of updates", () => {
  for (const beta of [0.85, 0.99]) {
    let average = 0;
    for (let t = 1; t <= 50; t++) {
      average = ema(average, -3, beta);
      assertAlmostEquals(
        biasCorrected(average, beta, t),
        -3,
        1e-12,
        `β = ${beta}: after ${t} update${
          t === 1 ? "" : "s"
        } of −3 the corrected average should be −3`,
      );
    }
  }
});
