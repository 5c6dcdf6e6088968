"""Live training by time budget: how long each BP Train solution takes (issue 13).

    python benchmarks/bench_live.py [--budget 100] [--epochs 3] [--samples 1000]

Runs the real ``gh_components/BP_Train/code.py`` through the fake-Grasshopper harness
(``tests/gh/harness.py``, needs rhino3dm) on 1,000 samples x 8 inputs, a 8-16-16-1 sigmoid
network, per-sample SGD: one epoch takes longer than the budget, so solutions end part-way
through epochs. Prints the time of every solution (input conversion, training, outputs) and
the worst one against the budget; exits 1 when a solution takes more than 1.5 x the budget.
The same run at once (BP Train, not live) is timed for comparison, and the two must give the
same weights.
"""
from __future__ import absolute_import, division, print_function

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'gh'))

from harness import load_component, run_component  # noqa: E402
from bpcore.network import Network  # noqa: E402
from bpcore.rng import Random  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--budget', type=int, default=100, help='budget_ms per solution')
    ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--samples', type=int, default=1000)
    args = ap.parse_args(argv)
    rng = Random(7)
    X = [[rng.random() for _ in range(8)] for _ in range(args.samples)]
    Y = [[0.25 + 0.5 * x[0] * x[1] + 0.2 * x[7]] for x in X]
    net = Network([8, 16, 16, 1], 'sigmoid', seed=0)
    opts = run_component('BP_Train_Options', batch_size=1, optimizer='sgd', lr=0.1,
                         budget_ms=args.budget)['options']
    comp = load_component('BP_Train')
    times = []
    started = time.time()
    r = comp.run(net=net, X=X, Y=Y, epochs=args.epochs, options=opts, live=True, run=True)
    times.append(time.time() - started)
    while comp.pending_schedules:
        started = time.time()
        r = comp.tick()
        times.append(time.time() - started)
    live_total = sum(times)
    started = time.time()
    once = load_component('BP_Train').run(net=net, X=X, Y=Y, epochs=args.epochs, options=opts,
                                          run=True)
    once_time = time.time() - started
    budget = args.budget / 1000.0
    print('%d samples x 8, 8-16-16-1, batch 1, %d epochs, budget %d ms'
          % (args.samples, args.epochs, args.budget))
    print('live: %d solutions, %.2f s in all; each (ms): %s'
          % (len(times), live_total, ' '.join('%.0f' % (1000 * t) for t in times)))
    print('worst solution %.0f ms = %.2f x budget (limit 1.5 x); median %.0f ms'
          % (1000 * max(times), max(times) / budget, 1000 * sorted(times)[len(times) // 2]))
    print('not live: one solution of %.2f s (the canvas waits that long)' % once_time)
    print('message: %s' % r.message)
    same = (r['trained'].weights == once['trained'].weights)
    print('live and at once give the same weights: %s' % same)
    ok = same and max(times) <= 1.5 * budget
    if not ok:
        print('FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
