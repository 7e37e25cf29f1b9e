import { assertEquals, assertThrows } from "@std/assert";
import { PyRandom } from "./random.ts";

// All expected numbers below are CPython 3.11.7 outputs. The VECTORS come
// from ../shared/python_random_vectors.json (copied here so the tests need
// no permissions); every list in it was drawn right after random.seed(seed),
// e.g. random.seed(42); [random.random() for _ in range(5)]. The others were
// computed with python3 the same way, as each comment shows.
//
// We compare with assertEquals, not assertAlmostEquals: the port does the
// same IEEE double operations on the same Mersenne Twister words, so the
// results are the very same doubles, and anything else is a bug.

const NAMES = [
  "emma",
  "olivia",
  "ava",
  "isabella",
  "sophia",
  "charlotte",
  "mia",
];
const CHOICE_WEIGHTS = [0.1, 0.2, 0.3, 0.4];

const VECTORS = [
  {
    seed: 42,
    random: [
      0.6394267984578837,
      0.025010755222666936,
      0.27502931836911926,
      0.22321073814882275,
      0.7364712141640124,
    ],
    getrandbits32: [2746317213, 478163327, 107420369, 3184935163, 1181241943],
    gaussSigma1: [
      -0.14409032957792836,
      -0.1729036003315193,
      -0.11131586156766246,
      0.7019837250988631,
      -0.12758828378288709,
    ],
    gaussSigma008: [
      -0.011527226366234268,
      -0.013832288026521545,
      -0.008905268925412997,
    ],
    shuffleRange10: [7, 3, 2, 8, 5, 6, 9, 4, 0, 1],
    shuffleNames: [
      "olivia",
      "isabella",
      "sophia",
      "ava",
      "mia",
      "emma",
      "charlotte",
    ],
    // random.choices(range(4), weights=[0.1, 0.2, 0.3, 0.4], k=10)
    choices: [3, 0, 1, 1, 3, 3, 3, 0, 2, 0],
  },
  {
    seed: 1337,
    random: [
      0.6177528569514706,
      0.5332655736050008,
      0.36584835924937553,
      0.5857873539022715,
      0.16568728368878083,
    ],
    getrandbits32: [2653228291, 3975144315, 2290358181, 3048911309, 1571306751],
    gaussSigma1: [
      -0.9117532932976627,
      -0.8322834003509737,
      -0.8833109857747158,
      0.9912180893337817,
      0.9424983732594854,
    ],
    gaussSigma008: [
      -0.07294026346381302,
      -0.0665826720280779,
      -0.07066487886197727,
    ],
    shuffleRange10: [0, 3, 7, 2, 1, 6, 4, 5, 8, 9],
    shuffleNames: [
      "emma",
      "charlotte",
      "isabella",
      "olivia",
      "ava",
      "mia",
      "sophia",
    ],
    choices: [3, 2, 2, 2, 1, 3, 2, 3, 3, 2],
  },
];

// Calls `draw` `count` times on a generator freshly seeded with `seed`.
function drawFresh<T>(
  seed: number,
  count: number,
  draw: (rng: PyRandom) => T,
): T[] {
  const rng = new PyRandom(seed);
  return Array.from({ length: count }, () => draw(rng));
}

Deno.test("PyRandom.random() matches CPython", async (t) => {
  for (const v of VECTORS) {
    await t.step(`seed ${v.seed}`, () => {
      assertEquals(drawFresh(v.seed, 5, (rng) => rng.random()), v.random);
    });
  }
});

Deno.test("PyRandom.getrandbits() matches CPython", async (t) => {
  for (const v of VECTORS) {
    await t.step(`32 bits, seed ${v.seed}`, () => {
      assertEquals(
        drawFresh(v.seed, 5, (rng) => rng.getrandbits(32)),
        v.getrandbits32,
      );
    });
  }
  await t.step("1 to 32 bits, seed 42", () => {
    // random.seed(42); [random.getrandbits(k) for k in (1, 5, 16, 31, 32)]
    const rng = new PyRandom(42);
    assertEquals(
      [1, 5, 16, 31, 32].map((k) => rng.getrandbits(k)),
      [1, 3, 1639, 1592467581, 1181241943],
    );
  });
});

Deno.test("PyRandom.randbelow() matches CPython", () => {
  // random.seed(42); [random._randbelow(n) for n in (1, 2, 7, 10, 1000,
  // 2**31, 2**32 - 1)]
  const rng = new PyRandom(42);
  assertEquals(
    [1, 2, 7, 10, 1000, 2 ** 31, 2 ** 32 - 1].map((n) => rng.randbelow(n)),
    [0, 0, 5, 4, 250, 958682846, 599310825],
  );
});

