"""bpcore.autograd against PyTorch float64 autograd (and micrograd): random expressions.

Hypothesis draws expression trees over every Value op (+ - * / ** neg exp log tanh sigmoid
relu leaky_relu softplus sum linear logsumexp) on four shared variables (so variables are used
several times) plus explicitly shared sub-expressions; values and gradients must agree with
torch within 1e-9 (relative).  Python 3 only.
"""
import math

import pytest

import torch
import hypothesis
from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bpcore.autograd import Value  # noqa: E402
from bpcore.errors import BPError  # noqa: E402

N_VARS = 4
UNARY = ['neg', 'exp', 'log', 'tanh', 'sigmoid', 'relu', 'leaky_relu', 'softplus', 'pow',
         'shared_square', 'shared_add']
BINARY = ['+', '-', '*', '/', 'r+', 'r-', 'r*', 'r/']
NARY = ['sum', 'linear', 'logsumexp']
EXPONENTS = [0, 1, 2, 3, -1, -2, 0.5, 1.5, -0.5, 2.5]

leaf = st.one_of(
    st.tuples(st.just('var'), st.integers(0, N_VARS - 1)),
    st.tuples(st.just('const'), st.floats(-3, 3, allow_nan=False).map(lambda v: round(v, 3))))


def extend(children):
    return st.one_of(
        st.tuples(st.sampled_from(UNARY), children, st.sampled_from(EXPONENTS)),
        st.tuples(st.sampled_from(BINARY), children, children),
        st.tuples(st.sampled_from(NARY), st.lists(children, min_size=1, max_size=4)),
    )


trees = st.recursive(leaf, extend, max_leaves=25)


class Domain(Exception):
    pass


def build_bp(t, xs):
    kind = t[0]
    if kind == 'var':
        return xs[t[1]]
    if kind == 'const':
        return Value(t[1])
    if kind in UNARY:
        a = build_bp(t[1], xs)
        if kind == 'neg':
            return -a
        if kind == 'pow':
            return a ** t[2]
        if kind == 'shared_square':
            return a * a
        if kind == 'shared_add':
            return a + a
        return getattr(a, kind)()
    if kind in BINARY:
        a, b = build_bp(t[1], xs), build_bp(t[2], xs)
        if kind.startswith('r'):          # reflected: a plain number on the left
            c = 1.7
            return {'r+': c + b, 'r-': c - b, 'r*': c * b, 'r/': (c / b)}[kind] + a
        return {'+': lambda: a + b, '-': lambda: a - b, '*': lambda: a * b,
                '/': lambda: a / b}[kind]()
    parts = [build_bp(c, xs) for c in t[1]]
    if kind == 'sum':
        return Value.sum(parts)
    if kind == 'linear':
        ws = parts
        inputs = [0.5 * (i + 1) if i % 2 else parts[-1 - i] for i in range(len(ws))]
        return Value.linear(ws, inputs, parts[0])
    return Value.logsumexp(parts)


def build_torch(t, xs):
    F = torch.nn.functional
    kind = t[0]
    if kind == 'var':
        return xs[t[1]]
    if kind == 'const':
        return torch.tensor(t[1], dtype=torch.float64)
    if kind in UNARY:
        a = build_torch(t[1], xs)
        if kind == 'neg':
            return -a
        if kind == 'pow':
            return a ** t[2]
        if kind == 'shared_square':
            return a * a
        if kind == 'shared_add':
            return a + a
        return {'exp': torch.exp, 'log': torch.log, 'tanh': torch.tanh,
                'sigmoid': torch.sigmoid, 'relu': torch.relu,
                'leaky_relu': lambda v: F.leaky_relu(v, 0.01), 'softplus': F.softplus}[kind](a)
    if kind in BINARY:
        a, b = build_torch(t[1], xs), build_torch(t[2], xs)
        if kind.startswith('r'):
            c = 1.7
            return {'r+': c + b, 'r-': c - b, 'r*': c * b, 'r/': (c / b)}[kind] + a
        return {'+': a + b, '-': a - b, '*': a * b, '/': a / b}[kind]
    parts = [build_torch(c, xs) for c in t[1]]
    if kind == 'sum':
        return sum(parts[1:], parts[0])
    if kind == 'linear':
        total = parts[0]
        for i, w in enumerate(parts):
            total = total + w * (0.5 * (i + 1) if i % 2 else parts[-1 - i])
        return total
    return torch.logsumexp(torch.stack(parts), 0)


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def finite(x):
    return not (math.isnan(x) or math.isinf(x))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees, st.lists(st.floats(-2.5, 2.5, allow_nan=False), min_size=N_VARS,
                       max_size=N_VARS))
def test_random_expressions_match_torch_float64(tree, values):
    values = [round(v, 4) for v in values]
    xs = [Value(v, 'x%d' % i) for i, v in enumerate(values)]
    try:
        out = build_bp(tree, xs)
    except (BPError, OverflowError):
        assume(False)
    assume(finite(out.data) and abs(out.data) < 1e8)
    out.backward()
    grads = [x.grad for x in xs]
    assume(all(finite(g) and abs(g) < 1e8 for g in grads))

    txs = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in values]
    tout = build_torch(tree, txs)
    tout = tout + 0.0 * sum(txs)             # every variable takes part, even if unused
    tout.backward()
    assert close(out.data, tout.item()), (tree, out.data, tout.item())
    for x, tx in zip(xs, txs):
        assert close(x.grad, tx.grad.item()), (tree, x.label, x.grad, tx.grad.item())


def test_hypothesis_strategy_covers_every_op():
    # guard the test above against an op silently dropped from the lists
    for op in ('exp', 'log', 'tanh', 'sigmoid', 'relu', 'leaky_relu', 'softplus'):
        assert hasattr(Value, op) and op in UNARY
    for name in ('sum', 'linear', 'logsumexp'):
        assert hasattr(Value, name)


def test_matches_micrograd_on_its_own_ops():
    import micrograd.engine as mg
    import random
    r = random.Random(5)
    for _ in range(200):
        vals = [r.uniform(-2, 2) for _ in range(3)]
        ours = [Value(v) for v in vals]
        theirs = [mg.Value(v) for v in vals]

        def f(a, b, c, lib_value):
            d = a * b + c ** 2 - (a / 3.0)
            e = (d * a).relu() + 2 * b - c
            g = e * e + (1.5 - d) * b
            return g + (a + b + c) ** 3 / (c * c + 1.0)

        o1 = f(ours[0], ours[1], ours[2], Value)
        o2 = f(theirs[0], theirs[1], theirs[2], mg.Value)
        o1.backward()
        o2.backward()
        assert close(o1.data, o2.data)
        for p, q in zip(ours, theirs):
            assert close(p.grad, q.grad)
