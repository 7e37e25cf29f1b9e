"""Golden outputs of the Step 3-5 CPython references, and cases.json that lists them.

Every case is one command line,

    python3 bench/reference/step{step}.py --data {data} {args...}

run from the repository root; its stdout (UTF-8 bytes) is saved as
bench/reference/golden/{file}. A port is expected to print the same bytes for

    deno task train --step {step} --plain --data {data} {args...}

cases.json holds the same list for such a test: step, file (relative to this
folder), data (relative to the repository root), args, plus
"needs_guide_data" (true when data is the guide's names.txt, which is never
committed: skip the case when ../shared/data/names.txt is missing) and "slow"
(true for the guide's own 1000-step runs, 3 to 15 minutes each in CPython).

Run from the repository root:

    python3 bench/reference/golden/make_golden.py           # the quick cases (a minute or two)
    python3 bench/reference/golden/make_golden.py --guide   # also the three guide runs (slow)
    python3 bench/reference/golden/make_golden.py --json    # only rewrite cases.json

For the guide runs it also checks the figures GUIDE.md gives.
"""

import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
GOLDEN = "bench/reference/golden"
NAMES = "../shared/data/names.txt"  # the guide's data, relative to the repository root
TINY = "support/train/testdata/tiny_names.txt"  # 30 made-up names, with a capital, a hyphen, an ë
LONG = f"{GOLDEN}/long_names.txt"  # made up; 8 of 15 names longer than 15 letters, so n = min(16, ...) cuts
SHORT = f"{GOLDEN}/short_names.txt"  # made up; 35 names of 2 or 3 letters
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def case(step, name, data, *args, slow=False):
    return {
        "step": step,
        "file": f"step{step}_{name}.txt" if not name.startswith("guide") else f"{name}_step{step}.txt",
        "data": data,
        "args": list(args),
        "needs_guide_data": data == NAMES,
        "slow": slow,
    }


CASES = []
for _step in (3, 4, 5):
    _lr = "0.05" if _step == 5 else "0.3"  # Steps 3-4 default 0.1 (SGD); Step 5 0.01 (Adam)
    CASES += [
        case(_step, "tiny_seed7", TINY,
             "--seed", "7", "--steps", "30", "--log-every", "7", "--temperature", "1.5", "--samples", "8"),
        # Step 5 keeps its default --log-every 1 here: a line for every step
        case(_step, "long_seed3", LONG,
             "--seed", "3", "--steps", "16", "--temperature", "0.8", "--samples", "6",
             *([] if _step == 5 else ["--log-every", "5"])),
        case(_step, "short_seed1337_lr", SHORT,
             "--seed", "1337", "--steps", "80", "--lr", _lr, "--log-every", "20", "--temperature", "1.0",
             "--samples", "12"),
        case(_step, "names_first30", NAMES, "--steps", "30", "--log-every", "10", "--samples", "10"),
    ]
for _step in (3, 4, 5):
    CASES.append(case(_step, "guide", NAMES, slow=True))

# GUIDE.md's figures for the guide runs (seed 42, names.txt, defaults)
GUIDE_LINES = {
    3: ["step    1 / 1000 | loss 3.3816", "step    2 / 1000 | loss 3.4377", "step  201 / 1000 | loss 2.1831",
        "step  801 / 1000 | loss 2.2230",
        "sample  1: jalon", "sample  2: annyn", "sample  3: jaenn", "sample  4: aren"],
    4: ["step    1 / 1000 | loss 3.3660", "step    2 / 1000 | loss 3.4273", "step  201 / 1000 | loss 2.1700",
        "step  801 / 1000 | loss 2.2216",
        "sample  1: jalyn", "sample  2: annze", "sample  3: jaenn", "sample  4: aren"],
    5: ["step    1 / 1000 | loss 3.3660", "step    2 / 1000 | loss 3.4243", "step 1000 / 1000 | loss 2.6497"]
       + [f"sample {i + 1:2d}: {s}" for i, s in enumerate(
           "kamon ann karai jaire vialan karia yeran anna areli kaina".split())],
}


def run(c):
    cmd = [sys.executable, f"bench/reference/step{c['step']}.py", "--data", c["data"], *c["args"]]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, cwd=REPO_ROOT, env=ENV, check=True, capture_output=True).stdout
    return out, time.perf_counter() - t0


def main():
    flags = set(sys.argv[1:])
    unknown = flags - {"--guide", "--json"}
    if unknown:
        sys.exit(f"unknown flags {sorted(unknown)}; expected --guide and/or --json")
    with open(os.path.join(HERE, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(CASES, f, indent=2)  # the layout deno fmt keeps
        f.write("\n")
    print(f"wrote {GOLDEN}/cases.json ({len(CASES)} cases)")
    if "--json" in flags:
        return
    have_names = os.path.exists(os.path.join(REPO_ROOT, NAMES))
    for c in CASES:
        if c["slow"] and "--guide" not in flags:
            continue
        if c["needs_guide_data"] and not have_names:
            print(f"skipped {c['file']}: {NAMES} not found")
            continue
        out, seconds = run(c)
        if c["slow"]:
            lines = out.decode("utf-8").split("\n")
            missing = [ln for ln in GUIDE_LINES[c["step"]] if ln not in lines]
            if missing:
                sys.exit(f"step{c['step']}.py does not print the guide's figures: missing {missing}")
        with open(os.path.join(HERE, c["file"]), "wb") as f:
            f.write(out)
        print(f"wrote {GOLDEN}/{c['file']} ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
