"""Network, backprop and gradient check (stdlib + pytest only: runs on 2.7 and 3.x)."""
import itertools

import pytest

from bpcore.errors import BPError
from bpcore.gradcheck import gradient_check
from bpcore.network import Network
from bpcore.rng import Random

HIDDEN = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear']
OUTPUT_LOSS = [('linear', 'mse'), ('sigmoid', 'mse'), ('tanh', 'mse'),
               ('sigmoid', 'bce'), ('softmax', 'cce')]


def make_data(n, k, out, loss, seed):
    r = Random(seed)
    X = [[r.uniform(-2, 2) for _ in range(k)] for _ in range(n)]
    if loss == 'cce':
        Y = []
        for _ in range(n):
            c = r.randint(0, out - 1)
            Y.append([1.0 if i == c else 0.0 for i in range(out)])
    elif loss == 'bce':
        Y = [[float(r.randint(0, 1)) for _ in range(out)] for _ in range(n)]
    else:
        Y = [[r.uniform(-1, 1) for _ in range(out)] for _ in range(n)]
    return X, Y


@pytest.mark.parametrize('hidden,out_loss,batch,depth',
                         list(itertools.product(HIDDEN, OUTPUT_LOSS, [1, 7], [1, 2, 3])))
def test_gradient_check(hidden, out_loss, batch, depth):
    out, loss = out_loss
    sizes = [4] + [5, 3, 4][:depth] + [3]
    net = Network(sizes, [hidden] * depth + [out], init='xavier', seed=depth * 10 + batch)
    r = Random(depth)
    # nonzero biases: with all-zero biases a dead relu layer feeds exactly z = 0 to the next,
    # relu's kink, where finite differences see 0.5 and the derivative is 0 (as in torch)
    net.biases = [[r.uniform(-0.5, 0.5) for _ in b] for b in net.biases]
    X, Y = make_data(batch, 4, 3, loss, seed=7 + batch)
    report = gradient_check(net, X, Y, loss)
    assert len(report['max_rel_error']) == depth + 1
    assert report['worst'] < 1e-6


def test_shapes_of_trace_and_gradients():
    net = Network([3, 4, 2], ['tanh', 'sigmoid'], seed=1)
    X, Y = make_data(5, 3, 2, 'mse', 1)
    trace = net.forward(X)
    assert [len(z) for z in trace.Z] == [5, 5]
    assert [len(z[0]) for z in trace.Z] == [4, 2]
    assert trace.output is trace.A[-1]
    grads = net.backward(trace, Y)
    assert [(len(w), len(w[0])) for w in grads.dW] == [(4, 3), (2, 4)]
    assert [len(b) for b in grads.db] == [4, 2]
    assert [len(d) for d in grads.delta] == [5, 5]


def test_forward_matches_hand_computation():
    net = Network([2, 1], 'sigmoid', seed=0)
    net.weights = [[[0.5, -1.0]]]
    net.biases = [[0.25]]
    z = 0.25 + 0.5 * 2.0 - 1.0 * 1.0
    trace = net.forward([[2.0, 1.0]])
    assert trace.Z[0][0][0] == z
    assert abs(trace.A[0][0][0] - 1.0 / (1.0 + 2.718281828459045 ** -z)) < 1e-15


def test_mse_gradient_is_the_tutorials_delta():
    # tutorial: delta = (output - expected) * output * (1 - output) for one sample
    net = Network([2, 2], 'sigmoid', seed=3)
    X, Y = [[0.3, 0.9]], [[1.0, 0.0]]
    trace = net.forward(X)
    grads = net.backward(trace, Y, 'mse')
    for a, y, d in zip(trace.A[0][0], Y[0], grads.delta[0][0]):
        assert abs(d - (a - y) * a * (1 - a)) < 1e-15


def test_golden_weights_for_a_seed():
    net = Network([2, 3, 1], 'tanh', init='xavier', seed=42)
    assert net.weights[0][0] == [0.5292421328173138, -0.7450989975775218]
    assert net.biases[0] == [0.0, 0.0, 0.0]
    uni = Network([2, 2], init='uniform', seed=42)
    assert uni.weights[0][0] == [0.7415648787718233, 0.1599103928769201]
    assert uni.biases[0][0] == 0.27860113025513866


def test_same_seed_same_weights_other_seed_other_weights():
    for init in ('uniform', 'xavier', 'he', 'normal'):
        a = Network([5, 4, 3], 'relu' if init == 'he' else 'tanh', init=init, seed=9)
        b = Network([5, 4, 3], 'relu' if init == 'he' else 'tanh', init=init, seed=9)
        c = Network([5, 4, 3], 'relu' if init == 'he' else 'tanh', init=init, seed=10)
        assert a.weights == b.weights and a.biases == b.biases
        assert a.weights != c.weights


def test_init_scales():
    net = Network([200, 100], 'relu', init='he', seed=1)
    values = [v for row in net.weights[0] for v in row]
    var = sum(v * v for v in values) / len(values)
    assert abs(var - 2.0 / 200) < 0.1 * 2.0 / 200
    net = Network([30, 20], init='xavier', seed=1)
    bound = (6.0 / 50) ** 0.5
    assert max(abs(v) for row in net.weights[0] for v in row) <= bound
    net = Network([10, 10], init='uniform', seed=1)
    assert all(0.0 <= v < 1.0 for row in net.weights[0] for v in row)


@pytest.mark.parametrize('act,loss', [('sigmoid', 'bce'), ('softmax', 'cce'),
                                      ('sigmoid', 'mse'), ('tanh', 'mse')])
