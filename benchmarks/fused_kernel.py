"""The pure-Python ceiling: one-hidden-layer per-sample SGD written as one fused function.

Sigmoid layers, squared error, plain SGD; no objects, no dispatch, no checks, weights updated
in place with C-level ``sum(map(mul, ...))`` dot products. It is not part of bpcore (it does
one architecture and nothing else); ``bench_train.py`` times it to show how fast pure Python
can do the tutorial's algorithm at all, next to the neuron-dict baseline and bpcore.
"""
from __future__ import absolute_import, division, print_function

from math import exp
from operator import mul


def train(W1, b1, W2, b2, X, Y, lr, orders):
    """Per-sample SGD in place; ``orders[e]`` is the sample order of epoch ``e``."""
    for order in orders:
        for i in order:
            x, y = X[i], Y[i]
            h = [1.0 / (1.0 + exp(-(b + sum(map(mul, w, x))))) for w, b in zip(W1, b1)]
            o = [1.0 / (1.0 + exp(-(b + sum(map(mul, w, h))))) for w, b in zip(W2, b2)]
            d2 = [(a - t) * a * (1.0 - a) for a, t in zip(o, y)]
            d1 = [sum(map(mul, col, d2)) * a * (1.0 - a) for col, a in zip(zip(*W2), h)]
            for w, d in zip(W2, d2):
                s = lr * d
                w[:] = [v - s * hi for v, hi in zip(w, h)]
            b2[:] = [b - lr * d for b, d in zip(b2, d2)]
            for w, d in zip(W1, d1):
                s = lr * d
                w[:] = [v - s * xi for v, xi in zip(w, x)]
            b1[:] = [b - lr * d for b, d in zip(b1, d1)]
