"""bpcore.autograd: Value ops, backward, repeated use, deep chains (stdlib + pytest, 2.7 + 3)."""
from __future__ import absolute_import, division, print_function

import math
import sys

import pytest

from bpcore.autograd import Value, parameters_of, topological_order, zero_grad
from bpcore.errors import BPError


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def numeric_grad(f, xs, i, h=1e-6):
    up = list(xs)
    dn = list(xs)
    up[i] += h
    dn[i] -= h
    return (f(*up) - f(*dn)) / (2 * h)


UNARY = [
    ('exp', lambda v: v.exp(), math.exp, [-2.0, 0.3, 1.7]),
    ('log', lambda v: v.log(), math.log, [0.2, 1.0, 3.5]),
    ('tanh', lambda v: v.tanh(), math.tanh, [-1.2, 0.0, 0.8]),
    ('sigmoid', lambda v: v.sigmoid(), lambda x: 1 / (1 + math.exp(-x)), [-30.0, -0.4, 0.0, 2.5]),
    ('relu', lambda v: v.relu(), lambda x: max(0.0, x), [-1.5, 0.7]),
    ('leaky_relu', lambda v: v.leaky_relu(), lambda x: x if x > 0 else 0.01 * x, [-1.5, 0.7]),
    ('softplus', lambda v: v.softplus(), lambda x: math.log(1 + math.exp(x)), [-3.0, 0.0, 4.0]),
    ('neg', lambda v: -v, lambda x: -x, [1.5]),
    ('pow2', lambda v: v ** 2, lambda x: x ** 2, [-1.5, 2.0]),
    ('pow3', lambda v: v ** 3, lambda x: x ** 3, [-1.5, 2.0]),
    ('pow-1', lambda v: v ** -1, lambda x: x ** -1, [-1.5, 2.0]),
    ('pow.5', lambda v: v ** 0.5, lambda x: x ** 0.5, [0.3, 2.0]),
    ('pow0', lambda v: v ** 0, lambda x: 1.0, [0.3, -2.0]),
]


@pytest.mark.parametrize('name,op,ref,points', UNARY, ids=[u[0] for u in UNARY])
def test_unary_value_and_grad(name, op, ref, points):
    for x in points:
        a = Value(x, 'a')
        out = op(a)
        out.backward()
        assert close(out.data, ref(x))
        assert close(a.grad, numeric_grad(ref, [x], 0), 1e-6), (name, x)
        assert out.op != ''


BINARY = [
    ('+', lambda a, b: a + b),
    ('-', lambda a, b: a - b),
    ('*', lambda a, b: a * b),
    ('/', lambda a, b: a / b),
]


@pytest.mark.parametrize('name,f', BINARY, ids=[b[0] for b in BINARY])
def test_binary_value_and_grads_and_reflected(name, f):
    for x, y in [(1.5, -2.0), (-0.3, 0.7), (4.0, 4.0)]:
        a, b = Value(x, 'a'), Value(y, 'b')
        out = f(a, b)
        out.backward()
        assert close(out.data, f(x, y))
        assert close(a.grad, numeric_grad(f, [x, y], 0), 1e-6)
        assert close(b.grad, numeric_grad(f, [x, y], 1), 1e-6)
        # reflected with a plain number on either side
        a = Value(x)
        left = f(y, a)
        left.backward()
        assert close(left.data, f(y, x))
        assert close(a.grad, numeric_grad(lambda t: f(y, t), [x], 0), 1e-6)
        a = Value(x)
        right = f(a, y)
        right.backward()
        assert close(right.data, f(x, y))
        assert close(a.grad, numeric_grad(lambda t: f(t, y), [x], 0), 1e-6)


