"""Fields: a 200 x 200 decision surface and a 40,000-point field, each one batch prediction.

    python benchmarks/bench_fields.py [--cells 199] [--repeat 3]

Times :func:`bpcore.drawing.network_surface` (grid points, one ``predict`` call, colours,
mesh data) for a 2-8-1 and a sliced 4-16-16-2 network on a 200 x 200 vertex grid, and
:func:`bpcore.drawing.network_field` on the same 40,000 points, best of --repeat. The target
(issue 13) is 0.3 s on CPython for the grid; the prediction goes through
``drawing.surface.predict_batch`` (one call: ``net.predict(X, backend='auto')`` when the network
offers backends, else plain ``net.predict``), and the time of that call alone is shown too.
With NumPy installed, the same forward pass in NumPy is timed as the reference of what a
vectorised backend gives.
"""
from __future__ import absolute_import, division, print_function

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from bpcore import drawing  # noqa: E402
from bpcore.drawing import surface  # noqa: E402
from bpcore.network import Network  # noqa: E402


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        started = time.time()
        fn()
        times.append(time.time() - started)
    return min(times)


def numpy_forward(net, X):
    import numpy as np
    A = np.asarray(X, dtype=float)
    for W, b, act in zip(net.weights, net.biases, net.activations):
        Z = A @ np.asarray(W).T + np.asarray(b)
        if act == 'tanh':
            A = np.tanh(Z)
        elif act == 'sigmoid':
            A = 1.0 / (1.0 + np.exp(-Z))
        elif act == 'softmax':
            E = np.exp(Z - Z.max(axis=1, keepdims=True))
            A = E / E.sum(axis=1, keepdims=True)
        else:
            A = Z
    return A.tolist()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cells', type=int, default=199, help='cells along x and y')
    ap.add_argument('--repeat', type=int, default=3)
    args = ap.parse_args(argv)
    n = args.cells + 1
    print('%s, %d x %d grid (%d points), best of %d'
          % (sys.version.split()[0], n, n, n * n, args.repeat))
    for sizes, acts in (([2, 8, 1], ['tanh', 'sigmoid']),
                        ([4, 16, 16, 2], ['tanh', 'tanh', 'softmax'])):
        net = Network(sizes, acts, seed=0)
        grid = best(lambda: drawing.network_surface(net, resolution=(args.cells, args.cells)),
                    args.repeat)
        pts = surface._grid_points(0.0, 1.0, 0.0, 1.0, n, n)
        rows = surface.slice_rows(pts, [0, 1], surface.default_fixed(net))
        pred = best(lambda: surface.predict_batch(net, rows), args.repeat)
        field = best(lambda: drawing.network_field(net, [(x, y, 0.0) for x, y in pts],
                                                   axes=[0, 1]), args.repeat)
        line = ('%-12s surface %.3f s (predict %.3f s), field %.3f s'
                % ('-'.join(map(str, sizes)), grid, pred, field))
        try:
            np_time = best(lambda: numpy_forward(net, rows), args.repeat)
            line += ', numpy forward %.3f s' % np_time
        except ImportError:
            line += ', numpy not installed'
        print(line + ('  [target 0.3 s: %s]' % ('met' if grid <= 0.3 else 'NOT met')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
