"""Step 5 reference: the complete microGPT (Step 4's transformer trained with Adam).

An independent CPython reference program written from the guide's facts (../shared/GUIDE.md)
("Steps 3, 4 and 5, exactly" and "Python's random"). It exists to measure
plain-Python speed against the kata's Deno trainer and to produce golden
outputs for other seeds and step counts. It is NOT part of the kata's lessons
or solutions.

The model and its parameters are Step 4's (step4.py): token and position
embeddings, RMSNorm, one layer of 4-head causal attention with a KV cache and
an MLP, both with residuals, and an `lm_head`; 4,192 parameters for 27 tokens.
Only the update changes: Adam (lr 0.01 with linear decay, beta1 0.85,
beta2 0.99, eps 1e-8; its buffers are plain floats, not Values). Every
parameter and every intermediate number is a scalar autograd `Value`, with the
guide's forms: division is multiplication by a power -1, subtraction adds the
negation, negation multiplies by -1, sums start from 0, the mean is
(1/n) * sum.

Randomness order: seed -> load + shuffle names -> draw the weights (wte, wpe,
lm_head, then per layer attn_wq, attn_wk, attn_wv, attn_wo, mlp_fc1, mlp_fc2)
-> (training draws nothing) -> one weighted choice per sampled character.

Output: "num docs", "vocab size", "num params", a step line at every step
(--log-every defaults to 1), then the inference header and the samples, in
step1.py's formats. Plain Python, no numpy. Expect minutes (about 3 to 8 on
a shared machine for the 1000 default steps). Run from the repository root:

    python3 bench/reference/step5.py
    python3 bench/reference/step5.py --seed 1337 --steps 50 --log-every 10

With the defaults (seed 42, names.txt, 1000 steps) it prints the guide's
Step 5 figures: losses 3.3660, 3.4243 at steps 1 and 2, 2.6497 at step 1000,
and the samples kamon, ann, karai, jaire, vialan, karia, yeran, anna, areli,
kaina, ...
"""

import argparse
import math
import os
import random

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(REPO_ROOT, "..", "shared", "data", "names.txt")

N_EMBD = 16
N_HEAD = 4
N_LAYER = 1
BLOCK_SIZE = 16
HEAD_DIM = N_EMBD // N_HEAD
INIT_STD = 0.08
RMS_EPS = 1e-5
BETA1 = 0.85
BETA2 = 0.99
EPS_ADAM = 1e-8


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
        # (iterative, so deep graphs cannot hit Python's recursion limit; the
        # order is the one a recursive walk gives)
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
    p = argparse.ArgumentParser(description="Step 5 reference (microGPT: transformer trained with Adam)")
    p.add_argument("--data", default=DEFAULT_DATA, help="names file (default: ../shared/data/names.txt from the repo root)")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--temperature", type=float, default=0.5)
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--log-every", type=int, default=1,
                   help="print a step line when s < 5 or s %% K == 0 (default 1: every step, as the guide's Step 5 does)")
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


