"""Where the compiled kernels stop paying: compile time and speed against the pure path by size.

    python benchmarks/bench_compile.py [--samples 200] [--sizes 13-5-3,64-32-10,...]

For each network (relu/softmax, cross-entropy, plain SGD) it measures the source size, the
time to generate + compile() the one-sample and the mini-batch (32) kernels, and one epoch of
``--samples`` random samples with each kernel (already compiled) and with the pure path (CPU
seconds). The
speed-up shrinks as layers widen (wide dot products are what ``sum(map(mul, ...))`` does
well) while the compile time grows with the parameter count: ``compiled.MAX_PARAMS`` is set
where the compile stays well under a second and the kernel still clearly wins.
Runs on any interpreter bpcore runs on.
"""
from __future__ import absolute_import, division, print_function

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from bench_backends import clock  # noqa: E402
from bpcore.backends import compiled  # noqa: E402
from bpcore.network import Network  # noqa: E402
from bpcore.rng import Random  # noqa: E402
from bpcore.train import Trainer  # noqa: E402


def epoch(net, X, Y, batch_size, backend):
    if backend == 'compiled':                 # compile first: the epoch alone is timed
        Trainer(net.copy(), X[:1], Y[:1], loss='cce', lr=0.05, batch_size=batch_size,
                backend=backend).run(1)
    trainer = Trainer(net.copy(), X, Y, loss='cce', lr=0.05, batch_size=batch_size,
                      backend=backend)
    began = clock()
    trainer.run(1)
    return clock() - began


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--samples', type=int, default=1000)
    parser.add_argument('--sizes', default='13-5-3,64-32-10,100-40-10,100-64-10,200-64-10')
    args = parser.parse_args(argv)
    print('| network | params | source lines | compile 1-sample / batch (s) | epoch pure / '
          'compiled, batch 1 (s) | epoch pure / compiled, batch 32 (s) |')
    print('|---|---:|---:|---:|---:|---:|')
    for text in args.sizes.split(','):
        sizes = [int(v) for v in text.split('-')]
        net = Network(sizes, ['relu'] * (len(sizes) - 2) + ['softmax'], seed=0)
        rng = Random(1)
        X = [[rng.random() for _ in range(sizes[0])] for _ in range(args.samples)]
        Y = [[1.0 if c == i % sizes[-1] else 0.0 for c in range(sizes[-1])]
             for i in range(args.samples)]
        spec = compiled.optimizer_spec('sgd')
        times = []
        lines = 0
        for batch in (False, True):
            began = clock()
            source = compiled.kernel_source(sizes, net.activations, 'cce', batch, spec, True)
            compile(source, 'kernel', 'exec')
            times.append(clock() - began)
            lines = max(lines, source.count('\n'))
        limit = compiled.MAX_PARAMS
        compiled.MAX_PARAMS = 10 ** 9             # measure above the limit too
        try:
            one = (epoch(net, X, Y, 1, 'pure'), epoch(net, X, Y, 1, 'compiled'))
            many = (epoch(net, X, Y, 32, 'pure'), epoch(net, X, Y, 32, 'compiled'))
        finally:
            compiled.MAX_PARAMS = limit
        print('| %s | %d | %d | %.2f / %.2f | %.2f / %.2f (%.1fx) | %.2f / %.2f (%.1fx) |'
              % (text, net.n_params, lines, times[0], times[1], one[0], one[1],
                 one[0] / max(one[1], 1e-9), many[0], many[1], many[0] / max(many[1], 1e-9)))
    print('(CPU seconds; the compiled epochs exclude the compile, shown apart; %s)'
          % sys.version.split()[0])
    return 0


if __name__ == '__main__':
    sys.exit(main())
