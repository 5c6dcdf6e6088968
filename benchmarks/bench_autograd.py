"""Benchmark: micrograd (PyPI) vs bpcore.autograd on micrograd's demo.

Trains the demo MLP (2-16-16-1, ReLU, hinge loss + 1e-4 L2, full-batch SGD with
lr = 1 - 0.9 k / 100) on 100 moons points for 20 steps with both engines, from the *same*
initial weights (micrograd's random initial parameters are copied into the bpcore model), checks
that the loss trajectories agree and prints the timing ratio.

Run:  python benchmarks/bench_autograd.py [--steps 20] [--repeats 1] [--n 100]
Needs the ``micrograd`` package (pip install micrograd); CPython 3 only.
"""
from __future__ import absolute_import, division, print_function

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bpcore import autograd_nn  # noqa: E402
from bpcore.autograd import Value  # noqa: E402


def micrograd_run(X, y, init, steps):
    from micrograd.engine import Value as MValue
    from micrograd.nn import MLP as MMLP
    model = MMLP(2, [16, 16, 1])
    for p, v in zip(model.parameters(), init):
        p.data = v
    losses = []
    t0 = time.time()
    for k in range(steps):
        # micrograd's demo.ipynb loss(), verbatim in substance
        inputs = [list(map(MValue, xrow)) for xrow in X]
        scores = list(map(model, inputs))
        data_loss = [(1 + -yi * si).relu() for yi, si in zip(y, scores)]
        data_loss = sum(data_loss) * (1.0 / len(data_loss))
        reg_loss = 1e-4 * sum((p * p for p in model.parameters()))
        total = data_loss + reg_loss
        model.zero_grad()
        total.backward()
        lr = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= lr * p.grad
        losses.append(total.data)
    return time.time() - t0, losses


def bpcore_run(X, y, init, steps, fused=True, value_inputs=False):
    model = autograd_nn.MLP(2, [16, 16, 1], fused=fused)
    model.set_parameters(init)
    t0 = time.time()
    losses = []
    for k in range(steps):
        # value_inputs: the same work as micrograd, inputs wrapped as Value leaves
        Xin = [[Value(v) for v in row] for row in X] if value_inputs else X
        total, acc = autograd_nn.hinge_loss(model, Xin, y, 1e-4)
        model.zero_grad()
        total.backward()
        autograd_nn.sgd_step(model, 1.0 - 0.9 * k / 100)
        losses.append(total.data)
    return time.time() - t0, losses


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--steps', type=int, default=20)
    ap.add_argument('--repeats', type=int, default=1)
    ap.add_argument('--n', type=int, default=100)
    ap.add_argument('--seed', type=int, default=1337)
    args = ap.parse_args(argv)

    X, y01 = autograd_nn.make_moons(args.n, noise=0.1, seed=args.seed)
    y = [2 * t - 1 for t in y01]
    random.seed(args.seed)                      # micrograd draws its init from stdlib random
    from micrograd.nn import MLP as MMLP
    init = [p.data for p in MMLP(2, [16, 16, 1]).parameters()]

    best = {}
    traj = {}
    variants = [('micrograd', lambda: micrograd_run(X, y, init, args.steps)),
                ('bpcore fused', lambda: bpcore_run(X, y, init, args.steps, fused=True)),
                ('bpcore unfused', lambda: bpcore_run(X, y, init, args.steps, fused=False,
                                                      value_inputs=True))]
    for _ in range(args.repeats):
        for name, fn in variants:
            t, losses = fn()
            best[name] = min(best.get(name, t), t)
            traj[name] = losses

    print('micrograd demo MLP 2-16-16-1, %d moons points, %d full-batch steps, best of %d'
          % (args.n, args.steps, args.repeats))
    ok = True
    for name, _ in variants:
        diff = max(abs(a - b) for a, b in zip(traj[name], traj['micrograd']))
        same = diff <= 1e-9 * max(1.0, max(abs(a) for a in traj['micrograd']))
        ok = ok and same
        print('  %-15s %8.3f s   speed-up x%5.2f   max |loss - micrograd loss| %.2e %s'
              % (name, best[name], best['micrograd'] / best[name], diff,
                 'same trajectory' if same else 'DIFFERENT'))
    print('  loss: step 0 %.6f -> step %d %.6f'
          % (traj['micrograd'][0], args.steps - 1, traj['micrograd'][-1]))
    ratio = best['micrograd'] / best['bpcore fused']
    print('ratio micrograd / bpcore.autograd = %.2f (target >= 3)' % ratio)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
