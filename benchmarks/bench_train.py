"""Per-sample SGD on wine: bpcore against the naive neuron-dict baseline, in one run.

    python benchmarks/bench_train.py [--epochs 500] [--repeat 3]

The tutorial's setup on the UCI wine data (``examples/wine.csv``): 13-5-3 sigmoid, squared
error on one-hot targets, learning rate 0.3, per-sample SGD, 2/3 train split, min-max scaled.
All runs (bpcore's compiled kernel and its pure path; the baseline; and ``fused_kernel.py``, a
hand-fused list-based kernel for this one architecture) start from the same weights and visit
the samples in the same order, so they compute the same numbers (the script checks the final
weights agree to 1e-9) and reach the same accuracy; only the time differs. Prints each time
(best of --repeat) and the ratios.
Runs on any interpreter bpcore runs on (CPython 2.7 and 3.9 are Rhino's nearest relatives).
"""
from __future__ import absolute_import, division, print_function

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import fused_kernel  # noqa: E402
import naive_backprop  # noqa: E402
from bpcore import data  # noqa: E402
from bpcore.network import Network  # noqa: E402
from bpcore.rng import Random  # noqa: E402
from bpcore.train import Trainer  # noqa: E402


def load():
    ds = data.read_csv(os.path.join(os.path.dirname(HERE), 'examples', 'wine.csv'),
                       label='class')
    X, y, Y = ds.X, ds.y, ds.Y
    Xtr, Xte, Ytr, Yte = data.train_test_split(X, Y, test_size=1.0 / 3, seed=0, stratify=y)
    scaler = data.MinMaxScaler().fit(Xtr)
    return scaler.transform(Xtr), scaler.transform(Xte), Ytr, Yte


def accuracy(predicted, Y):
    return sum(1 for p, t in zip(predicted, Y) if p == data.argmax(t)) / len(Y)


def run_bpcore(start, Xtr, Ytr, epochs, backend='compiled'):
    net = start.copy()
    trainer = Trainer(net, Xtr, Ytr, loss='mse', optimizer='sgd', lr=0.3, batch_size=1,
                      seed=0, backend=backend)
    began = time.time()
    trainer.run(epochs)
    return time.time() - began, net


def run_naive(start, Xtr, Ytr, epochs):
    layers = naive_backprop.from_bpcore(start)
    rng = Random(0)                                   # the same sample order as bpcore's
    orders = [rng.permutation(len(Xtr)) for _ in range(epochs)]
    began = time.time()
    naive_backprop.train_network(layers, Xtr, Ytr, 0.3, epochs, orders)
    return time.time() - began, layers


def run_fused(start, Xtr, Ytr, epochs):
    W1, W2 = [[list(r) for r in W] for W in start.weights]
    b1, b2 = [list(b) for b in start.biases]
    rng = Random(0)
    orders = [rng.permutation(len(Xtr)) for _ in range(epochs)]
    began = time.time()
    fused_kernel.train(W1, b1, W2, b2, Xtr, Ytr, 0.3, orders)
    return time.time() - began, (W1, W2, b1, b2)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--epochs', type=int, default=500)
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args(argv)
    Xtr, Xte, Ytr, Yte = load()
    start = Network([13, 5, 3], 'sigmoid', init='uniform', seed=0)
    best = {'bpcore': None, 'naive': None, 'fused': None, 'pure': None}
    for _ in range(args.repeat):
        t_b, net = run_bpcore(start, Xtr, Ytr, args.epochs)
        t_p, pure = run_bpcore(start, Xtr, Ytr, args.epochs, 'pure')
        t_n, layers = run_naive(start, Xtr, Ytr, args.epochs)
        t_f, fused = run_fused(start, Xtr, Ytr, args.epochs)
        best['bpcore'] = min(t_b, best['bpcore'] or t_b)
        best['naive'] = min(t_n, best['naive'] or t_n)
        best['fused'] = min(t_f, best['fused'] or t_f)
        best['pure'] = min(t_p, best['pure'] or t_p)
    diff = max(abs(w - n['weights'][i])
               for W, b, layer in zip(net.weights, net.biases, layers)
               for row, bias, n in zip(W, b, layer)
               for i, w in enumerate(list(row) + [bias]))
    diff = max(diff, max(abs(a - b) for A, B in zip(net.weights, fused[:2])
                         for ra, rb in zip(A, B) for a, b in zip(ra, rb)))
    diff = max(diff, max(abs(a - b) for A, B in zip(net.weights, pure.weights)
                         for ra, rb in zip(A, B) for a, b in zip(ra, rb)))
    acc_b = accuracy(net.predict_classes(Xte), Yte)
    acc_n = accuracy([naive_backprop.predict(layers, x) for x in Xte], Yte)
    steps = args.epochs * len(Xtr)
    print('wine 13-5-3 sigmoid, per-sample SGD, lr 0.3, %d epochs x %d rows = %d steps (%s)'
          % (args.epochs, len(Xtr), steps, sys.version.split()[0]))
    print('  naive neuron dicts : %6.3f s  %5.1f us/step  test accuracy %.3f'
          % (best['naive'], 1e6 * best['naive'] / steps, acc_n))
    print('  bpcore (pure)      : %6.3f s  %5.1f us/step'
          % (best['pure'], 1e6 * best['pure'] / steps))
    print('  bpcore (compiled)  : %6.3f s  %5.1f us/step  test accuracy %.3f'
          % (best['bpcore'], 1e6 * best['bpcore'] / steps, acc_b))
    print('  hand-fused pure-Python kernel: %6.3f s  %5.1f us/step'
          % (best['fused'], 1e6 * best['fused'] / steps))
    print('  speed-up bpcore / naive: %.2fx (pure %.2fx);  hand-fused / naive: %.2fx   (max '
          'weight difference %.1e)' % (best['naive'] / best['bpcore'], best['naive'] / best['pure'],
                                       best['naive'] / best['fused'], diff))
    if diff > 1e-9:
        print('  WARNING: the two runs disagree')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