@pytest.mark.parametrize('z', [1000.0, -1000.0])
def test_extreme_logits_are_finite(act, loss, z):
    net = Network([1, 2], act, seed=0)
    net.weights = [[[1.0], [-1.0]]]
    for y in ([1.0, 0.0], [0.0, 1.0]):
        grads = net.backward(net.forward([[z]]), [y], loss)
        values = [grads.loss] + grads.dW[0][0] + grads.dW[0][1] + grads.db[0]
        assert all(v == v and abs(v) != float('inf') for v in values)


def test_bce_with_p_equal_zero_or_one_is_large_but_finite():
    net = Network([1, 1], 'sigmoid', seed=0)
    net.weights = [[[1.0]]]
    grads = net.backward(net.forward([[800.0]]), [[0.0]], 'bce')
    assert grads.loss == 800.0
    assert grads.dW[0][0][0] == 800.0


def test_predict_applies_scaler_and_classes():
    from bpcore.data import MinMaxScaler
    net = Network([2, 3], ['softmax'], seed=0)
    raw = [[10.0, 200.0], [20.0, 400.0]]
    net.scaler = MinMaxScaler().fit(raw)
    assert net.predict(raw) == net.forward(net.scaler.transform(raw)).output
    net.class_names = ['a', 'b', 'c']
    labels = net.predict_labels(raw)
    assert all(label in ('a', 'b', 'c') for label in labels)
    one = Network([1, 1], 'sigmoid', seed=0)
    one.weights, one.biases = [[[1.0]]], [[0.0]]
    assert one.predict_classes([[3.0], [-3.0]]) == [1, 0]


def test_copy_is_independent():
    net = Network([2, 2, 1], seed=0)
    twin = net.copy()
    twin.weights[0][0][0] += 1.0
    assert net.weights[0][0][0] != twin.weights[0][0][0]


def test_summary_and_str():
    net = Network([13, 5, 3], ['sigmoid', 'softmax'], seed=0)
    assert net.n_params == 13 * 5 + 5 + 5 * 3 + 3
    text = net.summary()
    assert '13-5-3' in text and '88 parameters' in text and 'W (5, 13)' in text
    assert str(net) == 'bpcore Network(13-5-3, sigmoid/softmax), 88 params'


@pytest.mark.parametrize('call,words', [
    (lambda: Network([3]), 'at least 2'),
    (lambda: Network([3, 0, 1]), 'sizes[1]'),
    (lambda: Network([3, 'a', 1]), 'sizes[1]'),
    (lambda: Network([3, 2, 1], 'swish'), "unknown activation 'swish'"),
    (lambda: Network([3, 2, 1], ['softmax', 'sigmoid']), 'layer 0: softmax'),
    (lambda: Network([3, 2, 1], ['tanh']), 'got 1 activations for 2'),
    (lambda: Network([3, 2], init='zeros'), "unknown init 'zeros'"),
    (lambda: Network([3, 2]).forward([[1.0, 2.0]]), 'X has 2 columns, expected 3'),
    (lambda: Network([3, 2]).forward([[1.0, 2.0, 3.0], [1.0, 2.0]]), 'row 1'),
    (lambda: Network([3, 2]).forward([[1.0, float('nan'), 3.0]]), 'column 1'),
    (lambda: Network([3, 2]).forward([[1.0, float('inf'), 3.0]]), 'column 1'),
    (lambda: Network([2, 2]).backward(Network([2, 2]).forward([[1.0, 2.0]]), [[1.0]]), 'Y'),
    (lambda: Network([2, 2]).backward(Network([2, 2]).forward([[1.0, 2.0]]),
                                      [[1.0, 0.0], [0.0, 1.0]]), '2 rows'),
    (lambda: Network([2, 2], 'tanh').backward(Network([2, 2], 'tanh').forward([[1.0, 2.0]]),
                                              [[1.0, 0.0]], 'bce'), 'needs a sigmoid'),
    (lambda: Network([2, 2], 'sigmoid').backward(Network([2, 2]).forward([[1.0, 2.0]]),
                                                 [[1.0, 0.0]], 'cce'), 'needs a softmax'),
    (lambda: Network([2, 2]).backward(Network([2, 2]).forward([[1.0, 2.0]]),
                                      [[1.0, 0.0]], 'hinge'), "unknown loss 'hinge'"),
    (lambda: Network([2, 2]).backward('not a trace', [[1.0, 0.0]]), 'Trace'),
])
def test_bad_input_raises_bperror(call, words):
    with pytest.raises(BPError) as info:
        call()
    assert words in str(info.value)


def test_data_round_trip_and_bad_data():
    net = Network([3, 4, 2], ['relu', 'softmax'], init='he', seed=5)
    net.class_names = ['x', 'y']
    back = Network.from_data(net.to_data())
    assert back.weights == net.weights and back.biases == net.biases
    assert back.activations == net.activations and back.class_names == ['x', 'y']
    bad = net.to_data()
    bad['weights'][1][0] = [1.0, 2.0]
    with pytest.raises(BPError) as info:
        Network.from_data(bad)
    assert 'layer 1: weights row 0 must have 4 values' in str(info.value)
    bad = net.to_data()
    del bad['biases']
    with pytest.raises(BPError) as info:
        Network.from_data(bad)
    assert "'biases'" in str(info.value)
    bad = net.to_data()
    bad['weights'][0][1][2] = 'x'
    with pytest.raises(BPError) as info:
        Network.from_data(bad)
    assert 'weight [1][2]' in str(info.value)
