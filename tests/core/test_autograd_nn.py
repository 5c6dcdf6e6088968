"""bpcore.autograd_nn: Neuron, Layer, MLP, moons, the hinge-loss demo (2.7 and 3.x)."""
from __future__ import absolute_import, division, print_function

import pytest

from bpcore.autograd import Value
from bpcore.autograd_nn import (MLP, Layer, Neuron, hinge_loss, make_moons, sgd_step,
                                train_demo)
from bpcore.errors import BPError


def test_mlp_shapes_and_parameters():
    model = MLP(2, [16, 16, 1], seed=3)
    params = model.parameters()
    assert len(params) == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1 == 337
    assert all(-1.0 <= p.data < 1.0 for p in params)
    # biases start at 0; per neuron: weights then bias (micrograd's order)
    n0 = model.layers[0].neurons[0]
    assert n0.parameters()[-1] is n0.b and n0.b.data == 0.0
    out = model([0.5, -0.2])
    assert isinstance(out, Value)
    hidden = model.layers[0]([0.5, -0.2])
    assert isinstance(hidden, list) and len(hidden) == 16
    assert repr(model).startswith('MLP of [Layer of [ReluNeuron(2)')
    assert 'LinearNeuron(16)' in repr(model)


def test_same_seed_same_model_and_parameter_copy():
    a = MLP(3, [4, 2], seed=7)
    b = MLP(3, [4, 2], seed=7)
    c = MLP(3, [4, 2], seed=8)
    assert a.get_parameters() == b.get_parameters()
    assert a.get_parameters() != c.get_parameters()
    c.set_parameters(a.get_parameters())
    assert c.get_parameters() == a.get_parameters()
    with pytest.raises(BPError):
        c.set_parameters([1.0, 2.0])


def test_fused_equals_unfused():
    fused = MLP(3, [5, 4, 1], activation='tanh', seed=1, fused=True)
    plain = MLP(3, [5, 4, 1], activation='tanh', seed=1, fused=False)
    x = [0.3, -1.2, 0.8]
    xv1 = [Value(v) for v in x]
    xv2 = [Value(v) for v in x]
    o1 = fused(xv1)
    o2 = plain(xv2)
    assert o1.data == o2.data
    o1.backward()
    o2.backward()
    for p, q in zip(fused.parameters(), plain.parameters()):
        assert abs(p.grad - q.grad) <= 1e-12
    for p, q in zip(xv1, xv2):
        assert abs(p.grad - q.grad) <= 1e-12


def test_neuron_activations():
    for act in ('relu', 'tanh', 'sigmoid', 'leaky_relu', 'linear'):
        n = Neuron(2, activation=act)
        out = n([1.0, -1.0])
        out.backward()
        assert len(n.parameters()) == 3
    assert Neuron(2, nonlin=False, activation='tanh').activation == 'linear'
    with pytest.raises(BPError):
        Neuron(2, activation='swish')
    assert len(Layer(3, 2).parameters()) == 8


def test_zero_grad():
    model = MLP(2, [3, 1])
    model([1.0, 2.0]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_make_moons():
    X, y = make_moons(100, noise=0.1, seed=1)
    X2, y2 = make_moons(100, noise=0.1, seed=1)
    assert X == X2 and y == y2
    assert len(X) == 100 and all(len(p) == 2 for p in X)
    assert sorted(set(y)) == [0, 1] and sum(y) == 50
    X0, y0 = make_moons(7, noise=0.0, seed=0)
    assert sum(y0) == 4                      # the odd point goes to the second moon
    for p, t in zip(X0, y0):
        if t == 0:
            assert abs(p[0] ** 2 + p[1] ** 2 - 1.0) < 1e-12
        else:
            assert abs((p[0] - 1) ** 2 + (p[1] - 0.5) ** 2 - 1.0) < 1e-12
    assert make_moons(10, 0.1, seed=2)[0] != X0
    with pytest.raises(BPError):
        make_moons(1)


def test_hinge_demo_learns():
    X, y01 = make_moons(40, noise=0.1, seed=0)
    y = [2 * t - 1 for t in y01]
    model = MLP(2, [8, 8, 1], seed=0)
    total, acc = hinge_loss(model, X, y)
    assert 0.0 <= acc <= 1.0 and total.data > 0
    with pytest.raises(BPError):
        hinge_loss(model, X, y01)             # 0/1 labels are refused, with a hint
    with pytest.raises(BPError):
        hinge_loss(model, X, y[:-1])
    history = train_demo(model, X, y, steps=30)
    assert len(history) == 30
    assert history[-1][0] < history[0][0] * 0.7
    assert history[-1][1] >= 0.8
    stops = []
    h2 = train_demo(MLP(2, [4, 1]), X, y, steps=10,
                    callback=lambda k, loss, acc: stops.append(k) or k == 2)
    assert len(h2) == 3 and stops == [0, 1, 2]


def test_sgd_step():
    model = MLP(1, [1])
    p = model.parameters()
    for q in p:
        q.grad = 1.0
    before = model.get_parameters()
    sgd_step(model, 0.5)
    assert model.get_parameters() == [v - 0.5 for v in before]