def rmsnorm(x):
    ms = sum(xi * xi for xi in x) / len(x)
    scale = (ms + RMS_EPS) ** -0.5
    return [xi * scale for xi in x]


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

    # drawn in this order; lm_head is third (Step 3 draws it last)
    state_dict = {
        "wte": matrix(vocab_size, N_EMBD),
        "wpe": matrix(BLOCK_SIZE, N_EMBD),
        "lm_head": matrix(vocab_size, N_EMBD),
    }
    for i in range(N_LAYER):
        state_dict[f"layer{i}.attn_wq"] = matrix(N_EMBD, N_EMBD)
        state_dict[f"layer{i}.attn_wk"] = matrix(N_EMBD, N_EMBD)
        state_dict[f"layer{i}.attn_wv"] = matrix(N_EMBD, N_EMBD)
        state_dict[f"layer{i}.attn_wo"] = matrix(N_EMBD, N_EMBD)
        state_dict[f"layer{i}.mlp_fc1"] = matrix(4 * N_EMBD, N_EMBD)
        state_dict[f"layer{i}.mlp_fc2"] = matrix(N_EMBD, 4 * N_EMBD)
    params = [p for mat in state_dict.values() for row in mat for p in row]
    print(f"num params: {len(params)}")

    def gpt(token_id, pos_id, keys, values):
        tok_emb = state_dict["wte"][token_id]
        pos_emb = state_dict["wpe"][pos_id]
        x = [t + p for t, p in zip(tok_emb, pos_emb)]
        x = rmsnorm(x)
        for li in range(N_LAYER):
            # 1) multi-head attention
            x_residual = x
            x = rmsnorm(x)
            q = linear(x, state_dict[f"layer{li}.attn_wq"])
            k = linear(x, state_dict[f"layer{li}.attn_wk"])
            v = linear(x, state_dict[f"layer{li}.attn_wv"])
            keys[li].append(k)
            values[li].append(v)
            x_attn = []
            for h in range(N_HEAD):
                hs = h * HEAD_DIM
                q_h = q[hs:hs + HEAD_DIM]
                k_h = [ki[hs:hs + HEAD_DIM] for ki in keys[li]]
                v_h = [vi[hs:hs + HEAD_DIM] for vi in values[li]]
                attn_logits = [sum(q_h[j] * k_h[t][j] for j in range(HEAD_DIM)) / HEAD_DIM ** 0.5
                               for t in range(len(k_h))]
                attn_weights = softmax(attn_logits)
                head_out = [sum(attn_weights[t] * v_h[t][j] for t in range(len(v_h)))
                            for j in range(HEAD_DIM)]
                x_attn.extend(head_out)
            x = linear(x_attn, state_dict[f"layer{li}.attn_wo"])
            x = [a + b for a, b in zip(x, x_residual)]
            # 2) MLP
            x_residual = x
            x = rmsnorm(x)
            x = linear(x, state_dict[f"layer{li}.mlp_fc1"])
            x = [xi.relu() for xi in x]
            x = linear(x, state_dict[f"layer{li}.mlp_fc2"])
            x = [a + b for a, b in zip(x, x_residual)]
        return linear(x, state_dict["lm_head"])

    # Adam buffers: plain floats, one per parameter
    m = [0.0] * len(params)
    v = [0.0] * len(params)

    num_steps = args.steps
    for s in range(num_steps):
        doc = docs[s % len(docs)]
        tokens = [BOS] + [stoi[ch] for ch in doc] + [BOS]
        n = min(BLOCK_SIZE, len(tokens) - 1)
        keys, values = [[] for _ in range(N_LAYER)], [[] for _ in range(N_LAYER)]
        losses = []
        for pos_id in range(n):
            token_id, target_id = tokens[pos_id], tokens[pos_id + 1]
            logits = gpt(token_id, pos_id, keys, values)
            probs = softmax(logits)
            losses.append(-probs[target_id].log())
        loss = (1 / n) * sum(losses)

        loss.backward()

        lr_t = args.lr * (1 - s / num_steps)
        for i, p in enumerate(params):
            m[i] = BETA1 * m[i] + (1 - BETA1) * p.grad
            v[i] = BETA2 * v[i] + (1 - BETA2) * p.grad ** 2
            m_hat = m[i] / (1 - BETA1 ** (s + 1))
            v_hat = v[i] / (1 - BETA2 ** (s + 1))
            p.data -= lr_t * m_hat / (v_hat ** 0.5 + EPS_ADAM)
            p.grad = 0

        if s < 5 or s % args.log_every == 0:
            print(f"step {s + 1:4d} / {num_steps:4d} | loss {loss.data:.4f}")

    print("\n--- inference (new, hallucinated names) ---")
    for i in range(args.samples):
        keys, values = [[] for _ in range(N_LAYER)], [[] for _ in range(N_LAYER)]
        token_id = BOS
        out = []
        for pos_id in range(BLOCK_SIZE):
            logits = gpt(token_id, pos_id, keys, values)
            probs = softmax([lg / args.temperature for lg in logits])
            token_id = random.choices(range(vocab_size), weights=[p.data for p in probs])[0]
            if token_id == BOS:
                break
            out.append(uchars[token_id])
        print(f"sample {i + 1:2d}: {''.join(out)}")


if __name__ == "__main__":
    main()
