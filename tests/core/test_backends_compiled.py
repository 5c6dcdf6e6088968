"""Compiled kernels against the pure path: same weights, history and optimiser state.

The pure path (lists of rows, one epoch at a time) is the reference. Where ``sum`` adds left
to right (CPython 2.7, 3.9-3.11) the kernel must give the same bits; CPython 3.12+ sums
floats with compensation, so there the tolerance is 1e-12 relative.
"""
import sys

import pytest

from bpcore import backends
from bpcore.activations import ACTIVATIONS
from bpcore.backends import compiled
from bpcore.errors import BPError, TrainingError
from bpcore.network import Network
from bpcore.optim import SGD, Adam
from bpcore.rng import Random
from bpcore.train import Trainer, fit

EXACT = sys.version_info < (3, 12)
N = 15                      # batches of 7: 7, 7 and a last batch of one sample


def close(a, b, rel=1e-12):
    if EXACT:
        return a == b
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def flat(net):
    out = []
    for W, b in zip(net.weights, net.biases):
        for row in W:
            out.extend(row)
        out.extend(b)
    return out


def data(n_in, n_out, kind, seed=0):
    """``kind``: 'onehot', 'binary' (one 0/1 column per output) or 'real'."""
    rng = Random(seed)
    X = [[rng.uniform(-1.0, 1.0) for _ in range(n_in)] for _ in range(N)]
    if kind == 'onehot':
        Y = [[1.0 if c == i % n_out else 0.0 for c in range(n_out)] for i in range(N)]
    elif kind == 'binary':
        Y = [[float(rng.randint(0, 1)) for _ in range(n_out)] for _ in range(N)]
    else:
        Y = [[rng.uniform(-0.5, 0.5) for _ in range(n_out)] for _ in range(N)]
    return X, Y


def grid():
    """(hidden activation, output activation, loss, target kind) covering every activation
    in both places and every loss."""
    cases = []
    for act in sorted(ACTIVATIONS):
        hidden = act if act != 'softmax' else 'sigmoid'
        kind = 'onehot' if act in ('sigmoid', 'softmax') else 'real'
        cases.append((hidden, act, 'mse', kind))
    for hidden in sorted(ACTIVATIONS):
        if hidden == 'softmax':
            continue
        cases.append((hidden, 'sigmoid', 'bce', 'binary'))
        cases.append((hidden, 'softmax', 'cce', 'onehot'))
    return cases


def run(backend, hidden, out, loss, kind, batch_size, optimizer, epochs=3, n_out=3, seed=0):
    net = Network([4, 5, n_out], [hidden, out], init='xavier', seed=seed)
    X, Y = data(4, n_out, kind, seed)
    trainer = Trainer(net, X, Y, loss=loss, optimizer=optimizer, batch_size=batch_size,
                      seed=seed, backend=backend)
    trainer.run(epochs)
    return net, trainer


def assert_same(a, b):
    net_a, tr_a = a
    net_b, tr_b = b
    assert tr_b.backend_used == 'compiled' and tr_a.backend_used == 'pure'
    wa, wb = flat(net_a), flat(net_b)
    assert len(wa) == len(wb)
    assert all(close(x, y) for x, y in zip(wa, wb)), max(abs(x - y) for x, y in zip(wa, wb))
    assert all(close(x, y) for x, y in zip(tr_a.history.loss, tr_b.history.loss))
    assert tr_a.history.accuracy == tr_b.history.accuracy
    assert tr_a.optimizer.state['steps'] == tr_b.optimizer.state['steps']


@pytest.mark.parametrize('batch_size', [1, 7, N])
@pytest.mark.parametrize('case', grid())
def test_every_activation_and_loss_matches_pure(case, batch_size):
    hidden, out, loss, kind = case
    a = run('pure', hidden, out, loss, kind, batch_size, SGD(lr=0.2))
    b = run('compiled', hidden, out, loss, kind, batch_size, SGD(lr=0.2))
    assert_same(a, b)


OPTIMIZERS = [
    lambda: SGD(lr=0.1, momentum=0.9),
    lambda: SGD(lr=0.1, momentum=0.8, nesterov=True, weight_decay=0.01),
    lambda: SGD(lr=0.1, weight_decay=0.05),
    lambda: Adam(lr=0.01),
    lambda: Adam(lr=0.01, weight_decay=0.01),
]


@pytest.mark.parametrize('batch_size', [1, 7, N])
@pytest.mark.parametrize('make', OPTIMIZERS)
@pytest.mark.parametrize('case', [('tanh', 'softmax', 'cce', 'onehot'),
                                  ('relu', 'linear', 'mse', 'real')])
def test_optimizers_match_pure(case, make, batch_size):
    hidden, out, loss, kind = case
    a = run('pure', hidden, out, loss, kind, batch_size, make())
    b = run('compiled', hidden, out, loss, kind, batch_size, make())
    assert_same(a, b)
    sa, sb = a[1].optimizer.state, b[1].optimizer.state
    for key in ('m', 'v'):
        if key in sa:
            assert all(close(x, y) for x, y in zip(_flat(sa[key]), _flat(sb[key])))
    if sa.get('buffers') and sa['buffers'][0][0] is not None:
        assert all(close(x, y) for x, y in zip(_flat(sa['buffers']), _flat(sb['buffers'])))