def test_classic_neuron():
    x1, x2 = Value(2.0, 'x1'), Value(0.0, 'x2')
    w1, w2 = Value(-3.0, 'w1'), Value(1.0, 'w2')
    b = Value(6.8813735870195432, 'b')
    n = x1 * w1 + x2 * w2 + b
    o = n.tanh()
    o.backward()
    assert round(o.data, 4) == 0.7071
    assert close(o.data, math.sqrt(0.5))
    assert close(x1.grad, -1.5)
    assert close(w1.grad, 1.0)
    assert close(x2.grad, 0.5)
    assert close(w2.grad, 0.0)
    assert close(b.grad, 0.5)
    assert close(n.grad, 0.5)
    # the same neuron written with exp, as in the lecture
    for v in (x1, x2, w1, w2, b):
        v.grad = 0.0
    n = x1 * w1 + x2 * w2 + b
    e = (2 * n).exp()
    o2 = (e - 1) / (e + 1)
    o2.backward()
    assert close(o2.data, o.data)
    assert close(x1.grad, -1.5) and close(w1.grad, 1.0)


def test_repeated_use():
    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0
    a = Value(3.0)
    (a + a).backward()
    assert a.grad == 2.0
    a = Value(-4.0)
    (a * a * a).backward()
    assert a.grad == 48.0
    # shared sub-expression: d = a*b used three times
    a, b = Value(2.0), Value(-3.0)
    d = a * b
    out = d * d + d.tanh() + d
    out.backward()
    dd = 2 * d.data + (1 - math.tanh(d.data) ** 2) + 1
    assert close(d.grad, dd)
    assert close(a.grad, dd * b.data)
    assert close(b.grad, dd * a.data)


def test_micrograd_readme_example():
    # micrograd's README example and its printed numbers
    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b ** 3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e ** 2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    assert '%.4f' % g.data == '24.7041'
    assert '%.4f' % a.grad == '138.8338'
    assert '%.4f' % b.grad == '645.5773'


def test_long_chain_is_iterative():
    limit = sys.getrecursionlimit()
    x = Value(0.5, 'x')
    y = x
    for _ in range(100000):
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad == 1.0
    assert sys.getrecursionlimit() == limit
    order = topological_order(y)
    assert order[0] is x and order[-1] is y
    # a long chain of tanh: gradient is the product of local derivatives
    x = Value(0.1)
    y = x
    for _ in range(100000):
        y = y.tanh()
    y.backward()
    assert 0.0 < x.grad < 1.0


def test_backward_twice_accumulates_leaves_only():
    a, b = Value(2.0), Value(5.0)
    c = a * b
    out = c + a
    out.backward()
    assert (a.grad, b.grad, c.grad) == (6.0, 2.0, 1.0)
    out.backward()
    assert (a.grad, b.grad) == (12.0, 4.0)
    assert c.grad == 1.0          # inner node recomputed, not doubled
    zero_grad(out)
    assert a.grad == b.grad == c.grad == out.grad == 0.0
    out.backward()
    zero_grad([a, b])
    assert a.grad == b.grad == 0.0 and c.grad == 1.0


def test_backward_seed():
    a = Value(3.0)
    (a * a).backward(0.5)
    assert a.grad == 3.0


def test_sum_builtin_and_static():
    vs = [Value(float(i)) for i in range(5)]
    s = sum(vs)
    s.backward()
    assert s.data == 10.0 and all(v.grad == 1.0 for v in vs)
    zero_grad(vs)
    s2 = Value.sum(vs + [vs[0], 2.5], start=1.0)
    s2.backward()
    assert s2.data == 13.5
    assert vs[0].grad == 2.0 and vs[1].grad == 1.0
    assert len(s2.inputs) == 6
    assert Value.sum([]).data == 0.0


