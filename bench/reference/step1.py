"""Step 1 reference: neural bigram MLP trained by gradient descent.

An independent CPython reference program written from the guide's facts (../shared/GUIDE.md)
("Step 1, exactly"). It exists to measure plain-Python speed against the
kata's Deno trainer and to produce golden outputs for other seeds and step
counts. It is NOT part of the kata's lessons or solutions.

Plain Python lists and floats, no numpy; randomness comes only from CPython's
`random` module (seed, shuffle, gauss, choices), in the order the guide gives:
seed -> load + shuffle names -> draw weights -> (training draws nothing) ->
one weighted choice per sampled character.

Run from the repository root:

    python3 bench/reference/step1.py
    python3 bench/reference/step1.py --seed 1337 --steps 500 --log-every 100

With the defaults (seed 42, names.txt, 1000 steps) the output equals the
Step 1 listing in GUIDE.md byte for byte.
"""

import argparse
import math
import os
import random

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(REPO_ROOT, "..", "shared", "data", "names.txt")

N_EMBD = 16
N_HIDDEN = 64
INIT_STD = 0.08
MAX_SAMPLE_LEN = 16
EPS = 1e-5


def parse_args():
    p = argparse.ArgumentParser(description="Step 1 reference (neural bigram MLP, hand-written gradients)")
    p.add_argument("--data", default=DEFAULT_DATA, help="names file (default: ../shared/data/names.txt from the repo root)")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--lr", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--temperature", type=float, default=0.5)
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--log-every", type=int, default=200, help="print a step line when s < 5 or s %% K == 0")
    return p.parse_args()


def load_docs(path):
    with open(path, "r", encoding="utf-8") as f:
        text = f.read()
    return [line.strip() for line in text.strip().split("\n") if line.strip()]


def matrix(nout, nin):
    return [[random.gauss(0, INIT_STD) for _ in range(nin)] for _ in range(nout)]


def linear(x, w):
    return [sum(wi * xi for wi, xi in zip(wo, x)) for wo in w]


def softmax(logits):
    m = max(logits)
    exps = [math.exp(v - m) for v in logits]
    total = sum(exps)
    return [e / total for e in exps]


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

    wte = matrix(vocab_size, N_EMBD)
    fc1 = matrix(N_HIDDEN, N_EMBD)
    fc2 = matrix(vocab_size, N_HIDDEN)
    mats = [wte, fc1, fc2]
    # flat parameter order: matrix -> row -> column; addressed as (row list, column)
    param_refs = [(row, j) for mat in mats for row in mat for j in range(len(row))]
    print(f"num params: {len(param_refs)}")

    def encode(doc):
        return [BOS] + [stoi[ch] for ch in doc] + [BOS]

    def mlp(token_id):
        x = wte[token_id]
        h = [max(0.0, v) for v in linear(x, fc1)]
        return linear(h, fc2)

    def forward(tokens, n):
        losses = []
        for pos in range(n):
            probs = softmax(mlp(tokens[pos]))
            losses.append(-math.log(probs[tokens[pos + 1]]))
        # (1/n) * sum, not sum / n: this reproduces the guide's loss
        # 3.297830136557929 to the last bit (sum / n is one ulp off)
        return (1 / n) * sum(losses)

    def numerical_gradient(tokens, n):
        loss = forward(tokens, n)
        grad = []
        for row, j in param_refs:
            old = row[j]
            row[j] = old + EPS
            loss_plus = forward(tokens, n)
            row[j] = old
            grad.append((loss_plus - loss) / EPS)
        return loss, grad

    def analytic_gradient(tokens, n):
        g_wte = [[0.0] * N_EMBD for _ in range(vocab_size)]
        g_fc1 = [[0.0] * N_EMBD for _ in range(N_HIDDEN)]
        g_fc2 = [[0.0] * N_HIDDEN for _ in range(vocab_size)]
        losses = []
        for pos in range(n):
            tok, target = tokens[pos], tokens[pos + 1]
            x = wte[tok]
            h_pre = linear(x, fc1)
            h = [max(0.0, v) for v in h_pre]
            logits = linear(h, fc2)
            probs = softmax(logits)
            losses.append(-math.log(probs[target]))
            dlogits = [p / n for p in probs]
            dlogits[target] -= 1.0 / n
            dh = [0.0] * N_HIDDEN
            for i in range(vocab_size):
                gi = g_fc2[i]
                wi = fc2[i]
                d = dlogits[i]
                for j in range(N_HIDDEN):
                    gi[j] += d * h[j]
                    dh[j] += wi[j] * d
            dh_pre = [dh[i] if h_pre[i] > 0 else 0.0 for i in range(N_HIDDEN)]
            dx = [0.0] * N_EMBD
            for i in range(N_HIDDEN):
                gi = g_fc1[i]
                wi = fc1[i]
                d = dh_pre[i]
                for j in range(N_EMBD):
                    gi[j] += d * x[j]
                    dx[j] += wi[j] * d
            gt = g_wte[tok]
            for j in range(N_EMBD):
                gt[j] += dx[j]
        loss = (1 / n) * sum(losses)
        grad = [v for mat in (g_wte, g_fc1, g_fc2) for row in mat for v in row]
        return loss, grad

    # gradient check on the first shuffled name
    tokens = encode(docs[0])
    n = len(tokens) - 1
    loss_n, grad_n = numerical_gradient(tokens, n)
    loss_a, grad_a = analytic_gradient(tokens, n)
    max_diff = max(abs(a - b) for a, b in zip(grad_n, grad_a))
    print(f"gradient check | loss_n {loss_n:.6f} | loss_a {loss_a:.6f} | max diff {max_diff:.8f}")

    # training: plain SGD with linear learning-rate decay
    num_steps = args.steps
    for s in range(num_steps):
        tokens = encode(docs[s % len(docs)])
        n = len(tokens) - 1
        loss, grad = analytic_gradient(tokens, n)
        lr = args.lr * (1 - s / num_steps)
        for (row, j), g in zip(param_refs, grad):
            row[j] -= lr * g
        if s < 5 or s % args.log_every == 0:
            print(f"step {s + 1:4d} / {num_steps:4d} | loss {loss:.4f}")

    # inference
    print("\n--- inference (new, hallucinated names) ---")
    for i in range(args.samples):
        token_id = BOS
        out = []
        for _ in range(MAX_SAMPLE_LEN):
            logits = mlp(token_id)
            probs = softmax([v / args.temperature for v in logits])
            token_id = random.choices(range(vocab_size), weights=probs)[0]
            if token_id == BOS:
                break
            out.append(uchars[token_id])
        print(f"sample {i + 1:2d}: {''.join(out)}")


if __name__ == "__main__":
    main()
