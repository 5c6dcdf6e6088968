"""Arithmetic at the edges of the float range (issue 10), against exact rational arithmetic.

Standard library and pytest only; runs on CPython 2.7 and 3.x.
"""
from __future__ import absolute_import, division, print_function

from fractions import Fraction

import pytest

from bpcore.autograd import Value
from bpcore.data import MinMaxScaler, StandardScaler
from bpcore.errors import BPError
from bpcore.expr import evaluate
from bpcore.network import Network

HUGE = [[-1e308, 1.0, 1e308], [1e308, 2.0, 1.7e308], [0.0, 3.0, -1.7e308], [5e307, 2.5, 0.0]]


def close(a, b, rel=1e-14):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


@pytest.mark.parametrize('a,b', [(1.0, 1e-200), (3e-170, 7e-170), (-2.5, 1e-160), (1e300, 1e-5)])
def test_division_derivative_does_not_underflow(a, b):
    x, y = Value(a, 'a'), Value(b, 'b')
    out = x / y
    out.backward()
    exact_db = -Fraction(a) / (Fraction(b) * Fraction(b))     # d(a/b)/db = -a/b^2
    assert out.data == a / b
    assert x.grad == 1.0 / b
    if abs(exact_db) < Fraction(1.7976931348623157e308):
        assert close(y.grad, float(exact_db))
    else:
        assert y.grad == float('-inf') if exact_db < 0 else float('inf')
    node = evaluate('a / b', {'a': a, 'b': b})                   # the expression language too
    node.backward()
    assert node.data == a / b


def _exact_minmax(col, v, lo=0.0, hi=1.0):
    a, b = Fraction(min(col)), Fraction(max(col))
    return float(Fraction(lo) + (Fraction(v) - a) * (Fraction(hi) - Fraction(lo)) / (b - a))


def test_minmax_scaler_on_the_whole_float_range():
    s = MinMaxScaler().fit(HUGE)
    T = s.transform(HUGE)
    for j in range(3):
        col = [r[j] for r in HUGE]
        for i, row in enumerate(HUGE):
            assert close(T[i][j], _exact_minmax(col, row[j]), 1e-13), (i, j)
    back = s.inverse_transform(T)
    for row, orig in zip(back, HUGE):
        assert all(close(u, v, 1e-13) or abs(u - v) < 1e295 for u, v in zip(row, orig))
    # ordinary columns keep the plain formula, bit for bit
    X = [[1.0, -2.0], [3.0, 5.5], [2.0, 0.25]]
    plain = MinMaxScaler().fit(X)
    assert plain.transform(X) == [[(v - m) * (1.0 / (M - m)) for v, m, M in
                                   zip(row, (1.0, -2.0), (3.0, 5.5))] for row in X]


def _exact_standard(col):
    n = len(col)
    mean = sum(Fraction(v) for v in col) / n
    var = sum((Fraction(v) - mean) ** 2 for v in col) / n
    return mean, var


def test_standard_scaler_on_the_whole_float_range():
    s = StandardScaler().fit(HUGE)
    T = s.transform(HUGE)
    for j in range(3):
        col = [r[j] for r in HUGE]
        mean, var = _exact_standard(col)
        assert close(s.mean_[j], float(mean), 1e-13)
        std = float(var) ** 0.5 if var < Fraction(1e300) else \
            float(var / Fraction(10 ** 600)) ** 0.5 * 1e300
        assert close(s.scale_[j], std, 1e-13)
        for i, row in enumerate(HUGE):
            assert close(T[i][j], float((Fraction(row[j]) - mean) / Fraction(std)), 1e-12)
    assert all(v - v == 0.0 for row in T for v in row)


def test_a_network_with_a_scaler_predicts_on_huge_inputs():
    net = Network([3, 2], ['softmax'], seed=0)
    net.scaler = MinMaxScaler().fit(HUGE)
    out = net.predict(HUGE)
    assert all(abs(sum(r) - 1.0) < 1e-12 for r in out)


def test_predict_refuses_non_finite_outputs():
    net = Network([1, 1], ['linear'], seed=0)
    net.weights = [[[2.0]]]
    net.biases = [[0.0]]
    assert net.predict([[1e307]]) == [[2e307]]
    with pytest.raises(BPError) as info:
        net.predict([[1.0], [1e308]])
    assert str(info.value).startswith('predict: X row 1 gives a non-finite output inf (column 0)')