def test_linear_matches_scalar_chain():
    ws = [Value(0.3), Value(-1.2), Value(0.7)]
    xs = [Value(1.0), 2.0, Value(-0.5)]
    b = Value(0.1)
    out = Value.linear(ws, xs, b).tanh()
    out.backward()
    g1 = [w.grad for w in ws] + [xs[0].grad, xs[2].grad, b.grad]
    ref = b
    for w, x in zip(ws, xs):
        ref = ref + w * x
    for v in ws + [xs[0], xs[2], b]:
        v.grad = 0.0
    ref = ref.tanh()
    ref.backward()
    g2 = [w.grad for w in ws] + [xs[0].grad, xs[2].grad, b.grad]
    assert ref.data == out.data
    for p, q in zip(g1, g2):
        assert close(p, q, 1e-12)
    with pytest.raises(BPError):
        Value.linear(ws, [1.0])
    assert Value.linear(ws, [1.0, 1.0, 1.0]).data == pytest.approx(-0.2)


def test_logsumexp_stable_and_grad():
    zs = [Value(1000.0), Value(1001.0), Value(999.0)]
    out = Value.logsumexp(zs)
    out.backward()
    m = 1001.0
    s = sum(math.exp(z.data - m) for z in zs)
    assert close(out.data, m + math.log(s))
    assert close(sum(z.grad for z in zs), 1.0)
    assert close(zs[1].grad, 1.0 / s)
    with pytest.raises(BPError):
        Value.logsumexp([])


def test_sigmoid_and_softplus_extremes_are_finite():
    for x in (-1000.0, 1000.0):
        v = Value(x)
        s = v.sigmoid()
        p = v.softplus()
        s.backward()
        p.backward()
        assert 0.0 <= s.data <= 1.0
        assert p.data == pytest.approx(max(x, 0.0))


def test_errors_are_bperror():
    with pytest.raises(BPError):
        Value(0.0, 'x').log()
    with pytest.raises(BPError):
        Value(1.0) / Value(0.0, 'den')
    with pytest.raises(BPError):
        1 / Value(0.0)
    with pytest.raises(BPError):
        Value(-2.0) ** 0.5
    with pytest.raises(BPError):
        Value(0.0) ** -1
    with pytest.raises(BPError):
        Value(1000.0).exp()
    with pytest.raises(BPError):
        Value(1e200) ** 2
    with pytest.raises(BPError):
        Value(2.0) ** Value(2.0)
    with pytest.raises(BPError):
        2 ** Value(2.0)
    with pytest.raises(BPError):
        Value('x')
    with pytest.raises(BPError):
        Value(True)
    with pytest.raises(BPError):
        Value(Value(1.0))
    with pytest.raises(ValueError):          # BPError is a ValueError
        Value(-1.0, 'w').log()
    try:
        Value(-1.0, 'w').log()
    except BPError as e:
        assert "'w'" in str(e)


def test_pow_at_zero():
    a = Value(0.0)
    out = a ** 0.5
    out.backward()
    assert out.data == 0.0 and a.grad == float('inf')
    a = Value(0.0)
    (a ** 2).backward()
    assert a.grad == 0.0


def test_labels_repr_and_accessors():
    a = Value(2, label='a')
    assert isinstance(a.data, float) and a.data == 2.0
    b = (a * 3).named('b')
    assert b.label == 'b' and b.op == '*'
    assert b.inputs[0] is a and b.local_grads == (3.0, 2.0)
    assert 'label' in repr(b) and 'data=6.0' in repr(b)
    assert repr(Value(1.0)) == 'Value(data=1.0, grad=0.0)'
    assert (a ** 2).op == '**2'
    assert (a ** 0.5).op == '**0.5'
    assert (+a) is a
    assert [v.label for v in parameters_of(b)] == ['a']


def test_topological_order_inputs_first_each_once():
    a, b = Value(1.0, 'a'), Value(2.0, 'b')
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert len(order) == len(set(id(v) for v in order)) == 5
    pos = dict((id(v), i) for i, v in enumerate(order))
    for v in order:
        for c2 in v.inputs:
            assert pos[id(c2)] < pos[id(v)]
    assert order[-1] is e
