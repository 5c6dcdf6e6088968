"""A built-in self-test: ``python -m bpcore selftest``, or inside Rhino's Python::

    import bpcore.selftest
    bpcore.selftest.main()

Stdlib only, a few seconds. Checks that this interpreter computes what bpcore's test suite
verified against PyTorch: the seeded generator's golden numbers and initial weights, backprop
against finite differences for every activation and loss, stable losses at extreme logits,
XOR training, a model save/load round trip, and a refused bad input. Prints one line per
check and ``N passed, M failed``.
"""
from __future__ import absolute_import, division, print_function

import os
import shutil
import tempfile

from bpcore.errors import BPError
from bpcore.gradcheck import gradient_check
from bpcore.model_io import load, save
from bpcore.network import Network
from bpcore.rng import Random
from bpcore.train import fit

__all__ = ['run', 'main', 'GOLDEN_RANDOM', 'GOLDEN_WEIGHTS']

# Random(42): the first three floats; bit-identical on every interpreter.
GOLDEN_RANDOM = [0.7415648787718233, 0.1599103928769201, 0.27860113025513866]
# Network([2, 3, 1], 'tanh', init='xavier', seed=42).weights[0][0]
GOLDEN_WEIGHTS = [0.5292421328173138, -0.7450989975775218]


def _check_random():
    r = Random(42)
    got = [r.random() for _ in range(3)]
    assert got == GOLDEN_RANDOM, 'Random(42) gave %r' % (got,)


def _check_weights():
    got = Network([2, 3, 1], 'tanh', init='xavier', seed=42).weights[0][0]
    assert got == GOLDEN_WEIGHTS, 'seeded weights are %r' % (got,)


def _check_gradients():
    X = [[0.1, -0.4, 0.7], [0.9, 0.2, -0.3], [-0.5, 0.8, 0.05]]
    cases = [('sigmoid', 'mse', [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]]),
             ('tanh', 'mse', [[0.3, -0.2], [0.1, 0.9], [-0.4, 0.2]]),
             ('leaky_relu', 'mse', [[0.3, -0.2], [0.1, 0.9], [-0.4, 0.2]]),
             ('linear', 'mse', [[0.3, -0.2], [0.1, 0.9], [-0.4, 0.2]]),
             ('sigmoid', 'bce', [[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]),
             ('softmax', 'cce', [[0.0, 1.0], [1.0, 0.0], [1.0, 0.0]])]
    for out, loss, Y in cases:
        for hidden in ('sigmoid', 'tanh', 'leaky_relu'):
            net = Network([3, 4, 2], [hidden, out], init='xavier', seed=3)
            worst = gradient_check(net, X, Y, loss)['worst']
            assert worst < 1e-6, '%s/%s/%s: relative error %.2e' % (hidden, out, loss, worst)


def _check_extremes():
    for act, loss in (('sigmoid', 'bce'), ('softmax', 'cce'), ('sigmoid', 'mse')):
        net = Network([1, 2], act, init='xavier', seed=0)
        net.weights = [[[1.0], [-1.0]]]
        for x in (1000.0, -1000.0):
            grads = net.backward(net.forward([[x]]), [[1.0, 0.0]], loss)
            values = [grads.loss] + grads.dW[0][0] + grads.dW[0][1] + grads.db[0]
            assert all(v == v and abs(v) != float('inf') for v in values), \
                '%s/%s at z=%s: %r' % (act, loss, x, values)


def _check_xor():
    X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    Y = [[0.0], [1.0], [1.0], [0.0]]
    net = Network([2, 4, 1], ['tanh', 'sigmoid'], init='xavier', seed=1)
    fit(net, X, Y, epochs=300, batch_size=4, optimizer='adam', lr=0.05, loss='bce', seed=1)
    got = net.predict_classes(X)
    assert got == [0, 1, 1, 0], 'XOR predictions %r' % (got,)


def _check_save_load():
    folder = tempfile.mkdtemp(prefix='bpcore-selftest-')
    try:
        net = Network([3, 4, 2], ['relu', 'softmax'], seed=5)
        net.class_names = ['a', 'b']
        path = save(net, os.path.join(folder, 'model.json'))
        back = load(path)
        assert back.weights == net.weights and back.biases == net.biases, 'weights changed'
        assert back.class_names == ['a', 'b'], 'class names changed'
    finally:
        shutil.rmtree(folder)


def _check_bad_input():
    net = Network([3, 2, 1], seed=0)
    for bad in ([[1.0, 2.0]], [[1.0, float('nan'), 2.0]], [[1.0, 2.0, 3.0], [1.0]]):
        try:
            net.forward(bad)
        except BPError:
            continue
        raise AssertionError('bad input %r was accepted' % (bad,))


CHECKS = [
    ('seeded random numbers are the golden ones', _check_random),
    ('seeded initial weights are the golden ones', _check_weights),
    ('backprop equals finite differences (18 nets)', _check_gradients),
    ('losses and gradients finite at z = +-1000', _check_extremes),
    ('XOR 2-4-1 learns all four cases', _check_xor),
    ('model save/load round trip', _check_save_load),
    ('bad input is refused with BPError', _check_bad_input),
]


def run():
    """Run every check; returns a list of ``(name, ok, detail)``."""
    results = []
    for name, check in CHECKS:
        try:
            check()
            results.append((name, True, ''))
        except Exception as exc:   # a self-test reports every failure, of any kind
            results.append((name, False, '%s: %s' % (type(exc).__name__, exc)))
    return results


def report(results):
    """The printed report: one line per check, then ``N passed, M failed``."""
    lines = []
    for name, ok, detail in results:
        lines.append('%s  %s%s' % ('ok  ' if ok else 'FAIL', name, ('  -- ' + detail) if detail else ''))
    passed = sum(1 for r in results if r[1])
    lines.append('%d passed, %d failed' % (passed, len(results) - passed))
    return '\n'.join(lines)


def main():
    """Run, print the report, and return ``(passed, failed)``."""
    results = run()
    print(report(results))
    passed = sum(1 for r in results if r[1])
    return passed, len(results) - passed