def _flat(tensors):
    return [v for t in tensors for row in t for v in row]


@pytest.mark.parametrize('batch_size', [1, 3])
def test_one_output_classifier_and_deeper_network(batch_size):
    for sizes, acts, loss in (([2, 3, 1], ['tanh', 'sigmoid'], 'bce'),
                              ([3, 4, 3, 2], ['relu', 'leaky_relu', 'softmax'], 'cce')):
        nets = []
        for backend in ('pure', 'compiled'):
            net = Network(sizes, acts, seed=3)
            X, Y = data(sizes[0], sizes[-1], 'binary' if loss == 'bce' else 'onehot', 3)
            h = fit(net, X, Y, epochs=4, batch_size=batch_size, loss=loss, lr=0.3,
                    backend=backend)
            nets.append((net, h))
        assert nets[1][0].training['backend'] == 'compiled'
        assert all(close(x, y) for x, y in zip(flat(nets[0][0]), flat(nets[1][0])))
        assert nets[0][1].accuracy == nets[1][1].accuracy


def test_tutorial_wine_sized_run_is_bit_identical_over_many_epochs():
    a = run('pure', 'sigmoid', 'sigmoid', 'mse', 'onehot', 1, SGD(lr=0.3), epochs=40)
    b = run('compiled', 'sigmoid', 'sigmoid', 'mse', 'onehot', 1, SGD(lr=0.3), epochs=40)
    assert_same(a, b)


def test_callbacks_validation_and_early_stopping_see_each_epoch():
    X, Y = data(4, 3, 'onehot')
    seen = {}
    for backend in ('pure', 'compiled'):
        net = Network([4, 5, 3], ['tanh', 'softmax'], seed=1)
        weights = []

        def callback(epoch, history, net=net, weights=weights):
            weights.append(flat(net))
            return epoch == 6

        h = fit(net, X, Y, epochs=20, batch_size=4, loss='cce', lr=0.5,
                validation_data=(X[:5], Y[:5]), early_stopping=3, callback=callback,
                backend=backend)
        seen[backend] = (weights, h.to_data(), net.training.get('stopped'))
    (wp, hp, sp), (wc, hc, sc) = seen['pure'], seen['compiled']
    assert len(wp) == len(wc) and sp == sc
    for a, b in zip(wp, wc):
        assert all(close(x, y) for x, y in zip(a, b))
    for key in ('loss', 'val_loss', 'accuracy', 'val_accuracy'):
        assert all(close(x, y) for x, y in zip(hp[key], hc[key]))


def test_continued_runs_equal_one_run():
    X, Y = data(4, 3, 'onehot')
    one = Network([4, 5, 3], 'sigmoid', seed=2)
    Trainer(one, X, Y, optimizer='nesterov', lr=0.1, batch_size=4,
            backend='compiled').run(10)
    parts = Network([4, 5, 3], 'sigmoid', seed=2)
    t = Trainer(parts, X, Y, optimizer='nesterov', lr=0.1, batch_size=4, backend='compiled')
    t.run(3)
    t.run(0)
    t.run(7)
    assert flat(one) == flat(parts)


@pytest.mark.parametrize('batch_size', [1, 3])
def test_divergence_keeps_the_last_finite_epoch(batch_size):
    X = [[float(i)] for i in range(1, 11)]
    Y = [[1e3 * i] for i in range(1, 11)]
    results = {}
    for backend in ('pure', 'compiled'):
        net = Network([1, 8, 1], ['relu', 'linear'], init='he', seed=0)
        t = Trainer(net, X, Y, lr=10.0, batch_size=batch_size, backend=backend)
        with pytest.raises(TrainingError):
            t.run(50)
        results[backend] = (flat(net), t.epoch, t.history.loss)
    assert results['pure'][1] == results['compiled'][1]
    assert results['pure'][2] == results['compiled'][2] or not EXACT
    assert all(close(a, b) for a, b in zip(results['pure'][0], results['compiled'][0]))


def test_changed_network_never_runs_a_stale_kernel():
    X, Y = data(4, 3, 'onehot')
    runs = {}
    for backend in ('pure', 'compiled'):
        net = Network([4, 5, 3], 'sigmoid', seed=0)
        t = Trainer(net, X, Y, lr=0.3, backend=backend)
        t.run(1)
        # weights replaced between runs: the kernel reads the new ones
        fresh = Network([4, 5, 3], 'sigmoid', seed=9)
        net.weights, net.biases = fresh.weights, fresh.biases
        t.run(2)
        runs[backend] = (net, t)
    assert all(close(a, b) for a, b in zip(flat(runs['pure'][0]), flat(runs['compiled'][0])))
    net, t = runs['compiled']
    # a hidden layer resized (sizes and weights): a new kernel for the new shape
    wide = Network([4, 7, 3], 'sigmoid', seed=1)
    net.sizes, net.weights, net.biases = wide.sizes, wide.weights, wide.biases
    t.run(1)
    assert len(net.weights[0]) == 7 and len(net.weights[1][0]) == 7
    # lists resized without sizes: refused, never run with the old kernel
    net.weights[0].append([0.0] * 4)
    with pytest.raises(BPError):
        t.run(1)