Deno.test("PyRandom.gauss() matches CPython", async (t) => {
  for (const v of VECTORS) {
    await t.step(`mu 0, sigma 1, seed ${v.seed}`, () => {
      assertEquals(
        drawFresh(v.seed, 5, (rng) => rng.gauss(0, 1)),
        v.gaussSigma1,
      );
    });
    await t.step(`mu 0, sigma 0.08, seed ${v.seed}`, () => {
      assertEquals(
        drawFresh(v.seed, 3, (rng) => rng.gauss(0, 0.08)),
        v.gaussSigma008,
      );
    });
  }
});

Deno.test("PyRandom.gauss() caches its second value like CPython", async (t) => {
  const seed42 = VECTORS[0];

  await t.step("a fresh gauss() draws two random() values", () => {
    const rng = new PyRandom(42);
    rng.gauss(0, 1);
    assertEquals(rng.random(), seed42.random[2]);
  });

  await t.step(
    "the next gauss() returns the cached value and draws none",
    () => {
      const rng = new PyRandom(42);
      rng.gauss(0, 1);
      rng.gauss(0, 1);
      assertEquals(rng.random(), seed42.random[2]);
    },
  );

  await t.step("the cache survives a random() call in between", () => {
    // random.seed(42); [random.gauss(0, 1), random.random(),
    //   random.gauss(0, 1), random.gauss(0, 1), random.random()]
    const rng = new PyRandom(42);
    assertEquals(
      [
        rng.gauss(0, 1),
        rng.random(),
        rng.gauss(0, 1),
        rng.gauss(0, 1),
        rng.random(),
      ],
      [
        -0.14409032957792836,
        0.27502931836911926,
        -0.1729036003315193,
        0.2735990065583831,
        0.6766994874229113,
      ],
    );
  });

  await t.step(
    "the cached value is scaled by the second call's mu and sigma",
    () => {
      // random.seed(42); [random.gauss(0, 1), random.gauss(10, 2)]
      const rng = new PyRandom(42);
      assertEquals(
        [rng.gauss(0, 1), rng.gauss(10, 2)],
        [-0.14409032957792836, 9.654192799336961],
      );
    },
  );
});

Deno.test("PyRandom.shuffle() matches CPython", async (t) => {
  for (const v of VECTORS) {
    await t.step(`range(10), seed ${v.seed}`, () => {
      const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      new PyRandom(v.seed).shuffle(items);
      assertEquals(items, v.shuffleRange10);
    });
    await t.step(`names, seed ${v.seed}`, () => {
      // The JSON's names list was shuffled from this order (the first seven
      // lines of names.txt); python3 confirms it is the only order of the
      // seven names that gives both seeds' results.
      const names = [...NAMES];
      new PyRandom(v.seed).shuffle(names);
      assertEquals(names, v.shuffleNames);
    });
  }
});

Deno.test("PyRandom.shuffle() leaves empty and one-item lists alone without drawing", () => {
  const rng = new PyRandom(42);
  const empty: number[] = [];
  const one = ["a"];
  rng.shuffle(empty);
  rng.shuffle(one);
  assertEquals(empty, []);
  assertEquals(one, ["a"]);
  // CPython's loop does not run for these, so the stream is untouched.
  assertEquals(rng.random(), VECTORS[0].random[0]);
});

Deno.test("PyRandom.weightedIndex() matches CPython's choices()", async (t) => {
  for (const v of VECTORS) {
    await t.step(`weights 0.1 0.2 0.3 0.4, seed ${v.seed}`, () => {
      assertEquals(
        drawFresh(v.seed, 10, (rng) => rng.weightedIndex(CHOICE_WEIGHTS)),
        v.choices,
      );
    });
  }
  await t.step("a draw exactly on a boundary picks the next item", () => {
    // Seed 42's first random() is r, so with weights [r, 1 - r] (total
    // exactly 1) the draw x = r * 1 equals the first cumulative sum.
    // bisect_right then moves past it: random.choices(range(2),
    // weights=[r, 1 - r]) gives [1] in CPython.
    const r = VECTORS[0].random[0];
    assertEquals(new PyRandom(42).weightedIndex([r, 1 - r]), 1);
  });

  await t.step("a single weight still draws one random() value", () => {
    const rng = new PyRandom(42);
    assertEquals(rng.weightedIndex([5]), 0);
    assertEquals(rng.random(), VECTORS[0].random[1]);
  });
});

