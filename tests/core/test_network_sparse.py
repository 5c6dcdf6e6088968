"""The pure path's shortcuts for wide, mostly-zero rows give the textbook sums exactly.

``_layer_forward`` multiplies a wide row over its non-zero entries only, and ``_outer_sum``
either adds each sample's non-zero products into the rows (``_scatter_sum``: zero inputs
and zero deltas skipped) or sums each entry over the samples (``_column_sums``: columns
that are zero in every sample skipped); the skipped terms are exact zeros, so every entry
must equal ``b + sum(map(mul, w, x))`` and ``0 + d0 x0 + d1 x1 + ...`` (compared with ==).
"""
from itertools import compress
from operator import mul

from bpcore.network import (Network, _column_sums, _layer_forward, _outer_sum,
                             _scatter_sum)
from bpcore.rng import Random
from bpcore.train import Trainer


def sparse_rows(n, k, density, rng):
    return [[rng.uniform(-1.0, 1.0) if rng.random() < density else 0.0 for _ in range(k)]
            for _ in range(n)]


def test_layer_forward_equals_the_dense_sums():
    rng = Random(0)
    for k, density in ((40, 0.1), (64, 0.45), (64, 0.9), (100, 0.0), (33, 0.04)):
        X = sparse_rows(9, k, density, rng)
        W = [[rng.uniform(-1, 1) for _ in range(k)] for _ in range(5)]
        b = [rng.uniform(-1, 1) for _ in range(5)]
        dense = [[bi + sum(map(mul, wi, x)) for wi, bi in zip(W, b)] for x in X]
        assert _layer_forward(W, b, X) == dense


def test_outer_sum_equals_the_column_sums():
    rng = Random(1)
    # dense sums, all-zero input, few used columns (row by row, with and without scatter)
    # (dense deltas and inputs take the column sums, sparse ones the scatter)
    for n, k, density, live in ((7, 50, 0.2, 0.5), (3, 80, 0.0, 0.5), (5, 40, 1.0, 0.5),
                                (32, 100, 0.1, 0.5), (4, 60, 0.1, 1.0), (6, 200, 0.05, 0.5),
                                (3, 30, 0.02, 0.5), (9, 12, 1.0, 1.0), (8, 30, 0.9, 0.9),
                                (5, 20, 0.5, 0.0)):
        X = sparse_rows(n, k, density, rng)
        D = sparse_rows(n, 6, live, rng)                 # zero deltas: relu neurons off
        expected = [[sum(map(mul, drow, pcol)) for pcol in zip(*X)] for drow in zip(*D)]
        nonzero = [list(compress(range(k), x)) for x in X]
        used = sorted(set(c for nz in nonzero for c in nz))
        for got in (_outer_sum(D, X), _scatter_sum(D, X, nonzero, k),
                    _column_sums(D, X, used, k)):
            assert got == expected
            assert all(len(row) == k for row in got)
            assert all(isinstance(v, float) for row in got for v in row)


def test_wide_sparse_training_pure_equals_compiled():
    rng = Random(2)
    X = sparse_rows(20, 48, 0.15, rng)
    Y = [[1.0 if c == i % 3 else 0.0 for c in range(3)] for i in range(20)]
    nets = []
    for backend in ('pure', 'compiled'):
        net = Network([48, 6, 3], ['relu', 'softmax'], init='he', seed=5)
        Trainer(net, X, Y, loss='cce', lr=0.2, batch_size=7, backend=backend).run(4)
        nets.append(net)
    assert nets[0].training['backend'] == 'pure' and nets[1].training['backend'] == 'compiled'
    assert nets[0].weights == nets[1].weights and nets[0].biases == nets[1].biases
