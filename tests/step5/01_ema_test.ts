import { biasCorrected, ema } from "../../lessons/step5/01_ema.ts";
import { assertClose, assertVectorClose } from "../_assert.ts";

/** 1 − β as written, not 0.09999999999999998. */
const oneMinus = (beta: number) => Number((1 - beta).toPrecision(12));

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
  // All the cases at once: a known mistake must give the numbers of every
  // case, so that one coincidence cannot name the wrong one.
  const of = (f: (average: number, x: number, beta: number) => number) =>
    cases.map(([average, x, beta]) => f(average, x, beta));
  assertVectorClose(of(ema), cases.map((c) => c[3]), {
    what: (i) => {
      const [average, x, beta, expected] = cases[i];
      return `ema(${average}, ${x}, β = ${beta}), which is ${beta}·${average} + ${
        oneMinus(beta)
      }·${x} = ${expected},`;
    },
    list: "ema() of the 6 worked cases",
    tol: 1e-12,
    mistakes: [
      {
        gives: of((average, x, beta) => beta * x + (1 - beta) * average),
        says:
          "β·x + (1 − β)·average: β weighs the old average, (1 − β) the new number",
      },
      {
        gives: of((average, x, beta) => beta * average + x),
        says: "the new number not weighed by (1 − β): β·average + (1 − β)·x",
      },
    ],
  });
});

Deno.test("step5/01 ema() of a constant x, started at 0, is (1 − β^t)·x after t updates", () => {
  for (const beta of [0.85, 0.99]) {
    let average = 0;
    for (let t = 1; t <= 30; t++) {
      average = ema(average, 2, beta);
      assertClose(average, (1 - beta ** t) * 2, {
        what: `β = ${beta}: the average after ${t} update${
          t === 1 ? "" : "s"
        } of 2, from 0`,
        tol: 1e-12,
        note: `Started at 0 it is (1 − ${beta}^${t})·2.`,
      });
    }
  }
});

/**
 * The power of β that biasCorrected() used, read back from its results:
 * average / result = 1 − β^p, so p = log(1 − average / result) / log β.
 * When every case used the power t + c for one c ≠ 0, says so; otherwise
 * undefined.
 */
function powerOfBeta(
  cases: readonly [number, number, number, number][],
  actual: readonly number[],
): string | undefined {
  const shifts = cases.map(([average, beta, t], i) =>
    Math.log(1 - average / actual[i]) / Math.log(beta) - t
  );
  const c = Math.round(shifts[0]);
  if (c === 0 || !shifts.every((x) => Math.abs(x - c) < 1e-6)) {
    return undefined;
  }
  return `In every case it divides by 1 − β^(t ${c > 0 ? "+" : "−"} ${
    Math.abs(c)
  }): the power is t itself, 1 − β^t, t being the number of updates so ` +
    "far, counted from 1 (after the first update, t = 1 and it divides " +
    "by 1 − β).";
}

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
  const of = (f: (average: number, beta: number, t: number) => number) =>
    cases.map(([average, beta, t]) => f(average, beta, t));
  const actual = of(biasCorrected);
  assertVectorClose(actual, cases.map((c) => c[3]), {
    what: (i) => {
      const [average, beta, t, expected] = cases[i];
      return `biasCorrected(${average}, β = ${beta}, t = ${t}), which is ${average} / (1 − ${beta}^${t}) = ${expected},`;
    },
    list: "biasCorrected() of the 6 worked cases",
    tol: 1e-12,
    note: powerOfBeta(cases, actual),
    mistakes: [
      {
        gives: of((average, beta, t) => average / (1 - beta) ** t),
        says: "(1 − β)^t: the power belongs to β alone, 1 − β^t",
      },
      {
        gives: of((average, beta, t) => average * (1 - beta ** t)),
        says: "a multiplication by 1 − β^t: the correction divides by it",
      },
      {
        gives: of((average, beta, t) => average / (1 - beta * t)),
        says: "1 − β·t: the correction is 1 − β^t, β to the power t",
      },
      {
        gives: of((average, beta, t) => average / 1 - beta ** t),
        says:
          "average / 1 − β^t without parentheses, which is average − β^t (division first): divide by all of 1 − β^t, average / (1 − β^t)",
      },
    ],
  });
});

Deno.test("step5/01 biasCorrected() gives a constant input back after every number of updates", () => {
  for (const beta of [0.85, 0.99]) {
    let average = 0;
    for (let t = 1; t <= 50; t++) {
      average = ema(average, -3, beta);
      assertClose(biasCorrected(average, beta, t), -3, {
        what: `β = ${beta}: the corrected average after ${t} update${
          t === 1 ? "" : "s"
        } of −3`,
        tol: 1e-12,
        note:
          "The averages come from your ema(): if ema()'s own tests fail, fix it first.",
      });
    }
  }
});