def test_cache_is_bounded_and_reused():
    compiled.clear_cache()
    X, Y = data(4, 3, 'onehot')
    for width in range(1, compiled.CACHE_SIZE + 6):
        fit(Network([4, width, 3], 'sigmoid'), X, Y, epochs=1, backend='compiled')
    info = compiled.cache_info()
    assert info['size'] == compiled.CACHE_SIZE
    before = info['hits']
    fit(Network([4, compiled.CACHE_SIZE + 5, 3], 'sigmoid'), X, Y, epochs=1,
        backend='compiled')
    assert compiled.cache_info()['hits'] == before + 1
    assert compiled.cache_info()['size'] == compiled.CACHE_SIZE


def test_size_limit_and_selection():
    small = Network([4, 5, 3])
    big = Network([100, 50, 10])
    assert big.n_params > compiled.MAX_PARAMS >= small.n_params
    assert backends.select('compiled', small, 1, 10) == 'compiled'
    assert backends.select('compiled', big, 1, 10) == 'pure'        # too big: pure path
    assert backends.select('pure', small, 1, 10) == 'pure'
    assert backends.select('auto', small, 1, 10) == 'compiled'
    with pytest.raises(BPError) as info:
        backends.select('gpu', small, 1, 10)
    assert 'auto, pure, compiled, numpy' in str(info.value)
    X = [[0.1] * 100, [0.2] * 100]
    Y = [[1.0] + [0.0] * 9, [0.0, 1.0] + [0.0] * 8]
    net = big.copy()
    fit(net, X, Y, epochs=1, backend='compiled')
    assert net.training['backend'] == 'pure'


def test_predict_backends_agree():
    net = Network([4, 6, 3], ['leaky_relu', 'softmax'], seed=4)
    X, _ = data(4, 3, 'onehot')
    assert net.predict(X, backend='compiled') == net.predict(X) or not EXACT
    out = net.predict(X, backend='compiled')
    ref = net.predict(X)
    assert all(close(a, b) for ra, rb in zip(out, ref) for a, b in zip(ra, rb))
    assert net.predict_classes(X, backend='compiled') == net.predict_classes(X)


def test_kernel_source_is_readable_and_compiles_here():
    net = Network([2, 3, 1], ['tanh', 'sigmoid'])
    for optimizer in ('sgd', 'momentum', 'nesterov', 'adam'):
        for batch_size in (1, 4):
            source = net.kernel_source('bce', optimizer, batch_size)
            assert source.startswith('"""')
            assert source.splitlines()[1] == \
                'from __future__ import absolute_import, division, print_function'
            compile(source, 'kernel', 'exec')       # this interpreter (2.7, 3.9, 3.11...)
    source = net.kernel_source('mse')
    assert 'z0_0 = b0_0 + (w0_0_0 * x0 + w0_0_1 * x1)' in source
    assert 'w1_0_2 -= s * a0_2' in source


def sparse_data(n_in, n_out, seed):
    """Rows about half exact zeros (like pixels): the kernels' zero-skipping blocks run."""
    rng = Random(seed)
    X = [[rng.uniform(0.0, 1.0) if rng.random() < 0.5 else 0.0 for _ in range(n_in)]
         for _ in range(N)]
    X[0] = [0.0] * n_in                       # an all-zero row too
    Y = [[1.0 if c == i % n_out else 0.0 for c in range(n_out)] for i in range(N)]
    return X, Y


@pytest.mark.parametrize('batch_size', [1, 7, N])
@pytest.mark.parametrize('make', [lambda: SGD(lr=0.3), lambda: SGD(lr=0.1, momentum=0.9),
                                  lambda: Adam(lr=0.01)])
def test_zero_inputs_skipped_with_the_same_numbers(make, batch_size):
    # 33 inputs (>= SPARSE_WIDTH, an odd count: the last column outside the pairs) and a relu
    # layer feeding 5 neurons: both kinds of zero-skipping blocks, forward and gradients
    sizes, acts = [33, 6, 5, 4], ['relu', 'relu', 'softmax']
    source = compiled.kernel_source(sizes, acts, 'cce', batch_size > 1, ('sgd', False, False,
                                                                         False))
    assert 'if x32:' in source and 'if a0_5:' in source and 'if a1_4:' in source
    results = []
    for backend in ('pure', 'compiled'):
        net = Network(sizes, acts, init='he', seed=5)
        X, Y = sparse_data(33, 4, 5)
        trainer = Trainer(net, X, Y, loss='cce', optimizer=make(), batch_size=batch_size,
                          seed=5, backend=backend)
        trainer.run(4)
        results.append((net, trainer))
    assert_same(*results)
    assert flat(results[0][0]) != flat(Network(sizes, acts, init='he', seed=5))   # it learned
