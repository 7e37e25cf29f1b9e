"""CPython's answers for support/random_test.ts: python3 support/testdata/python_random.py > support/testdata/python_random.json

Each case seeds random with `seed`, then makes the calls in `calls` in order;
`results` is what each call returned (shuffle: the shuffled list). The calls
cover every draw PyRandom ports: random, getrandbits, _randbelow, gauss
(with its cached second value), shuffle and choices (weightedIndex).
"""
import json, random, sys

NAMES = ["emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia"]
CALLS = {
    "streams": [["random"]] * 3 + [["getrandbits", k] for k in (1, 5, 16, 31, 32)]
    + [["randbelow", n] for n in (1, 2, 7, 10, 1000, 2**31, 2**32 - 1)],
    "gauss": [["gauss", 0, 1], ["random"], ["gauss", 0, 1], ["gauss", 10, 2],
              ["gauss", 0, 0.08], ["gauss", 0, 0.08], ["random"]],
    "shuffle": [["shuffle", list(range(10))], ["shuffle", NAMES], ["shuffle", []],
                ["shuffle", ["a"]], ["random"]],
    "choices": [["choices", [0.1, 0.2, 0.3, 0.4]]] * 10
    + [["choices", [0, 1, 0, 2, 0]]] * 10 + [["choices", [5]], ["random"]],
}
SEEDS = [0, 1, 42, 1337, 2**32 - 1, 2**32, 2**40, 2**53 - 1]


def call(name, *args):
    if name == "random":
        return random.random()
    if name == "getrandbits":
        return random.getrandbits(args[0])
    if name == "randbelow":
        return random._inst._randbelow(args[0])
    if name == "gauss":
        return random.gauss(*args)
    if name == "shuffle":
        items = list(args[0])
        random.shuffle(items)
        return items
    if name == "choices":
        return random.choices(range(len(args[0])), weights=args[0])[0]
    raise ValueError(name)


cases = []
for seed in SEEDS:
    for what, calls in CALLS.items():
        random.seed(seed)
        cases.append({"seed": seed, "what": what, "calls": calls,
                      "results": [call(*c) for c in calls]})
# A draw exactly on a boundary picks the next item (bisect right): with
# weights [r, 1 - r], r being seed 42's first random(), x equals the first sum.
random.seed(42)
r = random.random()
random.seed(42)
cases.append({"seed": 42, "what": "boundary", "calls": [["choices", [r, 1 - r]]],
              "results": [call("choices", [r, 1 - r])]})
json.dump({"python": sys.version.split()[0], "cases": cases}, sys.stdout, indent=1)
print()
