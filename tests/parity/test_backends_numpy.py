"""The numpy backend against the pure path (1e-10 relative) on the compiled kernels' grid,
and the generated kernel source through vermin (2.7-valid)."""
import os
import subprocess
import sys
import tempfile

import pytest

from bpcore import backends
from bpcore.backends import compiled
from bpcore.network import Network
from bpcore.optim import SGD, Adam
from bpcore.train import Trainer, fit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'core'))

from test_backends_compiled import N, data, flat, grid  # noqa: E402


def close(a, b, rel=1e-10):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)


def run(backend, hidden, out, loss, kind, batch_size, optimizer, epochs=3, n_out=3):
    net = Network([4, 5, n_out], [hidden, out], seed=0)
    X, Y = data(4, n_out, kind)
    trainer = Trainer(net, X, Y, loss=loss, optimizer=optimizer, batch_size=batch_size,
                      backend=backend)
    trainer.run(epochs)
    return net, trainer


def assert_close(a, b):
    (net_a, tr_a), (net_b, tr_b) = a, b
    assert tr_b.backend_used == 'numpy'
    wa, wb = flat(net_a), flat(net_b)
    assert all(close(x, y) for x, y in zip(wa, wb)), max(abs(x - y) for x, y in zip(wa, wb))
    assert all(close(x, y) for x, y in zip(tr_a.history.loss, tr_b.history.loss))
    assert tr_a.history.accuracy == tr_b.history.accuracy
    assert tr_a.optimizer.state['steps'] == tr_b.optimizer.state['steps']
    assert all(isinstance(v, float) for v in wb)          # lists of floats, not numpy scalars


@pytest.mark.parametrize('batch_size', [1, 7, N])
@pytest.mark.parametrize('case', grid())
def test_every_activation_and_loss_matches_pure(case, batch_size):
    hidden, out, loss, kind = case
    assert_close(run('pure', hidden, out, loss, kind, batch_size, SGD(lr=0.2)),
                 run('numpy', hidden, out, loss, kind, batch_size, SGD(lr=0.2)))


@pytest.mark.parametrize('batch_size', [1, 7, N])
@pytest.mark.parametrize('make', [lambda: SGD(lr=0.1, momentum=0.9),
                                  lambda: SGD(lr=0.1, momentum=0.8, nesterov=True,
                                              weight_decay=0.01),
                                  lambda: SGD(lr=0.1, weight_decay=0.05),
                                  lambda: Adam(lr=0.01),
                                  lambda: Adam(lr=0.01, weight_decay=0.01)])
def test_optimizers_match_pure(make, batch_size):
    a = run('pure', 'tanh', 'softmax', 'cce', 'onehot', batch_size, make())
    b = run('numpy', 'tanh', 'softmax', 'cce', 'onehot', batch_size, make())
    assert_close(a, b)
    sa, sb = a[1].optimizer.state, b[1].optimizer.state
    for key in ('m', 'v', 'buffers'):
        if sa.get(key) and sa[key][0][0] is not None:
            fa = [v for t in sa[key] for row in t for v in row]
            fb = [v for t in sb[key] for row in t for v in row]
            assert all(close(x, y) for x, y in zip(fa, fb))


def test_one_output_and_non_one_hot_cce_and_deeper():
    for sizes, acts, loss, kind in (([2, 3, 1], ['tanh', 'sigmoid'], 'bce', 'binary'),
                                    ([3, 4, 3, 3], ['relu', 'leaky_relu', 'softmax'], 'cce',
                                     'onehot')):
        nets = []
        for backend in ('pure', 'numpy'):
            net = Network(sizes, acts, seed=3)
            X, Y = data(sizes[0], sizes[-1], kind, 3)
            if loss == 'cce':
                Y = [[0.5 * v + 0.1 for v in row] for row in Y]     # soft labels, sum != 1
            fit(net, X, Y, epochs=4, batch_size=4, loss=loss, lr=0.3, backend=backend)
            nets.append(net)
        assert nets[1].training['backend'] == 'numpy'
        assert all(close(x, y) for x, y in zip(flat(nets[0]), flat(nets[1])))


def test_continued_runs_and_callbacks():
    X, Y = data(4, 3, 'onehot')
    one = Network([4, 5, 3], 'sigmoid', seed=2)
    Trainer(one, X, Y, optimizer='adam', lr=0.05, batch_size=4, backend='numpy').run(8)
    parts = Network([4, 5, 3], 'sigmoid', seed=2)
    t = Trainer(parts, X, Y, optimizer='adam', lr=0.05, batch_size=4, backend='numpy')
    t.run(3)
    t.run(5)
    assert flat(one) == flat(parts)
    seen = []
    net = Network([4, 5, 3], 'sigmoid', seed=2)
    h = fit(net, X, Y, epochs=8, batch_size=4, optimizer='adam', lr=0.05, backend='numpy',
            callback=lambda epoch, history: seen.append(flat(net)))
    assert len(seen) == 8 and seen[-1] == flat(one) and h.epochs == 8


def test_predict_and_auto():
    net = Network([4, 6, 3], ['sigmoid', 'softmax'], seed=4)
    X, _ = data(4, 3, 'onehot')
    out = net.predict(X, backend='numpy')
    ref = net.predict(X)
    assert all(close(a, b, 1e-12) for ra, rb in zip(out, ref) for a, b in zip(ra, rb))
    big = Network([64, 32, 10])
    assert backends.select('auto', big, 32, 1000) == 'numpy'
    assert backends.select('auto', big, 1, 1000) == 'compiled'
    assert backends.select('auto', Network([2, 4, 1]), 4, 4) == 'compiled'
    assert backends.select('auto', Network([784, 64, 10]), 1, 100) == 'numpy'
    assert backends.select('auto', Network([784, 64, 10]), 32, 100) == 'numpy'


def test_numpy_is_not_imported_by_bpcore():
    code = ('import sys; import bpcore, bpcore.backends, bpcore.train; '
            'from bpcore.network import Network; from bpcore.train import fit; '
            'fit(Network([2, 3, 1]), [[0, 1], [1, 0]], [[1], [0]], epochs=2); '
            'print("numpy" in sys.modules)')
    out = subprocess.check_output([sys.executable, '-c', code],
                                  cwd=os.path.dirname(os.path.dirname(HERE)))
    assert out.decode().strip() == 'False'


def test_generated_kernels_pass_vermin():
    net = Network([3, 4, 2], ['leaky_relu', 'softmax'])
    vermin = os.path.join(os.path.dirname(sys.executable), 'vermin')
    folder = tempfile.mkdtemp()
    sources = [compiled.predict_source(net.sizes, net.activations)]
    for optimizer in ('sgd', 'momentum', 'nesterov', 'adam'):
        for batch_size in (1, 8):
            sources.append(net.kernel_source('cce', optimizer, batch_size))
    sources.append(Network([2, 3, 1], ['tanh', 'sigmoid']).kernel_source('bce'))
    sources.append(Network([2, 3, 2], ['relu', 'linear']).kernel_source(
        'mse', SGD(lr=0.1, momentum=0.5, weight_decay=0.1), 4, classification=False))
    for i, source in enumerate(sources):
        with open(os.path.join(folder, 'kernel%d.py' % i), 'w') as f:
            f.write(source)
    proc = subprocess.run([vermin, '-t=2.7-', '-t=3.9-', '--violations', '--no-tips', folder],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.returncode == 0, proc.stdout.decode('utf-8')
