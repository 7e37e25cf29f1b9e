"""Step 0 reference: the counting bigram model.

An independent CPython reference program written from the guide's facts (../shared/GUIDE.md)
(Step 0 "Counting" and the reference table under "The other steps' reference
output"). It exists to measure plain-Python speed against the kata's Deno
trainer and to produce golden outputs for other seeds and step counts. It is
NOT part of the kata's lessons or solutions.

The model is a 27x27 table of bigram counts. Probabilities use add-one
smoothing, (count + 1) / (rowSum + 27). Each training step first measures the
mean cross-entropy loss of the step's name under the current table, then adds
that name's bigram counts. Sampling draws from the smoothed probabilities with
Python's `random.choices` (no temperature). Randomness order: seed -> load +
shuffle names -> (training draws nothing) -> one choice per sampled character.

Output format follows step1.py: "num docs", "vocab size" (no "num params"
line: the guide's counting program prints none), one step line per step (the guide's
table says losses are printed for every step, so --log-every defaults to 1),
then the inference header and 20 samples. Plain Python, no numpy.

Run from the repository root:

    python3 bench/reference/step0.py
    python3 bench/reference/step0.py --seed 1337 --steps 5000 --log-every 1000
"""

import argparse
import math
import os
import random

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(REPO_ROOT, "..", "shared", "data", "names.txt")

MAX_SAMPLE_LEN = 16


def parse_args():
    p = argparse.ArgumentParser(description="Step 0 reference (bigram count table)")
    p.add_argument("--data", default=DEFAULT_DATA, help="names file (default: ../shared/data/names.txt from the repo root)")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--lr", type=float, default=1.0, help="accepted for a uniform command line; counting has no learning rate")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--temperature", type=float, default=1.0,
                   help="accepted for a uniform command line; Step 0 samples without temperature, only 1.0 is allowed")
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--log-every", type=int, default=1,
                   help="print a step line when s < 5 or s %% K == 0 (default 1: every step, as the guide's Step 0 does)")
    args = p.parse_args()
    if args.temperature != 1.0:
        p.error("Step 0 samples without temperature; --temperature must be 1.0")
    return args


def load_docs(path):
    with open(path, "r", encoding="utf-8") as f:
        text = f.read()
    return [line.strip() for line in text.strip().split("\n") if line.strip()]


def main():
    args = parse_args()
    random.seed(args.seed)

    docs = load_docs(args.data)
    random.shuffle(docs)
    print(f"num docs: {len(docs)}")

    uchars = sorted(set("".join(docs)))
    BOS = len(uchars)
    vocab_size = len(uchars) + 1
    stoi = {ch: i for i, ch in enumerate(uchars)}
    print(f"vocab size: {vocab_size}")

    counts = [[0] * vocab_size for _ in range(vocab_size)]

    def probs_after(token_id):
        row = counts[token_id]
        total = sum(row) + vocab_size
        return [(c + 1) / total for c in row]

    num_steps = args.steps
    for s in range(num_steps):
        doc = docs[s % len(docs)]
        tokens = [BOS] + [stoi[ch] for ch in doc] + [BOS]
        n = len(tokens) - 1
        # measure first ...
        losses = []
        for pos in range(n):
            probs = probs_after(tokens[pos])
            losses.append(-math.log(probs[tokens[pos + 1]]))
        loss = (1 / n) * sum(losses)
        # ... then learn: add this name's bigram counts
        for pos in range(n):
            counts[tokens[pos]][tokens[pos + 1]] += 1
        if s < 5 or s % args.log_every == 0:
            print(f"step {s + 1:4d} / {num_steps:4d} | loss {loss:.4f}")

    print("\n--- inference (new, hallucinated names) ---")
    for i in range(args.samples):
        token_id = BOS
        out = []
        for _ in range(MAX_SAMPLE_LEN):
            probs = probs_after(token_id)
            token_id = random.choices(range(vocab_size), weights=probs)[0]
            if token_id == BOS:
                break
            out.append(uchars[token_id])
        print(f"sample {i + 1:2d}: {''.join(out)}")


if __name__ == "__main__":
    main()