Deno.test("PyRandom.weightedIndex() never picks a zero-weight item", async (t) => {
  const weights = [0, 1, 0, 2, 0];

  await t.step("same picks as CPython", () => {
    // random.seed(s); random.choices(range(5), weights=[0, 1, 0, 2, 0], k=20)
    assertEquals(
      drawFresh(42, 20, (rng) => rng.weightedIndex(weights)),
      [3, 1, 1, 1, 3, 3, 3, 1, 3, 1, 1, 3, 1, 1, 3, 3, 1, 3, 3, 1],
    );
    assertEquals(
      drawFresh(1337, 20, (rng) => rng.weightedIndex(weights)),
      [3, 3, 3, 3, 1, 3, 3, 3, 3, 1, 3, 1, 3, 3, 1, 3, 3, 1, 3, 3],
    );
  });

  await t.step("10,000 seeded draws", () => {
    const counts = [0, 0, 0, 0, 0];
    for (const i of drawFresh(7, 10_000, (rng) => rng.weightedIndex(weights))) {
      counts[i]++;
    }
    assertEquals([counts[0], counts[2], counts[4]], [0, 0, 0]);
    assertEquals(counts[1] + counts[3], 10_000);
  });
});

Deno.test("PyRandom seeds like CPython for large and edge seeds", () => {
  // random.seed(s); [random.random() for _ in range(3)]
  const cases: [number, number[]][] = [
    [0, [0.8444218515250481, 0.7579544029403025, 0.420571580830845]],
    [1, [0.13436424411240122, 0.8474337369372327, 0.763774618976614]],
    [2 ** 32 - 1, [
      0.6353574441341173,
      0.20319993954407756,
      0.6073666030347188,
    ]],
    [2 ** 32, [0.11299430095636409, 0.41782886486292836, 0.0166763664992291]],
    [2 ** 40, [0.1036394562812375, 0.6705558677439764, 0.4266543913526999]],
    [
      Number.MAX_SAFE_INTEGER,
      [0.09425040007102303, 0.22287455761867403, 0.19135148760372034],
    ],
  ];
  for (const [seed, expected] of cases) {
    assertEquals(
      drawFresh(seed, 3, (rng) => rng.random()),
      expected,
      `seed ${seed}`,
    );
  }
});

Deno.test("PyRandom with the same seed gives the same stream", () => {
  const a = new PyRandom(1234);
  const b = new PyRandom(1234);
  for (let i = 0; i < 100; i++) {
    assertEquals(a.random(), b.random());
    assertEquals(a.gauss(1, 2), b.gauss(1, 2));
    assertEquals(a.getrandbits(7), b.getrandbits(7));
    assertEquals(a.weightedIndex([1, 2, 3]), b.weightedIndex([1, 2, 3]));
  }
  const listA = Array.from({ length: 50 }, (_, i) => i);
  const listB = [...listA];
  a.shuffle(listA);
  b.shuffle(listB);
  assertEquals(listA, listB);
});

Deno.test("PyRandom throws RangeError on invalid arguments", async (t) => {
  await t.step("seed", () => {
    for (const seed of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
      assertThrows(
        () => new PyRandom(seed),
        RangeError,
        `Seed must be a non-negative safe integer: received ${seed}`,
      );
    }
  });

  await t.step("getrandbits()", () => {
    const rng = new PyRandom(42);
    for (const k of [0, 33, 1.5, NaN]) {
      assertThrows(
        () => rng.getrandbits(k),
        RangeError,
        `Number of bits must be an integer from 1 to 32: received ${k}`,
      );
    }
  });

  await t.step("randbelow()", () => {
    const rng = new PyRandom(42);
    for (const n of [0, -3, 0.5, 2 ** 32, NaN]) {
      assertThrows(
        () => rng.randbelow(n),
        RangeError,
        `Bound must be an integer from 1 to 4294967295: received ${n}`,
      );
    }
  });

  await t.step("weightedIndex()", () => {
    const rng = new PyRandom(42);
    assertThrows(
      () => rng.weightedIndex([]),
      RangeError,
      "Weights must contain at least one value: received none",
    );
    const badTotals: [number[], string][] = [
      [[0, 0], "0"],
      [[1, -1], "0"],
      [[-2], "-2"],
      [[1, Infinity], "Infinity"],
      [[1, NaN], "NaN"],
    ];
    for (const [weights, total] of badTotals) {
      assertThrows(
        () => rng.weightedIndex(weights),
        RangeError,
        `Total of weights must be a finite number greater than zero: received ${total}`,
      );
    }
  });
});
