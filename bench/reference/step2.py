"""Step 2 reference: the Step 1 model trained through a scalar autograd `Value`.

An independent CPython reference program written from the guide's facts (../shared/GUIDE.md)
(Step 2 "Autograd"). It exists to measure plain-Python speed against the
kata's Deno trainer and to produce golden outputs for other seeds and step
counts. It is NOT part of the kata's lessons or solutions.

Same data, tokenizer, parameters, learning rate schedule and sampling as
step1.py, but every parameter is a `Value` (data, grad, children, local
gradients); the forward pass builds a graph, `backward()` walks it in reverse
topological order applying `child.grad += local * v.grad`, then plain SGD
updates the data and the gradients are zeroed. There is no gradient check.
The printed step lines and samples are identical to step1.py's.

Plain Python, no numpy. Expect minutes, not seconds (it builds ~40k graph
nodes per training step). Run from the repository root:

    python3 bench/reference/step2.py
    python3 bench/reference/step2.py --seed 1337 --steps 500 --log-every 100
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


class Value:
    """A scalar that remembers how it was computed, for reverse-mode autodiff."""

    __slots__ = ("data", "grad", "_children", "_local_grads")

    def __init__(self, data, children=(), local_grads=()):
        self.data = data
        self.grad = 0
        self._children = children
        self._local_grads = local_grads

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1, 1))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def __pow__(self, other):  # other: int/float constant
        return Value(self.data ** other, (self,), (other * self.data ** (other - 1),))

    def log(self):
        return Value(math.log(self.data), (self,), (1 / self.data,))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), (e,))

    def relu(self):
        return Value(max(0, self.data), (self,), (float(self.data > 0),))

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return other * self ** -1

    def backward(self):
        # topological order = post-order of a depth-first walk over children
        # (iterative, so deep graphs cannot hit Python's recursion limit)
        topo = []
        visited = set()
        stack = [(self, False)]
        while stack:
            v, expanded = stack.pop()
            if expanded:
                topo.append(v)
                continue
            if v in visited:
                continue
            visited.add(v)
            stack.append((v, True))
            for child in reversed(v._children):
                if child not in visited:
                    stack.append((child, False))
        self.grad = 1
        for v in reversed(topo):
            for child, local in zip(v._children, v._local_grads):
                child.grad += local * v.grad


def parse_args():
    p = argparse.ArgumentParser(description="Step 2 reference (neural bigram MLP with scalar autograd)")
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
    return [[Value(random.gauss(0, INIT_STD)) for _ in range(nin)] for _ in range(nout)]


def linear(x, w):
    return [sum(wi * xi for wi, xi in zip(wo, x)) for wo in w]


def softmax(logits):
    max_val = max(v.data for v in logits)
    exps = [(v - max_val).exp() for v in logits]
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
    params = [p for mat in (wte, fc1, fc2) for row in mat for p in row]
    print(f"num params: {len(params)}")

    def mlp(token_id):
        x = wte[token_id]
        h = [v.relu() for v in linear(x, fc1)]
        return linear(h, fc2)

    num_steps = args.steps
    for s in range(num_steps):
        doc = docs[s % len(docs)]
        tokens = [BOS] + [stoi[ch] for ch in doc] + [BOS]
        n = len(tokens) - 1
        losses = []
        for pos in range(n):
            probs = softmax(mlp(tokens[pos]))
            losses.append(-probs[tokens[pos + 1]].log())
        loss = (1 / n) * sum(losses)

        loss.backward()

        lr = args.lr * (1 - s / num_steps)
        for p in params:
            p.data -= lr * p.grad
            p.grad = 0

        if s < 5 or s % args.log_every == 0:
            print(f"step {s + 1:4d} / {num_steps:4d} | loss {loss.data:.4f}")

    print("\n--- inference (new, hallucinated names) ---")
    for i in range(args.samples):
        token_id = BOS
        out = []
        for _ in range(MAX_SAMPLE_LEN):
            logits = mlp(token_id)
            probs = softmax([v / args.temperature for v in logits])
            token_id = random.choices(range(vocab_size), weights=[p.data for p in probs])[0]
            if token_id == BOS:
                break
            out.append(uchars[token_id])
        print(f"sample {i + 1:2d}: {''.join(out)}")


if __name__ == "__main__":
    main()
