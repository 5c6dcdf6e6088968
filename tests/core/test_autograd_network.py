"""Cross-check: a Network sample expanded into Values has the matrix backward's dW/db (2.7, 3.x)."""
from __future__ import absolute_import, division, print_function

import pytest

from bpcore.autograd_graph import expand_network, layout, to_dot
from bpcore.errors import BPError
from bpcore.network import Network
from bpcore.rng import Random

CASES = [
    # (sizes, activations, loss)
    ([3, 4, 2], ['sigmoid', 'sigmoid'], 'mse'),
    ([3, 5, 2], ['tanh', 'linear'], 'mse'),
    ([2, 4, 3, 1], ['relu', 'leaky_relu', 'tanh'], 'mse'),
    ([4, 3, 3], ['leaky_relu', 'softmax'], 'mse'),
    ([3, 4, 2], ['tanh', 'sigmoid'], 'bce'),
    ([4, 6, 3], ['relu', 'softmax'], 'cce'),
    ([5, 3], ['linear'], 'mse'),
    ([3, 4, 3], ['sigmoid', 'softmax'], 'cce'),
]


def close(a, b, tol=1e-10):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def sample(r, k, j, loss):
    x = [r.uniform(-2, 2) for _ in range(k)]
    if loss == 'cce':
        c = r.randint(0, j - 1)
        y = [1.0 if i == c else 0.0 for i in range(j)]
    elif loss == 'bce':
        y = [float(r.randint(0, 1)) for _ in range(j)]
    else:
        y = [r.uniform(-1, 1) for _ in range(j)]
    return x, y


@pytest.mark.parametrize('sizes,acts,loss', CASES)
def test_value_grads_equal_matrix_backward(sizes, acts, loss):
    r = Random(len(sizes) * 100 + len(loss))
    for seed in range(3):
        net = Network(sizes, activations=acts, init='xavier', seed=seed)
        x, y = sample(r, sizes[0], sizes[-1], loss)
        trace = net.forward([x])
        grads = net.backward(trace, [y], loss)
        ex = expand_network(net, x, y, loss)
        dW, db = ex.backward()
        assert close(ex.loss.data, grads.loss)
        for l in range(net.n_layers):
            for i in range(len(net.weights[l])):
                assert close(ex.Z[l][i].data, trace.Z[l][0][i])
                assert close(ex.A[l][i].data, trace.A[l][0][i])
                assert close(db[l][i], grads.db[l][i]), (l, i)
                for k in range(len(net.weights[l][i])):
                    assert close(dW[l][i][k], grads.dW[l][i][k]), (l, i, k)
        # the expansion never changes the network
        assert net.weights == Network(sizes, activations=acts, init='xavier',
                                      seed=seed).weights


def test_expansion_labels_and_structure():
    net = Network([2, 3, 1], activations=['tanh', 'sigmoid'], seed=1)
    ex = expand_network(net, [0.5, -1.0], [1.0], 'bce')
    assert [v.label for v in ex.inputs] == ['x[0]', 'x[1]']
    assert ex.weights[0][2][1].label == 'W0[2,1]'
    assert ex.biases[1][0].label == 'b1[0]'
    assert ex.Z[0][1].label == 'z0[1]' and ex.A[0][1].label == 'a0[1]'
    assert ex.loss.label == 'loss'
    assert len(ex.parameters()) == net.n_params
    ex.backward()
    ex.backward()                     # repeatable: gradients are reset first
    grads = net.backward(net.forward([[0.5, -1.0]]), [[1.0]], 'bce')
    assert close(ex.weights[0][0][0].grad, grads.dW[0][0][0])
    g = layout(ex.loss)
    assert len(g['nodes']) > 20
    assert 'W0[0,0]' in to_dot(ex.loss)


def test_expansion_without_target_and_errors():
    net = Network([2, 2], activations='linear', seed=0)
    ex = expand_network(net, [1.0, 2.0])
    assert ex.loss is None and len(ex.output) == 2
    assert ex.output[0] is ex.Z[0][0]        # linear: a is z
    assert close(ex.output[0].data, net.forward([[1.0, 2.0]]).output[0][0])
    with pytest.raises(BPError):
        ex.backward()
    with pytest.raises(BPError):
        expand_network(net, [1.0])
    with pytest.raises(BPError):
        expand_network(net, [1.0, 2.0], [1.0])
    with pytest.raises(BPError):
        expand_network(net, [1.0, 2.0], [1.0, 0.0], 'bce')
    with pytest.raises(BPError):
        expand_network(net, [1.0, 2.0], [1.0, 0.0], 'cce')
    with pytest.raises(BPError):
        expand_network(net, [1.0, 2.0], [1.0, 0.0], 'hinge')
